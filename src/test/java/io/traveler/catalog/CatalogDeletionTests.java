package io.traveler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What may be deleted from the catalog, and the 409 that says why not. */
@ApplicationTest
class CatalogDeletionTests {
    @LocalServerPort
    int port;

    Api api;
    Api.Tenant owner;
    CatalogFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        owner = api.signUp("FACTORY");
        fixtures = new CatalogFixtures(api, owner);
    }

    private Api.Response delete(String path) {
        String etag = api.get(path).as(owner).send().header("ETag");
        return api.delete(path).as(owner).ifMatch(etag).send();
    }

    private UUID category(String code, UUID parent) {
        var body = new HashMap<String, Object>(Map.of("code", code, "name", "Category " + code));
        if (parent != null) {
            body.put("parent_id", parent);
        }
        return api.post("/api/catalog/categories").as(owner).body(body).send().id();
    }

    @Test
    void aCategoryIsDeletedOnlyWhenNothingIsFiledUnderIt() {
        UUID root = category("ROOT", null);
        UUID child = category("ROOT.1", root);
        UUID holder = category("HOLD", null);
        UUID part = fixtures.part("P-1", BigDecimal.ONE, null);
        api.patch("/api/catalog/parts/" + part)
                .as(owner)
                .ifMatch("\"0\"")
                .body(Map.of("category_id", holder))
                .send();
        UUID product = fixtures.product("PR-1");
        api.patch("/api/products/templates/" + product)
                .as(owner)
                .ifMatch("\"0\"")
                .body(Map.of("category_id", holder))
                .send();

        var withChild = delete("/api/catalog/categories/" + root);
        assertThat(withChild.status()).isEqualTo(409);
        assertThat(withChild.json().path("detail").asString()).contains("1 sub-category");
        var withItems = delete("/api/catalog/categories/" + holder);
        assertThat(withItems.status()).isEqualTo(409);
        assertThat(withItems.json().path("detail").asString())
                .contains("1 part")
                .contains("1 product");
        assertThat(api.delete("/api/catalog/categories/" + child)
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(428);

        assertThat(delete("/api/catalog/categories/" + child).status()).isEqualTo(204);
        assertThat(delete("/api/catalog/categories/" + root).status()).isEqualTo(204);
        assertThat(api.get("/api/catalog/categories/" + root).as(owner).send().status())
                .isEqualTo(404);
    }

    @Test
    void aProductUsedAsAComponentOrWithBomsBeyondDraftOrWithVariantsIsKept() {
        UUID part = fixtures.part("P-1", BigDecimal.ONE, null);
        UUID sub = fixtures.product("SUB");
        UUID top = fixtures.product("TOP");
        fixtures.draft(top, List.of(CatalogFixtures.line("PRODUCT", sub, "1", "0")));
        var usedAsComponent = delete("/api/products/templates/" + sub);
        assertThat(usedAsComponent.status()).isEqualTo(409);
        assertThat(usedAsComponent.json().path("detail").asString()).contains("TOP");

        UUID active = fixtures.product("ACTIVE");
        fixtures.activeBom(active, List.of(CatalogFixtures.line("PART", part, "2", "0")));
        var withActiveBom = delete("/api/products/templates/" + active);
        assertThat(withActiveBom.status()).isEqualTo(409);
        assertThat(withActiveBom.json().path("detail").asString()).contains("ACTIVE");

        UUID varied = fixtures.product("VARIED");
        api.post("/api/products/templates/" + varied + "/variants")
                .as(owner)
                .body(Map.of("name", "Small"))
                .send();
        assertThat(delete("/api/products/templates/" + varied).status()).isEqualTo(409);

        var usedPart = delete("/api/catalog/parts/" + part);
        assertThat(usedPart.status()).isEqualTo(409);
        assertThat(api.get("/api/products/templates/" + sub).as(owner).send().status())
                .isEqualTo(200);
    }

    @Test
    void aProductWithOnlyDraftBomsIsDeletedWithThem() {
        UUID part = fixtures.part("P-1", BigDecimal.ONE, null);
        UUID product = fixtures.product("DRAFTY");
        UUID first = fixtures.draft(product, List.of(CatalogFixtures.line("PART", part, "1", "0")));
        var revision = api.post("/api/boms/" + first + "/revise").as(owner).send();
        assertThat(revision.status()).isEqualTo(201);

        assertThat(delete("/api/products/templates/" + product).status()).isEqualTo(204);
        assertThat(api.get("/api/products/templates/" + product)
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/boms/" + first).as(owner).send().status()).isEqualTo(404);
        assertThat(api.get("/api/boms/" + revision.id()).as(owner).send().status())
                .isEqualTo(404);
        assertThat(api.get("/api/catalog/parts/" + part + "/where-used")
                        .as(owner)
                        .send()
                        .json()
                        .path("items"))
                .isEmpty();
        assertThat(delete("/api/catalog/parts/" + part).status()).isEqualTo(204);
    }

    @Test
    void anotherOrganizationCannotDeleteWhatItCannotSee() {
        var stranger = api.signUp("FACTORY");
        UUID product = fixtures.product("MINE");
        UUID category = category("MINE", null);

        assertThat(api.delete("/api/products/templates/" + product)
                        .as(stranger)
                        .ifMatch("*")
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/catalog/categories/" + category)
                        .as(stranger)
                        .ifMatch("*")
                        .send()
                        .status())
                .isEqualTo(404);
    }
}
