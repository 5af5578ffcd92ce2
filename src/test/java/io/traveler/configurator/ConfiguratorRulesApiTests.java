package io.traveler.configurator;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Options, rules and the test console as issue 13's contract writes them: what is saved, what is refused with a 422
 * naming the field (and for CEL the line and column), and what the console answers without saving anything.
 */
@ApplicationTest
class ConfiguratorRulesApiTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    Api.Tenant owner;
    UUID category;
    UUID sink;
    UUID liftKit;
    String options;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        owner = Tenants.in(context).signedIn("FACTORY");
        category = created(api.post("/api/catalog/categories").as(owner).body(Map.of("code", "SINKS", "name", "Sinks")))
                .id();
        sink = created(api.post("/api/products/templates")
                        .as(owner)
                        .body(Map.of(
                                "sku",
                                "SINK-CUSTOM",
                                "name",
                                "Custom sink",
                                "base_price",
                                1000,
                                "category_id",
                                category)))
                .id();
        liftKit = created(api.post("/api/catalog/parts")
                        .as(owner)
                        .body(Map.of(
                                "part_number",
                                "LIFT-KIT",
                                "name",
                                "Lift kit",
                                "kind",
                                "COMPONENT",
                                "unit_of_measure",
                                "ea")))
                .id();
        options = "/api/products/templates/" + sink + "/options";
    }

    private static Api.Response created(Api.Request request) {
        var response = request.send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response;
    }

    private Api.Response option(Map<String, Object> body) {
        return api.post(options).as(owner).body(body).send();
    }

    private void sinkOptions() {
        created(api.post(options)
                .as(owner)
                .body(Map.of(
                        "code", "length", "label", "Length", "type", "NUMBER", "min", 24, "max", 120, "step", 1, "unit",
                        "in")));
        created(api.post(options)
                .as(owner)
                .body(Map.of(
                        "code", "basin_count", "label", "Basins", "type", "NUMBER", "min", 1, "max", 3, "default", 1)));
        created(api.post(options)
                .as(owner)
                .body(Map.of(
                        "code",
                        "basin_type",
                        "label",
                        "Basin type",
                        "type",
                        "CHOICE",
                        "choices",
                        List.of("undermount", Map.of("value", "drop_in", "label", "Drop-in"), "integrated"),
                        "default",
                        "undermount")));
        created(api.post(options)
                .as(owner)
                .body(Map.of("code", "lifter", "label", "Lifter", "type", "BOOLEAN", "default", false)));
    }

    private Api.Response rule(Map<String, Object> body) {
        return api.post("/api/configurator/rules").as(owner).body(body).send();
    }

    private Map<String, Object> pricing(String name, int priority, String condition, Map<String, Object> action) {
        return Map.of(
                "product_id",
                sink,
                "name",
                name,
                "type",
                "PRICING",
                "priority",
                priority,
                "condition",
                condition,
                "actions",
                List.of(action));
    }

    private static String field(Api.Response response) {
        return response.json().path("errors").get(0).path("field").asString();
    }

    private static String message(Api.Response response) {
        return response.json().path("errors").get(0).path("message").asString();
    }

    private Api.Response console(Map<String, Object> values) {
        return api.post("/api/configurator/console")
                .as(owner)
                .body(Map.of("product_id", sink, "values", values))
                .send();
    }

    @Test
    void optionsAreCreatedTypedAndListedInFormOrder() {
        sinkOptions();
        var list = api.get(options).as(owner).send();
        assertThat(list.status()).isEqualTo(200);
        JsonNode items = list.json().path("items");
        assertThat(items)
                .extracting(o -> o.path("code").asString())
                .containsExactly("length", "basin_count", "basin_type", "lifter");
        JsonNode basinType = items.get(2);
        assertThat(basinType.path("choices").get(0).path("label").asString()).isEqualTo("undermount");
        assertThat(basinType.path("choices").get(1).path("label").asString()).isEqualTo("Drop-in");
        assertThat(basinType.path("default").asString()).isEqualTo("undermount");
        assertThat(items.get(0).path("min").asInt()).isEqualTo(24);
        assertThat(items.get(0).path("unit").asString()).isEqualTo("in");

        var one = api.get("/api/configurator/options/" + items.get(0).path("id").asString())
                .as(owner)
                .send();
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.header("ETag")).isEqualTo("\"0\"");
        var changed = api.patch("/api/configurator/options/" + one.text("id"))
                .as(owner)
                .ifMatch(one.header("ETag"))
                .body(Map.of("max", 144, "help", "Along the wall"))
                .send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("max").asInt()).isEqualTo(144);
        assertThat(changed.json().path("min").asInt()).isEqualTo(24);
        var stale = api.patch("/api/configurator/options/" + one.text("id"))
                .as(owner)
                .ifMatch("\"0\"")
                .body(Map.of("help", "x"))
                .send();
        assertThat(stale.status()).isEqualTo(412);
        var renamed = api.patch("/api/configurator/options/" + one.text("id"))
                .as(owner)
                .ifMatch("*")
                .body(Map.of("code", "width"))
                .send();
        assertThat(renamed.status()).isEqualTo(422);
        assertThat(field(renamed)).isEqualTo("code");
    }

    @Test
    void badOptionDefinitionsAreRefusedNamingTheField() {
        Map<String, Map<String, Object>> refused = new HashMap<>();
        refused.put("code", Map.of("code", "Length", "label", "L", "type", "NUMBER"));
        refused.put("label", Map.of("code", "a", "type", "NUMBER"));
        refused.put("type", Map.of("code", "b", "label", "B"));
        refused.put("max", Map.of("code", "c", "label", "C", "type", "NUMBER", "min", 10, "max", 5));
        refused.put("choices", Map.of("code", "d", "label", "D", "type", "NUMBER", "choices", List.of("x")));
        refused.put("pattern", Map.of("code", "e", "label", "E", "type", "TEXT", "pattern", "(unclosed"));
        refused.put("default", Map.of("code", "f", "label", "F", "type", "NUMBER", "min", 1, "max", 3, "default", 9));
        refused.put(
                "visible_when", Map.of("code", "g", "label", "G", "type", "BOOLEAN", "visible_when", "values.nope"));
        refused.put("min", Map.of("code", "h", "label", "H", "type", "BOOLEAN", "min", 1));
        refused.put("choices[1]", Map.of("code", "i", "label", "I", "type", "CHOICE", "choices", List.of("a", "a")));
        refused.forEach((expected, body) -> {
            var response = option(body);
            assertThat(response.status()).as("%s: %s", expected, response).isEqualTo(422);
            assertThat(field(response)).as(response.toString()).isEqualTo(expected);
        });
        created(api.post(options).as(owner).body(Map.of("code", "length", "label", "Length", "type", "NUMBER")));
        var twice = option(Map.of("code", "length", "label", "Length again", "type", "NUMBER"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(api.get(options).as(owner).send().json().path("items")).hasSize(1);
    }

    @Test
    void aConditionThatIsNotValidCelIsRefusedWithItsPosition() {
        sinkOptions();
        var bad = rule(pricing("Broken", 1, "values.length >", Map.of("price_add", "1")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(field(bad)).isEqualTo("condition");
        assertThat(message(bad)).startsWith("line 1, column 16:");

        var misspelt = rule(pricing("Misspelt", 1, "values.lenght > 3", Map.of("price_add", "1")));
        assertThat(field(misspelt)).isEqualTo("condition");
        assertThat(message(misspelt)).contains("no option 'lenght'");

        for (String escape : List.of("env.HOME != ''", "request.user == 'x'", "getClass() == null")) {
            var reaching = rule(pricing("Reaching out", 1, escape, Map.of("price_add", "1")));
            assertThat(reaching.status()).as(escape).isEqualTo(422);
            assertThat(message(reaching)).as(escape).contains("undeclared reference");
        }

        var action = rule(pricing("Bad action", 1, "true", Map.of("price_add", "values.basin_type * 2")));
        assertThat(action.status()).isEqualTo(422);
        assertThat(field(action)).isEqualTo("actions[0].price_add");
        assertThat(message(action)).startsWith("line 1, column");

        var wrongKind = rule(Map.of(
                "product_id",
                sink,
                "name",
                "Wrong",
                "type",
                "VALIDATION",
                "actions",
                List.of(Map.of("price_add", "1"))));
        assertThat(field(wrongKind)).isEqualTo("actions[0].price_add");

        var noSuchPart = rule(Map.of(
                "product_id",
                sink,
                "name",
                "Ghost part",
                "type",
                "COMPONENT_SELECTION",
                "actions",
                List.of(Map.of(
                        "add", Map.of("component_type", "PART", "component_id", UUID.randomUUID(), "quantity", 1)))));
        assertThat(noSuchPart.status()).isEqualTo(422);
        assertThat(field(noSuchPart)).isEqualTo("actions[0].add.component_id");

        var both = rule(Map.of(
                "product_id",
                sink,
                "category_id",
                category,
                "name",
                "Both",
                "type",
                "VALIDATION",
                "actions",
                List.of(Map.of("error", "x"))));
        assertThat(field(both)).isEqualTo("product_id");
        var compatibility = rule(Map.of(
                "product_id",
                sink,
                "name",
                "Typed",
                "type",
                "COMPATIBILITY",
                "actions",
                List.of(Map.of("option", "lifter", "excludes", List.of("yes")))));
        assertThat(field(compatibility)).isEqualTo("actions[0].excludes[0]");
        assertThat(api.get("/api/configurator/rules?product_id=" + sink)
                        .as(owner)
                        .send()
                        .json()
                        .path("items"))
                .isEmpty();
    }

    @Test
    void savedRulesPriceValidateAndSelectComponentsInTheConsole() {
        sinkOptions();
        var roomy = created(api.post("/api/configurator/rules")
                .as(owner)
                .body(Map.of(
                        "product_id",
                        sink,
                        "name",
                        "Three basins need room",
                        "type",
                        "VALIDATION",
                        "condition",
                        "values.basin_count == 3 && values.length < 72",
                        "actions",
                        List.of(Map.of("error", "Three basins need a top of 72 in or more")),
                        "description",
                        "Basins are 22 in wide",
                        "example_values",
                        Map.of("length", 60, "basin_count", 3))));
        assertThat(roomy.json().path("description").asString()).isEqualTo("Basins are 22 in wide");
        Map<String, Object> clearing = new HashMap<>();
        clearing.put("description", null);
        var cleared = api.patch("/api/configurator/rules/" + roomy.id())
                .as(owner)
                .ifMatch(roomy.header("ETag"))
                .body(clearing)
                .send();
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().path("description").isNull()).isTrue();
        assertThat(cleared.json().path("condition").asString())
                .isEqualTo("values.basin_count == 3 && values.length < 72");
        var perInch = created(api.post("/api/configurator/rules")
                .as(owner)
                .body(pricing("Per inch", 10, "true", Map.of("price_add", "values.length * 12.5"))));
        assertThat(perInch.json().path("actions").get(0).path("price_add").asString())
                .isEqualTo("values.length * 12.5");
        assertThat(perInch.json().path("example_values").isObject()).isTrue();
        created(api.post("/api/configurator/rules")
                .as(owner)
                .body(Map.of(
                        "product_id",
                        sink,
                        "name",
                        "Lifter",
                        "type",
                        "COMPONENT_SELECTION",
                        "priority",
                        20,
                        "condition",
                        "values.lifter",
                        "actions",
                        List.of(Map.of(
                                "add",
                                Map.of(
                                        "component_type",
                                        "PART",
                                        "component_id",
                                        liftKit,
                                        "quantity",
                                        "values.basin_count"))))));
        created(api.post("/api/configurator/rules")
                .as(owner)
                .body(Map.of(
                        "category_id",
                        category,
                        "name",
                        "Category surcharge",
                        "type",
                        "PRICING",
                        "priority",
                        30,
                        "condition",
                        "values.lifter == true",
                        "actions",
                        List.of(Map.of("price_multiply", "1.1")))));
        var inactive = created(api.post("/api/configurator/rules")
                .as(owner)
                .body(pricing("Off", 5, "true", Map.of("price_add", "1"))));
        var off = api.patch("/api/configurator/rules/" + inactive.id())
                .as(owner)
                .ifMatch(inactive.header("ETag"))
                .body(Map.of("active", false))
                .send();
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().path("active").asBoolean()).isFalse();

        var rules =
                api.get("/api/configurator/rules?product_id=" + sink).as(owner).send();
        assertThat(rules.json().path("items"))
                .extracting(r -> r.path("name").asString())
                .containsExactly("Off", "Per inch", "Lifter", "Category surcharge", "Three basins need room");
        assertThat(api.get("/api/configurator/rules?category_id=" + category)
                        .as(owner)
                        .send()
                        .json()
                        .path("items"))
                .hasSize(1);

        var lifted = console(Map.of("length", 80, "basin_count", 2, "lifter", true));
        assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
        assertThat(lifted.json().path("valid").asBoolean()).isTrue();
        // (1000 + 80 × 12.5) × 1.1
        assertThat(lifted.json().path("price").decimalValue()).isEqualByComparingTo("2200");
        assertThat(lifted.json().path("fired"))
                .extracting(f -> f.path("name").asString())
                .containsExactly("Per inch", "Lifter", "Category surcharge");
        assertThat(lifted.json().path("fired").get(0).path("effects").get(0).asString())
                .isEqualTo("price + 1000: 1000 → 2000");
        JsonNode component = lifted.json().path("components").get(0);
        assertThat(component.path("kind").asString()).isEqualTo("ADD");
        assertThat(component.path("component_id").asString()).isEqualTo(liftKit.toString());
        assertThat(component.path("quantity").decimalValue()).isEqualByComparingTo("2");
        assertThat(lifted.json().path("values").path("basin_type").asString()).isEqualTo("undermount");

        var cramped = console(Map.of("length", 60, "basin_count", 3));
        assertThat(cramped.json().path("valid").asBoolean()).isFalse();
        assertThat(cramped.json().path("errors").get(0).path("message").asString())
                .isEqualTo("Three basins need a top of 72 in or more");
        assertThat(cramped.json().path("price").decimalValue()).isEqualByComparingTo("1750");

        var unknown = console(Map.of("length", 60, "colour", "red", "basin_count", 7));
        assertThat(unknown.json().path("errors"))
                .extracting(e ->
                        e.path("option").asString() + ": " + e.path("message").asString())
                .contains("colour: The product has no option 'colour'", "basin_count: Basins must be at most 3");

        var nested = api.post("/api/configurator/console")
                .as(owner)
                .body(Map.of("product_id", sink, "values", Map.of("length", List.of(1))))
                .send();
        assertThat(nested.status()).isEqualTo(422);
        assertThat(field(nested)).isEqualTo("values.length");
    }

    @Test
    void theConsoleTriesUnsavedRulesAndSavesNothing() {
        sinkOptions();
        created(api.post("/api/configurator/rules")
                .as(owner)
                .body(pricing("Saved", 1, "true", Map.of("price_add", "5"))));
        Map<String, Object> unsaved = pricing("Draft", 1, "values.length > 100", Map.of("price_add", "values.length"));
        var tried = api.post("/api/configurator/console")
                .as(owner)
                .body(Map.of("product_id", sink, "values", Map.of("length", 110), "rules", List.of(unsaved)))
                .send();
        assertThat(tried.status()).as(tried.toString()).isEqualTo(200);
        assertThat(tried.json().path("price").decimalValue()).isEqualByComparingTo("1110");
        assertThat(tried.json().path("fired").get(0).path("name").asString()).isEqualTo("Draft");

        var broken = api.post("/api/configurator/console")
                .as(owner)
                .body(Map.of(
                        "product_id",
                        sink,
                        "values",
                        Map.of("length", 110),
                        "rules",
                        List.of(unsaved, pricing("Broken", 1, "values.length >>", Map.of("price_add", "1")))))
                .send();
        assertThat(broken.status()).isEqualTo(422);
        assertThat(field(broken)).isEqualTo("rules[1].condition");
        assertThat(api.get("/api/configurator/rules?product_id=" + sink)
                        .as(owner)
                        .send()
                        .json()
                        .path("items"))
                .hasSize(1);
    }

    @Test
    void anOptionARuleUsesCannotBeDeletedNorRetyped() {
        sinkOptions();
        var lifter = api.get(options).as(owner).send().json().path("items").get(3);
        var rule = created(api.post("/api/configurator/rules")
                .as(owner)
                .body(pricing("Lifter", 1, "values.lifter", Map.of("price_add", "950"))));
        String path = "/api/configurator/options/" + lifter.path("id").asString();
        assertThat(api.delete(path).as(owner).ifMatch("*").send().status()).isEqualTo(409);
        var retyped = api.patch(path)
                .as(owner)
                .ifMatch("*")
                .body(Map.of("type", "TEXT"))
                .send();
        assertThat(retyped.status()).as(retyped.toString()).isEqualTo(409);
        assertThat(api.delete(path).as(owner).send().status()).isEqualTo(428);
        assertThat(api.delete("/api/configurator/rules/" + rule.id())
                        .as(owner)
                        .ifMatch(rule.header("ETag"))
                        .send()
                        .status())
                .isEqualTo(204);
        var dependent = created(api.post(options)
                .as(owner)
                .body(Map.of(
                        "code",
                        "lift_speed",
                        "label",
                        "Lift speed",
                        "type",
                        "NUMBER",
                        "visible_when",
                        "values.lifter")));
        var shownByIt = api.delete(path).as(owner).ifMatch("*").send();
        assertThat(shownByIt.status()).isEqualTo(409);
        assertThat(shownByIt.json().path("detail").asString()).contains("lift_speed");
        assertThat(api.delete("/api/configurator/options/" + dependent.id())
                        .as(owner)
                        .ifMatch("*")
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.delete(path).as(owner).ifMatch("*").send().status()).isEqualTo(204);
        assertThat(api.get(path).as(owner).send().status()).isEqualTo(404);
    }

    @Test
    void anotherOrganizationsIdsAreNotFound() {
        sinkOptions();
        var rule = created(api.post("/api/configurator/rules")
                .as(owner)
                .body(pricing("Mine", 1, "true", Map.of("price_add", "1"))));
        String optionId = api.get(options)
                .as(owner)
                .send()
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        var stranger = Tenants.in(context).signedIn("FACTORY");
        assertThat(api.get(options).as(stranger).send().status()).isEqualTo(404);
        assertThat(api.post(options)
                        .as(stranger)
                        .body(Map.of("code", "x", "label", "X", "type", "BOOLEAN"))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/configurator/options/" + optionId)
                        .as(stranger)
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/configurator/rules/" + rule.id())
                        .as(stranger)
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/configurator/rules?product_id=" + sink)
                        .as(stranger)
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/configurator/rules")
                        .as(stranger)
                        .body(pricing("Theirs", 1, "true", Map.of("price_add", "1")))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/configurator/rules")
                        .as(stranger)
                        .body(Map.of(
                                "category_id",
                                category,
                                "name",
                                "Theirs",
                                "type",
                                "VALIDATION",
                                "actions",
                                List.of(Map.of("error", "x"))))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/configurator/console")
                        .as(stranger)
                        .body(Map.of("product_id", sink, "values", Map.of()))
                        .send()
                        .status())
                .isEqualTo(404);
        var theirPart = created(api.post("/api/products/templates")
                        .as(stranger)
                        .body(Map.of("sku", "THEIRS", "name", "Theirs")))
                .id();
        var borrowing = api.post("/api/configurator/rules")
                .as(stranger)
                .body(Map.of(
                        "product_id",
                        theirPart,
                        "name",
                        "Borrow",
                        "type",
                        "COMPONENT_SELECTION",
                        "actions",
                        List.of(Map.of(
                                "add", Map.of("component_type", "PART", "component_id", liftKit, "quantity", 1)))))
                .send();
        assertThat(borrowing.status()).isEqualTo(422);
        assertThat(field(borrowing)).isEqualTo("actions[0].add.component_id");
    }

    private Api.Response consoleBody(String json) {
        return api.post("/api/configurator/console").as(owner).body(json).send();
    }

    @Test
    void hostileValuesInTheConsoleAreRefusedNamingTheValue() {
        sinkOptions();
        created(api.post(options)
                .as(owner)
                .body(Map.of("code", "shelves", "label", "Shelves", "type", "NUMBER", "min", 1, "step", 1)));
        assertThat(rule(pricing("Per inch", 1, "values.length > 0", Map.of("price_add", "values.length * 12.5")))
                        .status())
                .isEqualTo(201);

        var pattern = console(Map.of("(", 1, "length", "x", "shelves", 2));
        assertThat(pattern.status()).as(pattern.toString()).isEqualTo(422);
        assertThat(field(pattern)).isEqualTo("values.(");
        assertThat(message(pattern)).contains("not an option");

        long started = System.nanoTime();
        var exponent = console(Map.of("length", 72, "shelves", "1e99999999"));
        assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
        assertThat(exponent.status()).as(exponent.toString()).isEqualTo(422);
        assertThat(field(exponent)).isEqualTo("values.shelves");

        String body = "{\"product_id\":\"" + sink + "\",\"values\":{\"length\":1e400,\"shelves\":2}}";
        var infinite = consoleBody(body);
        assertThat(infinite.status()).as(infinite.toString()).isEqualTo(422);
        assertThat(field(infinite)).isEqualTo("values.length");

        var longKey = console(Map.of("a".repeat(51), 1, "shelves", 2));
        assertThat(longKey.status()).isEqualTo(422);
        assertThat(field(longKey)).isEqualTo("values");

        var fine = console(Map.of("length", 72, "shelves", "3"));
        assertThat(fine.status()).as(fine.toString()).isEqualTo(200);
        assertThat(fine.json().path("valid").asBoolean()).as(fine.toString()).isTrue();
        assertThat(fine.json().path("price").decimalValue()).isEqualByComparingTo("1900");
    }

    @Test
    void theConsoleTriesAtMostSixtyFourKilobytesOfConditionsAndActions() {
        sinkOptions();
        String condition = "values.length > 0 || " + "values.length == 1 || ".repeat(170) + "false";
        Map<String, Object> big = pricing("Big", 1, condition, Map.of("price_add", "1"));
        var tooMuch = api.post("/api/configurator/console")
                .as(owner)
                .body(Map.of(
                        "product_id",
                        sink,
                        "values",
                        Map.of("length", 72),
                        "rules",
                        java.util.Collections.nCopies(20, big)))
                .send();
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(422);
        assertThat(field(tooMuch)).isEqualTo("rules");

        var infinite =
                consoleBody("{\"product_id\":\"" + sink + "\",\"values\":{\"length\":72},\"rules\":[{\"name\":\"x\","
                        + "\"type\":\"PRICING\",\"condition\":\"true\",\"actions\":[{\"price_add\":1e400}]}]}");
        assertThat(infinite.status()).as(infinite.toString()).isEqualTo(422);
    }
}
