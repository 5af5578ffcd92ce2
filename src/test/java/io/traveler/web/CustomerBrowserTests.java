package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The customers pages, built on the shared list, detail and form fragments, and the header's global search. */
class CustomerBrowserTests extends BrowserTest {
    @Test
    void addsACustomerWithContactsAndFindsItInItsListAndInTheGlobalSearch() {
        var shop = api.signUp("FACTORY");
        browser.signIn(shop.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.click("Customers");
        assertThat(browser.text(By.id("customer-rows"))).isEqualTo("No customers yet.");

        browser.click("New customer");
        browser.type(By.id("name"), "Harbour Street Store");
        browser.type(By.id("email"), "shop@harbour.example");
        browser.type(By.id("tags"), "retail, local market");
        browser.type(By.id("billing_address"), "Porto");
        browser.submit("Save");
        assertThat(browser.text(By.cssSelector(".alert"))).contains("Please correct the marked fields.");
        assertThat(fieldText("billing_address")).contains("must be a JSON object");
        assertThat(browser.find(By.id("email")).getAttribute("value"))
                .as("what was typed comes back")
                .isEqualTo("shop@harbour.example");
        browser.type(By.id("billing_address"), "{\"city\": \"Porto\"}");
        browser.submit("Save");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Harbour Street Store added.");
        assertThat(browser.text(By.cssSelector(".page-head h1"))).contains("Harbour Street Store", "active");
        assertThat(browser.text(By.cssSelector("dl.definitions"))).contains("retail, local market", "Porto");
        String customerPage = browser.path();

        addContact("Tomás Rey", "Store manager", true);
        addContact("Ana Lima", "Buyer", true);
        assertThat(browser.findAll(By.cssSelector("#contact-rows .tag"))).hasSize(1);
        assertThat(browser.text(By.cssSelector("#contact-rows tr:first-child")))
                .as("the new primary is listed first, the old one demoted")
                .contains("Ana Lima", "primary");
        browser.screenshot("customer");

        browser.click("Edit");
        browser.find(By.xpath("//select[@id='status']/option[@value='VIP']")).click();
        browser.submit("Save");
        assertThat(browser.text(By.cssSelector(".page-head h1"))).contains("vip");

        api.post("/api/customers")
                .as(shop)
                .body(Map.of("name", "Alpine Online"))
                .send();
        browser.click("Customers");
        browser.awaitCount(By.cssSelector("#customer-rows tr"), 2);
        browser.type(By.id("q"), "harb");
        browser.awaitCount(By.cssSelector("#customer-rows tr"), 1);
        assertThat(browser.text(By.id("customer-rows"))).contains("Harbour Street Store");
        browser.type(By.id("q"), "nobody-here");
        browser.awaitCount(By.cssSelector("#customer-rows td.empty"), 1);
        assertThat(browser.text(By.id("customer-rows"))).isEqualTo("No customer matches.");

        browser.type(By.id("global-q"), "harbour\n");
        browser.awaitPath("/app/search");
        browser.await(By.linkText(browser.text(By.cssSelector(".search-group li a"))));
        assertThat(browser.text(By.cssSelector(".search-group h2"))).isEqualTo("Customers");
        browser.click(browser.text(By.cssSelector(".search-group li a")));
        assertThat(browser.path()).isEqualTo(customerPage);

        browser.click("Delete");
        browser.submit("Delete");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Customer deleted.");
        assertThat(browser.text(By.id("customer-rows"))).doesNotContain("Harbour");
    }

    private void addContact(String name, String role, boolean primary) {
        browser.click("Add contact");
        browser.type(By.id("name"), name);
        browser.type(By.id("role"), role);
        if (primary) {
            browser.find(By.id("primary")).click();
        }
        browser.submit("Save");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo(name + " added.");
    }

    private String fieldText(String id) {
        return browser.find(By.id(id)).findElement(By.xpath("..")).getText();
    }
}
