package io.traveler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Requests built to cost the service unbounded time or memory are refused before the work starts. */
@ApplicationTest
class ExpensiveRequestTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    Api.Tenant owner;
    CatalogFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        owner = Tenants.in(context).signedIn("FACTORY");
        fixtures = new CatalogFixtures(api, owner);
    }

    /** Seven levels of ten lines, each naming the same sub-assembly: 11,111,110 lines from 70 stored ones. */
    @Test
    void anExplosionOfTenMillionLinesIsRefusedWith422NamingTheCapInsteadOfBeingBuilt() {
        UUID part = fixtures.part("CAP-LEAF", BigDecimal.ONE, null);
        UUID below = null;
        UUID rootBom = null;
        for (int level = 7; level >= 1; level--) {
            UUID product = fixtures.product("CAP-L" + level);
            UUID component = below == null ? part : below;
            String type = below == null ? "PART" : "PRODUCT";
            rootBom = fixtures.activeBom(
                    product, Collections.nCopies(10, CatalogFixtures.line(type, component, "1", "0")));
            below = product;
        }

        var refused = api.get("/api/boms/" + rootBom + "/explosion").as(owner).send();

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asString())
                .contains("11,111,110")
                .contains("1,000,000");
    }

    @Test
    void aQuantityOfAHugeExponentIsRefusedAtOnceNamingTheField() {
        UUID part = fixtures.part("EXP-LEAF", BigDecimal.ONE, null);
        UUID bom = fixtures.activeBom(fixtures.product("EXP-P"), List.of(CatalogFixtures.line("PART", part, "2", "0")));

        for (String quantity : List.of("1E%2B999999999", "1E999999999", "1E-999999999", "12345678901234")) {
            var refused = api.get("/api/boms/" + bom + "/explosion?quantity=" + quantity)
                    .as(owner)
                    .send();
            assertThat(refused.status()).as(quantity + " " + refused).isEqualTo(422);
            assertThat(fields(refused.json())).contains("quantity");
        }
        var raw = api.get("/api/boms/" + bom + "/explosion?quantity=1E+999999999")
                .as(owner)
                .send();
        assertThat(raw.status()).isBetween(400, 499);
        assertThat(api.get("/api/boms/" + bom + "/explosion?quantity=1E%2B3")
                        .as(owner)
                        .send()
                        .json()
                        .path("lines")
                        .get(0)
                        .path("extended_quantity")
                        .decimalValue())
                .isEqualByComparingTo("2000");
    }

    @Test
    /**
     * Beyond the columns' precision a number is 422; beyond any column's reach (more than 40 digits before or after
     * the point, {@code BoundedDecimals}) the body is malformed, 400: either way the field is named.
     */
    void numbersOfRequestBodiesOutsideTheDatabasesPrecisionAreRefusedNamingTheField() {
        UUID part = fixtures.part("BODY-LEAF", BigDecimal.ONE, null);
        UUID product = fixtures.product("BODY-P");

        var line = api.post("/api/products/templates/" + product + "/boms")
                .as(owner)
                .body("{\"lines\":[{\"component_type\":\"PART\",\"component_id\":\"" + part
                        + "\",\"quantity\":1e999999999}]}")
                .send();
        assertThat(line.status()).as(line.toString()).isEqualTo(400);
        assertThat(fields(line.json())).anyMatch(f -> f.endsWith("quantity"));

        var cost = api.post("/api/catalog/parts")
                .as(owner)
                .body("{\"part_number\":\"BIG\",\"name\":\"Big\",\"kind\":\"COMPONENT\",\"unit_of_measure\":\"ea\","
                        + "\"unit_cost\":1e-999999999}")
                .send();
        assertThat(cost.status()).as(cost.toString()).isEqualTo(400);
        assertThat(fields(cost.json())).contains("unit_cost");

        var price = api.post("/api/products/templates/" + product + "/variants")
                .as(owner)
                .body("{\"name\":\"Red\",\"price\":99999999999999999999}")
                .send();
        assertThat(price.status()).as(price.toString()).isEqualTo(422);
        assertThat(fields(price.json())).contains("price");
    }

    /** The permission is checked before any other interceptor: a stranger learns nothing from the search bounds. */
    @Test
    void aCallerWithoutThePermissionGets403BeforeTheSearchBoundsAreChecked() {
        var tenants = Tenants.in(context);
        Api.Tenant stranger = tenants.signedIn(tenants.memberWith(owner.orgId(), java.util.Set.of()));
        var refused =
                api.get("/api/catalog/parts?q=" + "a".repeat(201)).as(stranger).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    }

    @Test
    void aSearchLongerThanTheLimitOrOfTooManyWordsIs422NamingQ() {
        var tooLong =
                api.get("/api/catalog/parts?q=" + "a".repeat(201)).as(owner).send();
        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(422);
        assertThat(fields(tooLong.json())).containsExactly("q");

        var tooManyWords = api.get("/api/products/templates?q=" + String.join("+", Collections.nCopies(11, "ab")))
                .as(owner)
                .send();
        assertThat(tooManyWords.status()).as(tooManyWords.toString()).isEqualTo(422);
        assertThat(fields(tooManyWords.json())).containsExactly("q");

        var employees = api.get("/api/employees?q=" + "b".repeat(201)).as(owner).send();
        assertThat(employees.status()).as(employees.toString()).isEqualTo(422);

        assertThat(api.get("/api/catalog/parts?q=" + "a".repeat(200))
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(200);
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }
}
