package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.production.ShopFloor;
import io.traveler.testing.Api;
import io.traveler.testing.Tenants;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A storekeeper on a phone receives cloth, typing what a scanner would (the part number and the bin code, each ended
 * by Enter, which moves on instead of sending the form), moves some of it to the rack, then counts the bin and posts
 * the difference: the part's page, its ledger and the lot's trace show each step.
 */
class StockBrowserTests extends BrowserTest {
    @Autowired
    ApplicationContext context;

    @Test
    void receivedStockIsTransferredCountedAndPostedAsThePagesShow() {
        var tenants = Tenants.in(context);
        var admin = tenants.organization("FACTORY");
        var owner = tenants.signedIn(admin);
        String number = "CLOTH-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        for (String code : new String[] {"BIN-1", "RACK-1"}) {
            ShopFloor.created(api.post("/api/locations")
                    .as(owner)
                    .body(Map.of("code", code, "name", "Place " + code, "kind", "SITE"))
                    .send());
        }
        UUID part = ShopFloor.created(api.post("/api/catalog/parts")
                .as(owner)
                .body(Map.of(
                        "part_number",
                        number,
                        "name",
                        "Canvas cloth",
                        "kind",
                        "MATERIAL",
                        "unit_of_measure",
                        "m",
                        "unit_cost",
                        2))
                .send());

        browser.signIn(admin.email(), Api.PASSWORD);
        browser.resize(390, 844);
        browser.open("/app/inventory/receive");
        browser.find(By.id("part")).sendKeys(number + Keys.ENTER);
        assertThat(focused()).as("the scanner's Enter moved on to the location").isEqualTo("location");
        browser.driver().switchTo().activeElement().sendKeys("BIN-1" + Keys.ENTER);
        assertThat(focused()).isEqualTo("quantity");
        browser.type(By.id("quantity"), "10");
        browser.type(By.id("lot_number"), "L-1");
        browser.screenshot("stock-receive");
        browser.submit("Receive");
        assertThat(browser.path()).isEqualTo("/app/inventory/parts/" + part);
        assertThat(browser.text(By.cssSelector(".messages"))).contains("Received 10 m of " + number);
        assertThat(browser.text(By.id("part-on-hand"))).isEqualTo("10 m");

        browser.click("Transfer");
        assertThat(browser.find(By.id("part")).getAttribute("value")).isEqualTo(number);
        browser.type(By.id("location"), "BIN-1");
        browser.type(By.id("to_location"), "RACK-1");
        browser.type(By.id("quantity"), "4");
        browser.submit("Transfer");
        assertThat(browser.text(By.id("part-balances"))).contains("BIN-1", "RACK-1");

        browser.open("/app/inventory/counts");
        browser.find(By.id("location")).sendKeys("BIN-1");
        browser.submit("Open count");
        assertThat(browser.path()).startsWith("/app/inventory/counts/");
        browser.find(By.id("find-part")).sendKeys(number + Keys.ENTER);
        assertThat(focused())
                .as("the scanned part's line is ready for its count")
                .isEqualTo("counted-1");
        browser.driver().switchTo().activeElement().sendKeys("5");
        browser.screenshot("stock-count");
        browser.submit("Save counts");
        assertThat(browser.text(By.id("count-lines"))).contains("-1");
        browser.submit("Post differences");
        assertThat(browser.text(By.id("count-status"))).isEqualTo("posted");
        browser.resize(1280, 900);

        browser.open("/app/inventory/parts/" + part);
        assertThat(browser.text(By.id("part-on-hand"))).isEqualTo("9 m");
        assertThat(browser.text(By.id("part-ledger"))).contains("adjustment", "−1", "Cycle count", "transfer");
        browser.screenshot("stock-part");
        browser.click("L-1");
        assertThat(browser.text(By.id("lot-trace"))).contains("receipt", "+10", "transfer", "adjustment");
    }

    private String focused() {
        return browser.driver().switchTo().activeElement().getAttribute("id");
    }
}
