package io.traveler.orders;

import io.traveler.testing.Api;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Customers, products, variants and partnerships made through the API, failing loudly when one is refused. */
record OrderFixtures(Api api) {
    UUID customer(Api.Tenant tenant, String name) {
        return created(
                api.post("/api/customers").as(tenant).body(Map.of("name", name)).send());
    }

    /** A product with this base price (none when null). */
    UUID product(Api.Tenant tenant, String sku, String basePrice) {
        var body = new HashMap<String, Object>(Map.of("sku", sku, "name", "Product " + sku));
        if (basePrice != null) {
            body.put("base_price", new BigDecimal(basePrice));
        }
        return created(api.post("/api/products/templates").as(tenant).body(body).send());
    }

    UUID variant(Api.Tenant tenant, UUID productId, String sku, String price) {
        var body = new HashMap<String, Object>(Map.of("name", "Variant " + sku, "sku", sku));
        if (price != null) {
            body.put("price", new BigDecimal(price));
        }
        return created(api.post("/api/products/templates/" + productId + "/variants")
                .as(tenant)
                .body(body)
                .send());
    }

    /** An ACTIVE partnership: the brand asks, the factory accepts. */
    void partners(Api.Tenant brand, Api.Tenant factory) {
        UUID asked = created(api.post("/api/partnerships")
                .as(brand)
                .body(Map.of("factory_org_id", factory.orgId()))
                .send());
        var accepted =
                api.post("/api/partnerships/" + asked + "/accept").as(factory).send();
        if (accepted.status() != 200) {
            throw new IllegalStateException("partnership refused: " + accepted);
        }
    }

    /** The factory's own codes for one of the brand's variants. */
    void supplierCodes(Api.Tenant brand, UUID variant, Api.Tenant factory, String productCode, String sku) {
        created(api.post("/api/catalog/variants/" + variant + "/supplier-variants")
                .as(brand)
                .body(Map.of(
                        "factory_org_id",
                        factory.orgId(),
                        "supplier_product_code",
                        productCode,
                        "supplier_variant_code",
                        "V1",
                        "supplier_sku",
                        sku))
                .send());
    }

    static Map<String, Object> line(UUID productId, String quantity, String unitPrice) {
        var line = new HashMap<String, Object>(Map.of("product_id", productId, "quantity", new BigDecimal(quantity)));
        if (unitPrice != null) {
            line.put("unit_price", new BigDecimal(unitPrice));
        }
        return line;
    }

    static UUID created(Api.Response response) {
        if (response.status() != 201) {
            throw new IllegalStateException("fixture refused: " + response);
        }
        return response.id();
    }
}
