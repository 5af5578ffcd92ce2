package io.traveler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
import io.traveler.testing.Tenants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@ApplicationTest
class VariantApiTests {
    private static final String CODE = "[0-9A-HJKMNP-TV-Z]{5}";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    Api.Tenant brand;
    CatalogFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        brand = Tenants.in(context).signedIn("BRAND");
        fixtures = new CatalogFixtures(api, brand);
    }

    private Api.Response createVariant(UUID productId, Map<String, Object> body) {
        return api.post("/api/products/templates/" + productId + "/variants")
                .as(brand)
                .body(body)
                .send();
    }

    @Test
    void aVariantGetsASystemCodeAndIsChangedUnderItsEtag() {
        UUID shirt = fixtures.product("TEE");
        var created = createVariant(
                shirt,
                Map.of(
                        "name",
                        "Tee M blue",
                        "sku",
                        "TEE-M-BLU",
                        "attributes",
                        Map.of("size", "M", "color", "blue"),
                        "price",
                        19.5));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/catalog/variants/" + created.id());
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        String code = created.text("code");
        assertThat(code).matches(CODE);
        assertThat(created.json().path("attributes").path("color").asString()).isEqualTo("blue");
        assertThat(created.json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(created.json().path("product_id").asString()).isEqualTo(shirt.toString());

        var byCode = api.get("/api/catalog/variants?code=" + code.toLowerCase())
                .as(brand)
                .send();
        assertThat(byCode.json().path("items")).hasSize(1);
        assertThat(byCode.json().path("items").get(0).path("sku").asString()).isEqualTo("TEE-M-BLU");
        var ofProduct = api.get("/api/products/templates/" + shirt + "/variants")
                .as(brand)
                .send();
        assertThat(ofProduct.json().path("items")).hasSize(1);

        String path = "/api/catalog/variants/" + created.id();
        assertThat(api.patch(path).as(brand).body(Map.of("price", 21)).send().status())
                .isEqualTo(428);
        assertThat(api.patch(path)
                        .as(brand)
                        .ifMatch("\"7\"")
                        .body(Map.of("price", 21))
                        .send()
                        .status())
                .isEqualTo(412);
        var body = new HashMap<String, Object>();
        body.put("price", 21);
        body.put("sku", null);
        body.put("status", "INACTIVE");
        var changed = api.patch(path).as(brand).ifMatch("\"0\"").body(body).send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("price").decimalValue()).isEqualByComparingTo("21");
        assertThat(changed.json().path("sku").isNull()).isTrue();
        assertThat(changed.json().path("status").asString()).isEqualTo("INACTIVE");
        assertThat(changed.text("code")).isEqualTo(code);
        assertThat(changed.json().path("attributes").path("size").asString()).isEqualTo("M");
    }

    @Test
    void attributesMustBeAJsonObjectAndSkusAreUniqueInTheOrganization() {
        UUID shirt = fixtures.product("TEE");
        var list = createVariant(shirt, Map.of("name", "Odd", "attributes", List.of("M")));
        assertThat(list.status()).isEqualTo(422);
        assertThat(list.json().path("errors").get(0).path("field").asString()).isEqualTo("attributes");

        assertThat(createVariant(shirt, Map.of("name", "A", "sku", "DUP")).status())
                .isEqualTo(201);
        var duplicate = createVariant(fixtures.product("HOODIE"), Map.of("name", "B", "sku", "DUP"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("detail").asString()).contains("DUP");

        assertThat(createVariant(shirt, Map.of("sku", "NO-NAME")).status()).isEqualTo(422);
        assertThat(createVariant(UUID.randomUUID(), Map.of("name", "Ghost")).status())
                .isEqualTo(404);
    }

    @Test
    void concurrentCreationsAllGetDistinctCodes() throws Exception {
        UUID product = fixtures.product("MANY");
        int threads = 8;
        int each = 15;
        List<String> codes = Parallel.run(threads, thread -> {
                    List<String> made = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        var created = createVariant(product, Map.of("name", "V " + thread + "-" + i));
                        made.add(created.status() == 201 ? created.text("code") : "failed " + created);
                    }
                    return made;
                })
                .stream()
                .flatMap(List::stream)
                .toList();
        assertThat(codes).hasSize(threads * each).allMatch(c -> c.matches(CODE));
        assertThat(new HashSet<>(codes)).hasSize(threads * each);

        Set<String> listed = new HashSet<>();
        String cursor = null;
        do {
            var page = api.get("/api/products/templates/" + product + "/variants?limit=50"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .as(brand)
                    .send()
                    .json();
            page.path("items").forEach(v -> listed.add(v.path("code").asString()));
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asString();
        } while (cursor != null);
        assertThat(listed).hasSize(threads * each);
    }

    @Test
    void supplierVariantsMapAVariantToFactoriesWithAnActivePartnership() {
        var factory = Tenants.in(context).signedIn("FACTORY");
        var stranger = Tenants.in(context).signedIn("FACTORY");
        UUID variant = createVariant(fixtures.product("CAP"), Map.of("name", "Cap red"))
                .id();
        String mappings = "/api/catalog/variants/" + variant + "/supplier-variants";
        Map<String, Object> mapping = Map.of(
                "factory_org_id",
                factory.orgId(),
                "supplier_product_code",
                "F-CAP",
                "supplier_variant_code",
                "RED",
                "supplier_sku",
                "F-CAP-RED",
                "supplier_price",
                3.2,
                "minimum_quantity",
                50,
                "lead_time_days",
                12);

        var pending = api.post("/api/partnerships")
                .as(brand)
                .body(Map.of("factory_org_id", factory.orgId()))
                .send();
        var beforeAcceptance = api.post(mappings).as(brand).body(mapping).send();
        assertThat(beforeAcceptance.status()).isEqualTo(422);
        assertThat(beforeAcceptance.json().path("errors").get(0).path("field").asString())
                .isEqualTo("factory_org_id");
        assertThat(api.post("/api/partnerships/" + pending.id() + "/accept")
                        .as(factory)
                        .send()
                        .status())
                .isEqualTo(200);

        var created = api.post(mappings).as(brand).body(mapping).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/catalog/supplier-variants/" + created.id());
        assertThat(created.text("factory_name")).isNotBlank();
        assertThat(created.text("availability")).isEqualTo("AVAILABLE");
        assertThat(created.json().path("minimum_quantity").decimalValue()).isEqualByComparingTo("50");
        assertThat(api.post(mappings).as(brand).body(mapping).send().status()).isEqualTo(409);
        var notPartner = api.post(mappings)
                .as(brand)
                .body(Map.of("factory_org_id", stranger.orgId()))
                .send();
        assertThat(notPartner.status()).isEqualTo(422);

        String path = "/api/catalog/supplier-variants/" + created.id();
        var body = new HashMap<String, Object>();
        body.put("supplier_price", 2.9);
        body.put("supplier_variant_code", null);
        body.put("availability", "LIMITED");
        var changed = api.patch(path).as(brand).ifMatch("\"0\"").body(body).send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("supplier_price").decimalValue()).isEqualByComparingTo("2.9");
        assertThat(changed.json().path("supplier_variant_code").isNull()).isTrue();
        assertThat(changed.text("supplier_sku")).isEqualTo("F-CAP-RED");
        var refactored = api.patch(path)
                .as(brand)
                .ifMatch("\"1\"")
                .body(Map.of("factory_org_id", stranger.orgId()))
                .send();
        assertThat(refactored.status()).isEqualTo(422);
        assertThat(api.get(mappings).as(brand).send().json().path("items")).hasSize(1);

        // the factory sees neither the brand's variant nor its mapping
        assertThat(api.get(path).as(factory).send().status()).isEqualTo(404);
        assertThat(api.get("/api/catalog/variants/" + variant)
                        .as(factory)
                        .send()
                        .status())
                .isEqualTo(404);

        var variantNow = api.get("/api/catalog/variants/" + variant).as(brand).send();
        assertThat(api.delete("/api/catalog/variants/" + variant)
                        .as(brand)
                        .ifMatch(variantNow.header("ETag"))
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.get(path).as(brand).send().status()).isEqualTo(404);
    }

    @Test
    void aSupplierVariantIsDeletedUnderItsEtag() {
        var factory = Tenants.in(context).signedIn("FACTORY");
        var partnership = api.post("/api/partnerships")
                .as(brand)
                .body(Map.of("factory_org_id", factory.orgId()))
                .send();
        api.post("/api/partnerships/" + partnership.id() + "/accept")
                .as(factory)
                .send();
        UUID variant =
                createVariant(fixtures.product("MUG"), Map.of("name", "Mug")).id();
        var created = api.post("/api/catalog/variants/" + variant + "/supplier-variants")
                .as(brand)
                .body(Map.of("factory_org_id", factory.orgId()))
                .send();
        String path = "/api/catalog/supplier-variants/" + created.id();

        assertThat(api.delete(path).as(brand).send().status()).isEqualTo(428);
        assertThat(api.delete(path).as(brand).ifMatch("\"3\"").send().status()).isEqualTo(412);
        assertThat(api.delete(path).as(brand).ifMatch("\"0\"").send().status()).isEqualTo(204);
        assertThat(api.get("/api/catalog/variants/" + variant + "/supplier-variants")
                        .as(brand)
                        .send()
                        .json()
                        .path("items"))
                .isEmpty();
    }
}
