package io.traveler.orders;

import static io.traveler.orders.OrderFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A brand's purchase orders to a partner factory: placed by the brand from its own catalog, read by the factory (with
 * its internals) and the brand (without), invisible to anyone else.
 */
@ApplicationTest
class PurchaseOrderApiTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    OrderFixtures fixtures;
    Api.Tenant brand;
    Api.Tenant factory;
    UUID jacket;
    UUID jacketRed;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new OrderFixtures(api);
        brand = Tenants.in(context).signedIn("BRAND");
        factory = Tenants.in(context).signedIn("FACTORY");
        fixtures.partners(brand, factory);
        jacket = fixtures.product(brand, "JKT", "80");
        jacketRed = fixtures.variant(brand, jacket, "JKT-RED", "85.25");
        fixtures.supplierCodes(brand, jacketRed, factory, "F-JACKET", "F-JKT-R");
    }

    private Map<String, Object> purchaseOrder(UUID factoryOrgId, Map<String, Object>... lines) {
        return new HashMap<>(Map.of("factory_org_id", factoryOrgId, "lines", List.of(lines)));
    }

    private Api.Response place(Api.Tenant as, Map<String, Object> body) {
        return api.post("/api/orders/").as(as).body(body).send();
    }

    private static Map<String, Object> variantLine(UUID product, UUID variant, String quantity) {
        var line = line(product, quantity, null);
        line.put("variant_id", variant);
        return line;
    }

    private static List<String> fieldsOf(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    @Test
    void aBrandPlacesAPurchaseOrderTheFactoryReadsWithItsOwnCodes() {
        var body = purchaseOrder(factory.orgId(), variantLine(jacket, jacketRed, "40"), line(jacket, "10", "70"));
        body.put("total", 1);
        body.put("special_instructions", "Spring collection");

        var placed = place(brand, body);

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.text("code")).as("from the brand's series").matches("PO-\\d{4}-\\d{6}");
        assertThat(placed.text("phase")).isEqualTo("DRAFT");
        assertThat(placed.text("brand_org_id")).isEqualTo(brand.orgId().toString());
        assertThat(placed.text("factory_org_id")).isEqualTo(factory.orgId().toString());
        assertThat(placed.json().path("total").decimalValue()).isEqualByComparingTo("4110");
        assertThat(placed.json().has("internal_notes")).isFalse();
        assertThat(placed.json().has("estimated_cost")).isFalse();

        var seen = api.get("/api/orders/" + placed.id()).as(factory).send();
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        assertThat(seen.text("party_name")).startsWith("brand ");
        var red = seen.json().path("lines").get(0);
        assertThat(red.path("sku").asString()).isEqualTo("JKT-RED");
        assertThat(red.path("name").asString()).isEqualTo("Product JKT Variant JKT-RED");
        assertThat(red.path("unit_price").decimalValue()).isEqualByComparingTo("85.25");
        assertThat(red.path("supplier_product_code").asString()).isEqualTo("F-JACKET");
        assertThat(red.path("supplier_sku").asString()).isEqualTo("F-JKT-R");
        var plain = seen.json().path("lines").get(1);
        assertThat(plain.path("sku").asString()).isEqualTo("JKT");
        assertThat(plain.path("supplier_sku").isNull()).isTrue();
        assertThat(seen.json().has("internal_notes")).as("the factory's view").isTrue();

        var noted = api.patch("/api/orders/" + placed.id())
                .as(factory)
                .ifMatch(seen.header("ETag"))
                .body(Map.of("internal_notes", "Fabric from the spring lot", "estimated_cost", 2500))
                .send();
        assertThat(noted.status()).as(noted.toString()).isEqualTo(200);

        var asBrand = api.get("/api/orders/" + placed.id()).as(brand).send();
        assertThat(asBrand.status()).isEqualTo(200);
        assertThat(asBrand.json().has("internal_notes")).isFalse();
        assertThat(asBrand.json().has("estimated_cost")).isFalse();
        assertThat(asBrand.toString()).doesNotContain("Fabric from the spring lot");

        assertThat(api.get("/api/orders/?limit=10").as(factory).send().json().path("items"))
                .extracting(item -> item.path("code").asString())
                .containsExactly(placed.text("code"));
        assertThat(api.get("/api/orders/?phase=DRAFT&limit=10")
                        .as(brand)
                        .send()
                        .json()
                        .path("items"))
                .extracting(item -> item.path("code").asString())
                .containsExactly(placed.text("code"));
        assertThat(api.get("/api/orders?brand_org_id=" + brand.orgId())
                        .as(factory)
                        .send()
                        .json()
                        .path("items"))
                .hasSize(1);
        assertThat(api.get("/api/orders?factory_org_id=" + factory.orgId())
                        .as(brand)
                        .send()
                        .json()
                        .path("items"))
                .hasSize(1);
        assertThat(api.get("/api/orders?q=spring").as(brand).send().json().path("items"))
                .hasSize(1);
    }

    @Test
    void anotherBrandNeitherSeesNorListsThePurchaseOrder() {
        var placed = place(brand, purchaseOrder(factory.orgId(), line(jacket, "1", null)));
        var otherBrand = Tenants.in(context).signedIn("BRAND");
        fixtures.partners(otherBrand, factory);

        assertThat(api.get("/api/orders/" + placed.id()).as(otherBrand).send().status())
                .isEqualTo(404);
        assertThat(api.get("/api/orders/" + placed.id() + "/lines")
                        .as(otherBrand)
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/orders?factory_org_id=" + factory.orgId())
                        .as(otherBrand)
                        .send()
                        .json()
                        .path("items"))
                .isEmpty();
        assertThat(api.get("/api/orders").as(otherBrand).send().json().path("items"))
                .isEmpty();
    }

    @Test
    void aPurchaseOrderNeedsAnActivePartnership() {
        var stranger = Tenants.in(context).signedIn("FACTORY");

        var refused = place(brand, purchaseOrder(stranger.orgId(), line(jacket, "1", null)));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(fieldsOf(refused)).containsExactly("factory_org_id");
        assertThat(api.get("/api/orders").as(stranger).send().json().path("items"))
                .isEmpty();
    }

    @Test
    void aLineNamesOneOfTheBrandsOwnProducts() {
        UUID factoryProduct = fixtures.product(factory, "FAC-1", "5");

        var refused =
                place(brand, purchaseOrder(factory.orgId(), line(jacket, "1", null), line(factoryProduct, "1", "5")));
        var otherProductsVariant = place(
                brand,
                purchaseOrder(factory.orgId(), variantLine(fixtures.product(brand, "CAP", "5"), jacketRed, "1")));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(fieldsOf(refused)).containsExactly("lines[1].product_id");
        assertThat(fieldsOf(otherProductsVariant)).containsExactly("lines[0].variant_id");
    }

    @Test
    void aBrandChangesNothingOfAPlacedPurchaseOrderButTheFactoryMay() {
        var placed = place(brand, purchaseOrder(factory.orgId(), line(jacket, "10", null)));
        String path = "/api/orders/" + placed.id();
        String lineId = placed.json().path("lines").get(0).path("id").asString();

        assertThat(api.patch(path)
                        .as(brand)
                        .ifMatch(placed.header("ETag"))
                        .body(Map.of("priority", "URGENT"))
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.patch(path + "/lines/" + lineId)
                        .as(brand)
                        .ifMatch("\"0\"")
                        .body(Map.of("quantity", 1))
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.delete(path)
                        .as(brand)
                        .ifMatch(placed.header("ETag"))
                        .send()
                        .status())
                .isEqualTo(403);

        var repriced = api.patch(path + "/lines/" + lineId)
                .as(factory)
                .ifMatch("\"0\"")
                .body(Map.of("unit_price", 75))
                .send();
        assertThat(repriced.status()).as(repriced.toString()).isEqualTo(200);
        assertThat(api.get(path).as(brand).send().json().path("total").decimalValue())
                .isEqualByComparingTo("750");
        assertThat(api.post(path + "/lines")
                        .as(factory)
                        .body(line(jacket, "1", "1"))
                        .send()
                        .status())
                .as("the factory cannot name the brand's products")
                .isEqualTo(409);
    }

    @Test
    void aPurchaseOrderCarriesNoInternalsOrChargesFromTheBrand() {
        var body = purchaseOrder(factory.orgId(), line(jacket, "1", null));
        body.put("internal_notes", "peek");

        var refused = place(brand, body);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(fieldsOf(refused)).containsExactly("internal_notes");
        var both = purchaseOrder(factory.orgId(), line(jacket, "1", null));
        both.put("customer_id", UUID.randomUUID());
        assertThat(fieldsOf(place(brand, both))).containsExactly("customer_id");
    }
}
