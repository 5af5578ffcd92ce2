package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The customer's timeline and the quote builder: lines from a product search, totals, terms, PDF, sending; then the
 * customer accepts, the quote becomes an order, and the order moves on the board.
 */
class QuoteBrowserTests extends BrowserTest {
    @Test
    void buildsAQuoteFromProductSearchesSeesItsTotalsAndSendsIt() {
        var shop = api.signUp("FACTORY");
        var customer = api.post("/api/customers")
                .as(shop)
                .body(Map.of("name", "Harbour Street Store", "email", "shop@harbour.example"))
                .send();
        api.post("/api/products/templates")
                .as(shop)
                .body(Map.of("sku", "JKT-1", "name", "Rain jacket", "base_price", "10.00"))
                .send();
        api.post("/api/products/templates")
                .as(shop)
                .body(Map.of("sku", "BAG-1", "name", "Duffel bag", "base_price", "40.00"))
                .send();
        browser.signIn(shop.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/customers/" + customer.id());

        browser.find(By.xpath("//select[@id='kind']/option[@value='CALL']")).click();
        browser.type(By.id("subject"), "Asked for a jacket offer");
        browser.type(By.id("body"), "Wants 30 pieces before spring.");
        browser.find(By.xpath("//button[normalize-space()='Add to timeline']")).click();
        browser.awaitCount(By.cssSelector("#timeline li.timeline-entry"), 1);
        assertThat(browser.text(By.id("timeline")))
                .contains("call", "Asked for a jacket offer", "by you", "Wants 30 pieces before spring.");
        assertThat(browser.find(By.id("subject")).getAttribute("value"))
                .as("the form comes back empty")
                .isEmpty();

        browser.click("New quote");
        browser.submit("Start quote");
        assertThat(browser.text(By.cssSelector(".notice"))).startsWith("Quote QUO-");
        String quotePage = browser.path();
        assertThat(browser.text(By.cssSelector(".page-head h1"))).contains("draft");

        addProduct("jacket", "JKT-1", "3", null);
        assertThat(browser.text(By.id("quote-total"))).isEqualTo("30.00 USD");
        addProduct("duffel", "BAG-1", "1", "35");
        assertThat(browser.text(By.id("quote-subtotal"))).isEqualTo("65.00 USD");
        assertThat(browser.findAll(By.cssSelector("#quote-lines tbody tr[data-sku]")))
                .hasSize(2);

        browser.type(By.id("tax_rate"), "10");
        browser.type(By.id("discount"), "5");
        browser.submit("Save terms");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Terms saved.");
        assertThat(browser.text(By.id("quote-tax"))).isEqualTo("6.00 USD");
        assertThat(browser.text(By.id("quote-total"))).isEqualTo("66.00 USD");

        WebElement quantity = browser.find(By.cssSelector("tr[data-sku='JKT-1'] input[name='quantity']"));
        quantity.clear();
        quantity.sendKeys("4");
        browser.press(browser.find(By.cssSelector("tr[data-sku='JKT-1'] button[type='submit']")));
        assertThat(browser.text(By.id("quote-total"))).as("(40 + 35 - 5) × 1.1").isEqualTo("77.00 USD");

        assertThat(browser.find(By.cssSelector("iframe.pdf-preview")).getAttribute("src"))
                .endsWith(quotePage + "/pdf");
        browser.screenshot("quote-builder");

        browser.submit("Send");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Quote sent.");
        assertThat(browser.text(By.cssSelector(".page-head h1"))).contains("sent");
        assertThat(browser.findAll(By.cssSelector("input[name='quantity']")))
                .as("lines are fixed once sent")
                .isEmpty();
        WebElement accept = browser.find(By.xpath("//button[normalize-space()='Accept and create order']"));
        assertThat(accept.findElement(By.xpath("./ancestor::form")).getAttribute("action"))
                .endsWith(quotePage + "/accept");

        browser.click("Quotes");
        assertThat(browser.text(By.id("quote-rows"))).contains("Harbour Street Store", "77.00 USD", "sent");

        browser.open(quotePage);
        browser.submit("Accept and create order");
        assertThat(browser.path()).startsWith("/app/orders/");
        assertThat(browser.text(By.id("order-phase"))).isEqualTo("Draft");
        assertThat(browser.text(By.id("order-total")))
                .as("the quoted lines, discount and tax")
                .startsWith("77.00");
        String code = browser.text(By.cssSelector(".page-head h1 span"));
        browser.click("Board");
        browser.find(By.xpath("//li[contains(@class,'board-card')][.//a[text()='" + code
                        + "']]//button[normalize-space()='Configuration']"))
                .click();
        browser.await(By.id("board-moved"));
        assertThat(browser.text(By.id("board-moved"))).isEqualTo(code + " moved to Configuration.");
    }

    private void addProduct(String search, String sku, String quantity, String unitPrice) {
        browser.type(By.id("q"), search);
        browser.await(By.xpath("//div[@id='product-hits']//td[starts-with(normalize-space(), '" + sku + "')]"));
        WebElement row = browser.find(
                By.xpath("//div[@id='product-hits']//tr[td[starts-with(normalize-space(), '" + sku + "')]]"));
        WebElement amount = row.findElement(By.name("quantity"));
        amount.clear();
        amount.sendKeys(quantity);
        if (unitPrice != null) {
            row.findElement(By.name("unit_price")).sendKeys(unitPrice);
        }
        browser.press(row.findElement(By.xpath(".//button[normalize-space()='Add']")));
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Line added.");
    }
}
