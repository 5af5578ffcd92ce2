package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.configurator.internal.ConfigurationRule;
import io.traveler.configurator.internal.OptionService;
import io.traveler.configurator.internal.ProductOption;
import io.traveler.configurator.internal.RuleService;
import io.traveler.testing.Api;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A salesperson configures an order line: a value breaking a rule shows its message and the price as it is typed,
 * a valid value clears it and reprices; Save stores the configuration (the line takes its price), Generate BOM
 * makes the line's bill of materials, shown as a tree with its custom part marked.
 */
class ConfiguratorBrowserTests extends BrowserTest {
    @Autowired
    ApplicationContext context;

    @Autowired
    OptionService options;

    @Autowired
    RuleService rules;

    @Test
    void aLineIsConfiguredWithLiveValidationAndPriceThenItsBomIsGeneratedAndViewed() {
        var tenants = Tenants.in(context);
        var admin = tenants.organization("FACTORY");
        var factory = tenants.signedIn(admin);
        UUID sink = created(api.post("/api/products/templates")
                .as(factory)
                .body(Map.of("sku", "SINK-B", "name", "Browser sink", "base_price", 400))
                .send());
        admin.run(() -> {
            option(sink, "length", ProductOption.Type.NUMBER, "24", "120", "60", 10);
            option(sink, "basin_count", ProductOption.Type.NUMBER, "1", "3", "1", 20);
            rule(
                    sink,
                    "Three basins need room",
                    ConfigurationRule.Type.VALIDATION,
                    "values.basin_count == 3 && values.length < 72",
                    "[{\"error\": \"Three basins need a length of at least 72 in\"}]");
            rule(
                    sink,
                    "Price by length",
                    ConfigurationRule.Type.PRICING,
                    "true",
                    "[{\"price_add\": \"values.length * 12.5\"}]");
            rule(sink, "Cut-to-size top", ConfigurationRule.Type.CUSTOM_PART, "true", """
                    [{"custom_part": {"name": "'Sink top ' + string(values.length) + ' in'",
                      "unit_cost": "values.length * 4.2", "quantity": "1",
                      "specifications": {"length": "values.length"}}}]""");
        });
        UUID customer = created(api.post("/api/customers")
                .as(factory)
                .body(Map.of("name", "Harbour"))
                .send());
        UUID order = created(api.post("/api/orders")
                .as(factory)
                .body(Map.of("customer_id", customer, "lines", List.of(Map.of("product_id", sink, "quantity", 1))))
                .send());
        assertThat(api.post("/api/orders/" + order + "/transition")
                        .as(factory)
                        .body(Map.of("to_phase", "CONFIGURATION"))
                        .send()
                        .status())
                .isEqualTo(200);

        browser.signIn(admin.email(), Api.PASSWORD);
        browser.open("/app/orders/" + order);
        assertThat(browser.text(By.id("line-rows"))).contains("SINK-B", "not configured");
        assertThat(browser.text(By.id("configuration-pending"))).startsWith("1 configurable line");
        browser.click("Configure");
        assertThat(browser.path()).endsWith("/configure");

        browser.type(By.id("v_basin_count"), "3");
        browser.type(By.id("v_length"), "50");
        awaitText("evaluation", "Three basins need a length of at least 72 in");
        awaitText("evaluation-price", "1,025.00");
        assertThat(browser.text(By.id("evaluation-state"))).isEqualTo("not valid");
        browser.screenshot("configurator-invalid");

        browser.type(By.id("v_length"), "84");
        awaitText("evaluation-price", "1,450.00");
        assertThat(browser.text(By.id("evaluation"))).doesNotContain("Three basins");
        assertThat(browser.text(By.id("evaluation-state"))).isEqualTo("valid");

        browser.submit("Save");
        assertThat(browser.text(By.cssSelector(".messages"))).contains("Configuration saved.");
        assertThat(browser.text(By.cssSelector(".definitions"))).contains("1450", "revision 1, valid");

        browser.submit("Generate BOM");
        assertThat(browser.path()).endsWith("/bom");
        var custom = browser.find(By.cssSelector("#bom-tree tr.custom-part"));
        assertThat(custom.getText()).contains("700-", "Sink top 84 in", "custom");
        assertThat(browser.text(By.id("rules-applied"))).contains("Cut-to-size top");
        browser.screenshot("configurator-bom");

        browser.click(
                "Order " + api.get("/api/orders/" + order).as(factory).send().text("code"));
        assertThat(browser.text(By.id("line-rows"))).contains("configured", "1,450.00");
        assertThat(browser.findAll(By.id("configuration-pending"))).isEmpty();
    }

    private void awaitText(String id, String text) {
        browser.waitUpTo(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id(id)).getText().contains(text));
    }

    private void option(
            UUID product, String code, ProductOption.Type type, String min, String max, String dflt, int at) {
        options.create(
                product,
                code,
                new ProductOption.Definition(
                        code,
                        type,
                        new BigDecimal(min),
                        new BigDecimal(max),
                        BigDecimal.ONE,
                        null,
                        "[]",
                        null,
                        dflt,
                        null,
                        at,
                        null,
                        true,
                        null));
    }

    private void rule(UUID product, String name, ConfigurationRule.Type type, String condition, String actions) {
        rules.create(new RuleService.RuleRequest(product, null, name, null, type, 10, condition, actions, true, null));
    }

    private static UUID created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }
}
