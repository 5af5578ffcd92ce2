package io.traveler.configurator;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.configurator.internal.ConfigurationRule.Type;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** The configurations API as the acceptance checks call it. */
@ApplicationTest
class ConfigurationsApiTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    Workshop shop;
    Api.Tenant admin;
    UUID product;
    UUID tap;
    UUID lift;

    @BeforeEach
    void aConfigurableProduct() {
        api = new Api(port);
        shop = Workshop.of(context);
        admin = Tenants.in(context).signedIn(shop.member());
        tap = shop.part("TAP", "15");
        lift = shop.part("LIFT", "300");
        product = shop.product("DESK", "500");
        shop.activeBom(product, List.of(Workshop.line(tap, "1")));
        shop.numberOption(product, "width", 40, 200);
        shop.booleanOption(product, "lifter");
        shop.rule(
                product,
                Type.VALIDATION,
                1,
                "values.width > 180 && values.lifter",
                "[{\"error\": \"a lifter carries at most 180 cm\"}]");
        shop.rule(product, Type.PRICING, 2, "true", "[{\"price_add\": \"values.width * 2\"}]");
        shop.rule(
                product,
                Type.COMPONENT_SELECTION,
                3,
                "values.lifter",
                "[{\"add\": {\"component_type\": \"PART\", \"component_id\": \"" + lift + "\", \"quantity\": 1}},"
                        + " {\"remove\": {\"component_id\": \"" + tap + "\"}}]");
        shop.rule(
                product,
                Type.CUSTOM_PART,
                4,
                "true",
                "[{\"custom_part\": {\"name\": \"'Top ' + string(values.width) + ' cm'\","
                        + " \"unit_cost\": \"values.width * 0.5\", \"quantity\": \"2\"}}]");
    }

    private Api.Response create(Map<String, Object> values) {
        return api.post("/api/configurations")
                .as(admin)
                .body(Map.of("product_id", product, "values", values))
                .send();
    }

    private static List<String> customPartIds(JsonNode bom) {
        List<String> ids = new ArrayList<>();
        bom.path("lines").forEach(l -> {
            if (l.path("custom").asBoolean()) {
                ids.add(l.path("component_id").asString());
            }
        });
        return ids;
    }

    @Test
    void aConfigurationIsValidatedPricedRevisedAndGeneratesItsBomWithReusedCustomParts() {
        var created = create(Map.of("width", 120, "lifter", true));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("valid").asBoolean()).isTrue();
        assertThat(created.json().path("errors").isEmpty()).isTrue();
        assertThat(created.json().path("price").decimalValue()).isEqualByComparingTo("740");
        assertThat(created.json().path("revision").asInt()).isEqualTo(1);
        String path = "/api/configurations/" + created.id();

        var invalid = api.patch(path)
                .as(admin)
                .body(Map.of("values", Map.of("width", 190, "lifter", true)))
                .send();
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.json().path("valid").asBoolean()).isFalse();
        assertThat(invalid.json().path("errors").get(0).asString()).isEqualTo("a lifter carries at most 180 cm");
        assertThat(invalid.json().path("error_details").get(0).path("rule_id").isNull())
                .isFalse();
        assertThat(invalid.json().path("revision").asInt()).isEqualTo(2);

        var refused = api.post(path + "/generate-bom").as(admin).send();
        assertThat(refused.status()).isEqualTo(409);

        var stale = api.patch(path)
                .as(admin)
                .ifMatch("\"0\"")
                .body(Map.of("values", Map.of("width", 120)))
                .send();
        assertThat(stale.status()).as("If-Match is checked when given").isEqualTo(412);

        var fixed = api.patch(path)
                .as(admin)
                .body(Map.of("values", Map.of("width", 120, "lifter", true)))
                .send();
        assertThat(fixed.json().path("valid").asBoolean()).isTrue();
        assertThat(fixed.json().path("price").decimalValue()).isEqualByComparingTo("740");

        var generated = api.post(path + "/generate-bom").as(admin).send();
        assertThat(generated.status()).isEqualTo(201);
        JsonNode bom = generated.json();
        assertThat(bom.path("kind").asString()).isEqualTo("CUSTOM");
        assertThat(bom.path("status").asString()).isEqualTo("DRAFT");
        assertThat(bom.path("configuration_id").asString())
                .isEqualTo(created.id().toString());
        assertThat(bom.path("lines")).hasSize(2);
        assertThat(bom.path("lines").get(0).path("part_number").asString()).isEqualTo("LIFT");
        JsonNode top = bom.path("lines").get(1);
        assertThat(top.path("part_number").asString()).startsWith("700-");
        assertThat(top.path("custom").asBoolean()).isTrue();
        assertThat(top.path("component").path("part_number").asString())
                .as("the line's component, nested, names the same part")
                .isEqualTo(top.path("part_number").asString());
        assertThat(top.path("component").path("id").asString())
                .isEqualTo(top.path("component_id").asString());
        assertThat(top.path("quantity").decimalValue()).isEqualByComparingTo("2");
        assertThat(bom.path("rules_applied")).hasSize(2);
        assertThat(bom.path("rules_applied").get(0).path("type").asString()).isEqualTo("COMPONENT_SELECTION");
        assertThat(bom.path("rules_applied").get(1).path("effects").toString()).contains("minted");

        var current = api.get(path).as(admin).send();
        assertThat(current.json().path("bom_id").asString())
                .isEqualTo(bom.path("id").asString());
        var again = api.post(path + "/generate-bom").as(admin).send();
        assertThat(again.status()).as("a replay of the creation").isEqualTo(201);
        assertThat(again.json())
                .as("the current revision's BOM, as the rules still make it: the same answer")
                .isEqualTo(bom);
        var twin = create(Map.of("width", 120, "lifter", false));
        var twinBom = api.post("/api/configurations/" + twin.id() + "/generate-bom")
                .as(admin)
                .send();
        assertThat(customPartIds(twinBom.json())).isEqualTo(customPartIds(bom));

        assertThat(api.get(path + "/revisions").as(admin).send().json().path("items"))
                .as("three changes; the stale one changed nothing")
                .hasSize(3);
        var boms = api.get(path + "/boms").as(admin).send().json().path("items");
        assertThat(boms).as("generated once: asking again wrote nothing").hasSize(1);
        assertThat(boms.get(0).path("id").asString()).isEqualTo(bom.path("id").asString());
        assertThat(boms.get(0).path("current").asBoolean()).isTrue();
        assertThat(boms.get(0).has("lines"))
                .as("lines are the BOM's: GET /api/boms/{id}")
                .isFalse();
        assertThat(api.get("/api/configurations?product_id=" + product)
                        .as(admin)
                        .send()
                        .json()
                        .path("items"))
                .hasSize(2);

        var history = api.get("/api/products/templates/" + product + "/boms")
                .as(admin)
                .send();
        assertThat(history.json().path("items").toString()).contains("\"kind\":\"CUSTOM\"", "\"kind\":\"STANDARD\"");
        String bomPath = "/api/boms/" + bom.path("id").asString();
        assertThat(api.get(bomPath).as(admin).send().json().path("kind").asString())
                .isEqualTo("CUSTOM");
        assertThat(api.post(bomPath + "/activate").as(admin).send().status()).isEqualTo(409);
        var edited = api.request("PUT", bomPath + "/lines")
                .as(admin)
                .ifMatch("\"0\"")
                .body(Map.of("lines", List.of()))
                .send();
        assertThat(edited.status()).isEqualTo(409);
        assertThat(edited.text("detail")).contains("regenerate it from its configuration");
        assertThat(api.post(bomPath + "/revise").as(admin).send().status()).isEqualTo(409);
    }

    @Test
    void theProductPageMarksTheCustomBomAndOffersNoActivationOfIt() throws Exception {
        var created = create(Map.of("width", 100));
        var generated = api.post("/api/configurations/" + created.id() + "/generate-bom")
                .as(admin)
                .send();
        String bomId = generated.json().path("id").asString();
        var pages = io.traveler.testing.PageSession.signIn(port, shop.member().email());

        String page = pages.get("/app/catalog/products/" + product).body();
        String row = page.substring(page.indexOf("id=\"bom-2\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row)
                .contains(">custom</span>")
                .as("a CUSTOM BOM is never activated, and its lines come only from generation")
                .doesNotContain("/activate", "/edit", "/revise");
        assertThat(pages.get("/app/catalog/boms/" + bomId).body()).contains("id=\"bom-kind\"");
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        var noProduct = api.post("/api/configurations")
                .as(admin)
                .body(Map.of("values", Map.of()))
                .send();
        assertThat(noProduct.status()).isEqualTo(422);
        assertThat(noProduct.json().path("errors").get(0).path("field").asString())
                .isEqualTo("product_id");

        var strangeLine = api.post("/api/configurations")
                .as(admin)
                .body(Map.of("product_id", product, "order_line_id", UUID.randomUUID(), "values", Map.of()))
                .send();
        assertThat(strangeLine.status()).isEqualTo(422);
        assertThat(strangeLine.json().path("errors").get(0).path("field").asString())
                .isEqualTo("order_line_id");

        var noValues = api.patch(
                        "/api/configurations/" + create(Map.of("width", 50)).id())
                .as(admin)
                .body(Map.of())
                .send();
        assertThat(noValues.status()).isEqualTo(422);
        assertThat(noValues.json().path("errors").get(0).path("field").asString())
                .isEqualTo("values");

        var unknown = create(Map.of("width", 50, "colour", "red"));
        assertThat(unknown.status()).isEqualTo(201);
        assertThat(unknown.json().path("valid").asBoolean()).isFalse();
        assertThat(unknown.json().path("error_details").get(0).path("option").asString())
                .isEqualTo("colour");
    }

    @Test
    void generatedBomsAreListedAPageAtATimeWithoutTheirLines() {
        String path = "/api/configurations/" + create(Map.of("width", 100)).id();
        List<String> made = new ArrayList<>();
        for (int width : List.of(101, 102, 103)) {
            assertThat(api.patch(path)
                            .as(admin)
                            .body(Map.of("values", Map.of("width", width)))
                            .send()
                            .status())
                    .isEqualTo(200);
            made.add(0, api.post(path + "/generate-bom").as(admin).send().id().toString());
        }

        var first = api.get(path + "/boms?limit=2").as(admin).send().json();
        var second = api.get(path + "/boms?limit=2&cursor="
                        + first.path("next_cursor").asString())
                .as(admin)
                .send()
                .json();

        List<String> listed = new ArrayList<>();
        first.path("items").forEach(b -> listed.add(b.path("id").asString()));
        second.path("items").forEach(b -> listed.add(b.path("id").asString()));
        assertThat(listed).as("newest first, across pages").isEqualTo(made);
        assertThat(second.path("next_cursor").isNull()
                        || second.path("next_cursor").isMissingNode())
                .isTrue();
        assertThat(first.path("items").get(0).path("revision").asInt()).isEqualTo(4);
        assertThat(first.path("items").get(0).has("lines")).isFalse();
        assertThat(api.get(path + "/boms?limit=101").as(admin).send().status()).isEqualTo(422);
        assertThat(api.get("/api/boms/" + made.getFirst())
                        .as(admin)
                        .send()
                        .json()
                        .path("lines"))
                .as("each BOM's lines through the catalog")
                .hasSize(2);
    }

    @Test
    void valuesThatAreNoOptionValuesAreRefusedAndNotStored() {
        var nested = api.post("/api/configurations")
                .as(admin)
                .body(Map.of("product_id", product, "values", Map.of("width", Map.of("cm", 100))))
                .send();
        assertThat(nested.status()).isEqualTo(422);
        assertThat(nested.json().path("errors").get(0).path("field").asString()).isEqualTo("values.width");

        String path = "/api/configurations/" + create(Map.of("width", 100)).id();
        var listed = api.patch(path)
                .as(admin)
                .body(Map.of("values", Map.of("width", List.of(1, 2))))
                .send();
        assertThat(listed.status()).isEqualTo(422);
        assertThat(api.get(path).as(admin).send().json().path("revision").asInt())
                .isEqualTo(1);
    }

    @Test
    void anotherOrganizationSeesNoneOfIt() {
        var created = create(Map.of("width", 60));
        var stranger = Tenants.in(context).signedIn("FACTORY");
        String path = "/api/configurations/" + created.id();

        assertThat(api.get(path).as(stranger).send().status()).isEqualTo(404);
        assertThat(api.patch(path)
                        .as(stranger)
                        .body(Map.of("values", Map.of()))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post(path + "/generate-bom").as(stranger).send().status())
                .isEqualTo(404);
        assertThat(api.get(path + "/boms").as(stranger).send().status()).isEqualTo(404);
        assertThat(api.get(path + "/revisions").as(stranger).send().status()).isEqualTo(404);
        assertThat(api.post("/api/configurations")
                        .as(stranger)
                        .body(Map.of("product_id", product, "values", Map.of()))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/configurations?product_id=" + product)
                        .as(stranger)
                        .send()
                        .json()
                        .path("items"))
                .isEmpty();
    }
}
