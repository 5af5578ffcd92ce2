package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** Variants and their supplier variants in a real browser: create, list, edit, stale edit, map to a factory. */
class VariantBrowserTests extends BrowserTest {
    @Test
    void aBrandAddsAVariantAndMapsItToItsPartnerFactory() {
        var brand = api.signUp("BRAND");
        var factory = api.signUp("FACTORY");
        var partnership = api.post("/api/partnerships")
                .as(brand)
                .body(Map.of("factory_org_id", factory.orgId()))
                .send();
        api.post("/api/partnerships/" + partnership.id() + "/accept")
                .as(factory)
                .send();
        var product = api.post("/api/products/templates/")
                .as(brand)
                .body(Map.of("sku", "TEE", "name", "T-shirt", "base_price", 20))
                .send();

        browser.signIn(brand.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/catalog/products/" + product.id());
        browser.click("New variant");
        browser.type(By.id("name"), "T-shirt red L");
        browser.type(By.id("sku"), "TEE-RED-L");
        browser.type(By.id("attributes"), "[\"red\"]");
        browser.submit("Create variant");
        assertThat(browser.text(By.cssSelector(".field.invalid"))).contains("must be a JSON object");

        browser.type(By.id("attributes"), "{\"color\": \"red\", \"size\": \"L\"}");
        browser.submit("Create variant");
        String code = browser.text(By.id("variant-code"));
        assertThat(code).matches("[0-9A-Z]{5}");
        String variantPage = browser.path();

        browser.click("Product TEE");
        assertThat(browser.text(By.id("variant-" + code)))
                .contains("T-shirt red L", "TEE-RED-L", "color: red", "size: L", "base price");

        browser.open(variantPage);
        String variantId = api.get("/api/catalog/variants?sku=TEE-RED-L")
                .as(brand)
                .send()
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        var current = api.get("/api/catalog/variants/" + variantId).as(brand).send();
        assertThat(api.patch("/api/catalog/variants/" + variantId)
                        .as(brand)
                        .ifMatch(current.header("ETag"))
                        .body(Map.of("price", 24))
                        .send()
                        .status())
                .isEqualTo(200);
        browser.type(By.id("name"), "T-shirt crimson L");
        browser.submit("Save");
        assertThat(browser.text(By.cssSelector(".alert"))).contains("Someone else changed this");
        browser.click("Reload this page");
        assertThat(new java.math.BigDecimal(browser.find(By.id("price")).getDomProperty("value")))
                .isEqualByComparingTo("24");

        new Select(browser.find(By.id("factory_org_id")))
                .selectByValue(factory.orgId().toString());
        browser.type(By.id("supplier_sku"), "F-TEE-R-L");
        browser.type(By.id("supplier_price"), "6.40");
        browser.type(By.id("minimum_quantity"), "50");
        browser.submit("Add supplier variant");
        assertThat(browser.text(By.id("supplier-variants"))).contains("F-TEE-R-L", "6.40", "50");
        assertThat(browser.findAll(By.cssSelector("#factory_org_id option")))
                .as("a mapped factory is not offered again")
                .hasSize(1);

        browser.find(By.cssSelector("#supplier-variants td a")).click();
        browser.awaitPath("/app/catalog/supplier-variants/");
        browser.type(By.id("supplier_price"), "6.10");
        new Select(browser.find(By.id("availability"))).selectByValue("LIMITED");
        browser.submit("Save");
        browser.awaitPath("/app/catalog/variants/");
        assertThat(browser.text(By.id("supplier-variants"))).contains("6.10", "limited");

        browser.submit("Remove");
        assertThat(browser.text(By.id("supplier-variants"))).contains("Not mapped to any factory yet.");

        browser.forget();
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open(variantPage);
        assertThat(browser.text(By.tagName("h1")))
                .as("the partner factory does not see the brand's variant")
                .isEqualTo("Not found");
    }
}
