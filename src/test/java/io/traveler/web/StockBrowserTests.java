package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.production.ShopFloor;
import io.traveler.testing.Api;
import io.traveler.testing.Tenants;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A storekeeper receives cloth on the phone form, typing what a scanner would (the part number and the bin code,
 * each ended by Enter, which moves on instead of sending); starting a project of a product whose BOM takes the cloth
 * reserves it, and leaving the first stage backflushes it: the part's page and the lot's trace show each step. A
 * count of the bin then finds one metre missing and posts it.
 */
class StockBrowserTests extends BrowserTest {
    @Autowired
    ApplicationContext context;

    @Test
    void receivedStockIsReservedByTheStartedProjectAndIssuedWhenItsStageIsLeft() {
        var tenants = Tenants.in(context);
        var admin = tenants.organization("FACTORY");
        var owner = tenants.signedIn(admin);
        var floor = new ShopFloor(api, owner);
        UUID cutting = floor.station("Cutting");
        UUID sewing = floor.station("Sewing");
        var workflow = floor.workflow(List.of(ShopFloor.stage("Cut", cutting), ShopFloor.stage("Sew", sewing)));
        String number = "CLOTH-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        ShopFloor.created(api.post("/api/locations")
                .as(owner)
                .body(Map.of("code", "BIN-1", "name", "Cloth bin", "kind", "SITE"))
                .send());
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
        UUID product = ShopFloor.created(api.post("/api/products/templates")
                .as(owner)
                .body(Map.of("sku", "BAG-" + number, "name", "Canvas bag"))
                .send());
        UUID bom = ShopFloor.created(api.post("/api/products/templates/" + product + "/boms")
                .as(owner)
                .body(Map.of("lines", List.of(Map.of("component_type", "PART", "component_id", part, "quantity", 2))))
                .send());
        ShopFloor.ok(api.post("/api/boms/" + bom + "/activate").as(owner).send());
        UUID customer = ShopFloor.created(api.post("/api/customers")
                .as(owner)
                .body(Map.of("name", "Harbour"))
                .send());
        UUID project = ShopFloor.created(api.post("/api/projects")
                .as(owner)
                .body(Map.of(
                        "name",
                        "Canvas bags",
                        "customer_id",
                        customer,
                        "workflow_id",
                        ShopFloor.idOf(workflow),
                        "product_id",
                        product,
                        "quantity",
                        3))
                .send());
        String code = floor.project(project).path("code").asString();

        browser.signIn(admin.email(), Api.PASSWORD);
        browser.resize(390, 844);
        browser.open("/app/inventory/receive");
        browser.find(By.id("part")).sendKeys(number + Keys.ENTER);
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                .as("the scanner's Enter moved on to the location")
                .isEqualTo("location");
        browser.driver().switchTo().activeElement().sendKeys("BIN-1" + Keys.ENTER);
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                .isEqualTo("quantity");
        browser.type(By.id("quantity"), "10");
        browser.type(By.id("lot_number"), "L-1");
        browser.screenshot("stock-receive");
        browser.submit("Receive");
        assertThat(browser.path()).isEqualTo("/app/inventory/parts/" + part);
        assertThat(browser.text(By.cssSelector(".messages"))).contains("Received 10 m of " + number);
        assertThat(browser.text(By.id("part-on-hand"))).isEqualTo("10 m");
        assertThat(browser.text(By.id("part-reserved"))).isEqualTo("0 m");
        browser.resize(1280, 900);

        browser.open("/app/projects/" + project);
        browser.submit("Start");
        browser.open("/app/inventory/parts/" + part);
        assertThat(browser.text(By.id("part-reserved"))).as("3 bags of 2 m").isEqualTo("6 m");
        assertThat(browser.text(By.id("part-available"))).isEqualTo("4 m");
        assertThat(browser.text(By.id("part-ledger"))).contains("reserve", code);

        browser.open("/app/projects/" + project);
        browser.clickAndWait(By.id("move-next"));
        browser.open("/app/inventory/parts/" + part);
        assertThat(browser.text(By.id("part-on-hand")))
                .as("the cutting stage consumed it")
                .isEqualTo("4 m");
        assertThat(browser.text(By.id("part-reserved"))).isEqualTo("0 m");
        assertThat(browser.text(By.id("part-ledger"))).contains("issue", "−6", code);
        browser.screenshot("stock-part");

        browser.click("L-1");
        assertThat(browser.path()).startsWith("/app/inventory/lots/");
        assertThat(browser.text(By.id("lot-trace"))).contains("receipt", "+10", "issue", "−6", "Project " + code);
        assertThat(browser.find(By.id("lot-units")).getAttribute("href")).endsWith("/units");
        browser.click("Project " + code);
        assertThat(browser.path()).isEqualTo("/app/projects/" + project);

        browser.resize(390, 844);
        browser.open("/app/inventory/counts");
        browser.find(By.id("location")).sendKeys("BIN-1");
        browser.submit("Open count");
        assertThat(browser.path()).startsWith("/app/inventory/counts/");
        browser.find(By.id("find-part")).sendKeys(number + Keys.ENTER);
        assertThat(focused())
                .as("the scanned part's line is ready for its count")
                .isEqualTo("counted-1");
        browser.driver().switchTo().activeElement().sendKeys("3");
        browser.screenshot("stock-count");
        browser.submit("Save counts");
        assertThat(browser.text(By.id("count-lines"))).contains("-1");
        browser.submit("Post differences");
        assertThat(browser.text(By.id("count-status"))).isEqualTo("posted");
        browser.resize(1280, 900);
        browser.open("/app/inventory/parts/" + part);
        assertThat(browser.text(By.id("part-on-hand"))).isEqualTo("3 m");
        assertThat(browser.text(By.id("part-ledger"))).contains("adjustment", "Cycle count");
    }

    private String focused() {
        return browser.driver().switchTo().activeElement().getAttribute("id");
    }
}
