package io.traveler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** JSON-object fields and paged search, as the API answers them. */
@ApplicationTest
class CatalogRulesTests {
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

    @Test
    void dimensionsAndSpecificationsMustBeJsonObjects() {
        var base =
                Map.<String, Object>of("part_number", "J-1", "name", "J", "kind", "COMPONENT", "unit_of_measure", "ea");
        var withArray = new HashMap<String, Object>(base);
        withArray.put("dimensions", List.of(1, 2, 3));
        var refused = api.post("/api/catalog/parts").as(owner).body(withArray).send();
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("errors").get(0).path("field").asString())
                .isEqualTo("dimensions");

        var withNumber = new HashMap<String, Object>(base);
        withNumber.put("specifications", 42);
        var alsoRefused =
                api.post("/api/inventory/materials").as(owner).body(withNumber).send();
        assertThat(alsoRefused.status()).isEqualTo(422);
        assertThat(alsoRefused.json().path("errors").get(0).path("field").asString())
                .isEqualTo("specifications");

        var created = api.post("/api/catalog/parts").as(owner).body(base).send();
        var patched = api.patch("/api/catalog/parts/" + created.id())
                .as(owner)
                .ifMatch("\"0\"")
                .body(Map.of("specifications", "text"))
                .send();
        assertThat(patched.status()).isEqualTo(422);
        assertThat(patched.json().path("errors").get(0).path("field").asString())
                .isEqualTo("specifications");
    }

    @Test
    void searchResultsArePagedByTheirCursorInRankOrder() {
        for (int i = 1; i <= 7; i++) {
            fixtures.part("SPROCKET-" + i, BigDecimal.ONE, null);
        }
        fixtures.part("CHAIN-1", BigDecimal.ONE, null);
        for (int i = 1; i <= 4; i++) {
            fixtures.product("GEARBOX-" + i);
        }

        List<String> parts = searchAll("/api/catalog/parts?q=sprocket&limit=3", "part_number", 3);
        assertThat(parts).hasSize(7).doesNotHaveDuplicates().allMatch(n -> n.startsWith("SPROCKET-"));
        var single = api.get("/api/catalog/parts?q=sprocket&limit=7")
                .as(owner)
                .send()
                .json();
        List<String> inOnePage = new ArrayList<>();
        single.path("items").forEach(p -> inOnePage.add(p.path("part_number").asString()));
        assertThat(parts).isEqualTo(inOnePage);
        assertThat(single.path("next_cursor").isNull()).isTrue();

        List<String> products = searchAll("/api/products/templates?q=gearbox&limit=3", "sku", 2);
        assertThat(products).hasSize(4).doesNotHaveDuplicates();

        String cursor = api.get("/api/catalog/parts?q=sprocket&limit=3")
                .as(owner)
                .send()
                .text("next_cursor");
        var otherSearch =
                api.get("/api/catalog/parts?q=chain&cursor=" + cursor).as(owner).send();
        assertThat(otherSearch.status()).isEqualTo(422);
        assertThat(otherSearch.json().path("errors").get(0).path("field").asString())
                .isEqualTo("cursor");
        assertThat(api.get("/api/catalog/parts?q=sprocket&cursor=garbage")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(422);
    }

    /** Follows next_cursor to the end, checking how many pages it took. */
    private List<String> searchAll(String first, String field, int expectedPages) {
        List<String> found = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get(first + (cursor == null ? "" : "&cursor=" + cursor))
                    .as(owner)
                    .send()
                    .json();
            pages++;
            page.path("items").forEach(p -> found.add(p.path(field).asString()));
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asString();
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(expectedPages);
        return found;
    }
}
