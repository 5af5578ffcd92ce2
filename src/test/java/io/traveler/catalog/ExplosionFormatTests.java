package io.traveler.catalog;

import static io.traveler.catalog.CatalogFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The explosion's opt-in formats: {@code ?lines=compact} holds the very values of the full format, line by line, in
 * the order {@code columns} names; {@code ?lines=none} only the totals; anything else is refused naming the field.
 */
@ApplicationTest
class ExplosionFormatTests {
    @LocalServerPort
    int port;

    Api api;
    Api.Tenant owner;
    UUID top;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        owner = api.signUp("FACTORY");
        var fixtures = new CatalogFixtures(api, owner);
        UUID bolt = fixtures.part("F-1", new BigDecimal("0.1250"), new BigDecimal("0.013"));
        UUID nut = fixtures.part("F-2", new BigDecimal("0.05"), null);
        UUID frame = fixtures.product("F-FRAME");
        fixtures.activeBom(frame, List.of(line("PART", bolt, "4", "0.02"), line("PART", nut, "4", "0")));
        UUID bike = fixtures.product("F-BIKE");
        top = fixtures.activeBom(
                bike,
                List.of(
                        line("PRODUCT", frame, "2", "0.05"),
                        line("PART", bolt, "1.5", "0"),
                        line("PART", nut, "3", "0")));
    }

    @Test
    void theCompactFormatHoldsTheFullFormatsValuesInColumnOrder() {
        JsonNode full = explosion("");
        JsonNode compact = explosion("&lines=compact");

        List<String> columns = new ArrayList<>();
        compact.path("columns").forEach(c -> columns.add(c.asString()));
        assertThat(columns)
                .containsExactly(
                        "depth",
                        "path",
                        "component_type",
                        "component_id",
                        "number",
                        "name",
                        "quantity",
                        "extended_quantity",
                        "unit",
                        "unit_cost",
                        "extended_cost",
                        "weight",
                        "substitute_group",
                        "substitute");
        assertThat(compact.path("lines")).hasSize(full.path("lines").size()).hasSize(5);
        assertThat(compact.path("line_count").asInt()).isEqualTo(5);
        for (int i = 0; i < full.path("lines").size(); i++) {
            JsonNode object = full.path("lines").get(i);
            JsonNode array = compact.path("lines").get(i);
            for (int c = 0; c < columns.size(); c++) {
                assertThat(array.get(c)).as("line %d, %s", i, columns.get(c)).isEqualTo(object.path(columns.get(c)));
            }
        }
        for (String total : List.of("total_cost", "total_weight", "leaf_count")) {
            assertThat(compact.path(total)).isEqualTo(full.path(total));
        }
    }

    @Test
    void theTotalsOnlyFormatRollsUpWhatTheLinesAddUp() {
        JsonNode full = explosion("");
        JsonNode totals = explosion("&lines=none");

        assertThat(totals.has("lines")).isFalse();
        assertThat(totals.path("line_count").asInt())
                .isEqualTo(full.path("lines").size());
        // 2 × 1.05 frames of (4 × 1.02 bolts at 0.125 + 4 nuts at 0.05), plus 1.5 bolts and 3 nuts, times 3
        assertThat(totals.path("total_cost").decimalValue())
                .isEqualByComparingTo(full.path("total_cost").decimalValue())
                .isEqualByComparingTo(expectedCost());
        assertThat(totals.path("total_weight").decimalValue())
                .isEqualByComparingTo(full.path("total_weight").decimalValue());
        assertThat(totals.path("leaf_count")).isEqualTo(full.path("leaf_count"));
    }

    @Test
    void anUnknownLineFormatIsRefusedNamingTheParameter() {
        var refused =
                api.get("/api/boms/" + top + "/explosion?lines=xml").as(owner).send();
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("errors").get(0).path("field").asString())
                .isEqualTo("lines");
    }

    private static BigDecimal expectedCost() {
        BigDecimal frame = new BigDecimal("4")
                .multiply(new BigDecimal("1.02"))
                .multiply(new BigDecimal("0.125"))
                .add(new BigDecimal("4").multiply(new BigDecimal("0.05")));
        BigDecimal perBike = new BigDecimal("2.1")
                .multiply(frame)
                .add(new BigDecimal("1.5").multiply(new BigDecimal("0.125")))
                .add(new BigDecimal("3").multiply(new BigDecimal("0.05")));
        return perBike.multiply(new BigDecimal("3"));
    }

    private JsonNode explosion(String format) {
        var response = api.get("/api/boms/" + top + "/explosion?quantity=3" + format)
                .as(owner)
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
