package io.traveler.catalog;

import io.traveler.testing.Api;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Parts, products and bills of materials made through the API, failing loudly when a fixture is refused. */
record CatalogFixtures(Api api, Api.Tenant tenant) {
    UUID part(String number, BigDecimal unitCost, BigDecimal weight) {
        var body = new HashMap<String, Object>(
                Map.of("part_number", number, "name", "Part " + number, "kind", "COMPONENT", "unit_of_measure", "ea"));
        body.put("unit_cost", unitCost);
        if (weight != null) {
            body.put("weight", weight);
        }
        return created(api.post("/api/catalog/parts").as(tenant).body(body).send());
    }

    UUID product(String sku) {
        return created(api.post("/api/products/templates/")
                .as(tenant)
                .body(Map.of("sku", sku, "name", "Product " + sku))
                .send());
    }

    static Map<String, Object> line(String type, UUID id, String quantity, String waste) {
        return Map.of(
                "component_type",
                type,
                "component_id",
                id,
                "quantity",
                new BigDecimal(quantity),
                "waste_factor",
                new BigDecimal(waste));
    }

    UUID draft(UUID productId, List<Map<String, Object>> lines) {
        return created(api.post("/api/products/templates/" + productId + "/boms")
                .as(tenant)
                .body(Map.of("lines", lines))
                .send());
    }

    /** A DRAFT activated straight away, as an administrator may. */
    UUID activeBom(UUID productId, List<Map<String, Object>> lines) {
        UUID bom = draft(productId, lines);
        var activated = api.post("/api/boms/" + bom + "/activate").as(tenant).send();
        if (activated.status() != 200) {
            throw new IllegalStateException("activation refused: " + activated);
        }
        return bom;
    }

    private static UUID created(Api.Response response) {
        if (response.status() != 201) {
            throw new IllegalStateException("fixture refused: " + response);
        }
        return response.id();
    }
}
