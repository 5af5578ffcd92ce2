package io.traveler.projects;

import static io.traveler.projects.ProjectFixtures.created;
import static io.traveler.projects.ProjectFixtures.idOf;
import static io.traveler.projects.ProjectFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** A project becomes a DRAFT product: its pinned BOM's lines in the product's first BOM, the chosen documents. */
@ApplicationTest
class PromoteToTemplateTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    Api.Tenant factory;
    UUID project;
    UUID drawing;
    UUID photo;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        var fixtures = new ProjectFixtures(api);
        factory = Tenants.in(context).signedIn("FACTORY");
        UUID customer = fixtures.customer(factory, "Harbour Store");
        UUID station = fixtures.station(factory, "Cutting");
        JsonNode workflow = fixtures.workflow(factory, "Cabinet", List.of(stage("Cut", station, 60)));
        UUID product = fixtures.product(factory, "CAB-1");
        UUID panel = created(api.post("/api/catalog/parts")
                .as(factory)
                .body(Map.of("part_number", "P-1", "name", "Panel", "kind", "MATERIAL", "unit_of_measure", "ea"))
                .send());
        UUID hinge = created(api.post("/api/catalog/parts")
                .as(factory)
                .body(Map.of("part_number", "H-1", "name", "Hinge", "kind", "HARDWARE", "unit_of_measure", "ea"))
                .send());
        var bom = api.post("/api/products/templates/" + product + "/boms")
                .as(factory)
                .body(Map.of(
                        "lines",
                        List.of(
                                Map.of("component_type", "PART", "component_id", panel, "quantity", 4),
                                Map.of("component_type", "PART", "component_id", hinge, "quantity", 2))))
                .send();
        created(bom);
        var activated = api.post("/api/boms/" + bom.id() + "/activate")
                .as(factory)
                .ifMatch(bom.header("ETag"))
                .send();
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        project = created(api.post("/api/projects/")
                .as(factory)
                .body(Map.of(
                        "name",
                        "Custom cabinet",
                        "customer_id",
                        customer,
                        "workflow_id",
                        idOf(workflow),
                        "product_id",
                        product,
                        "quantity",
                        1))
                .send());
        drawing = doc("drawings/cabinet.dxf", "cabinet.dxf");
        photo = doc("photos/cabinet.jpg", "cabinet.jpg");
    }

    private UUID doc(String key, String name) {
        return created(api.post("/api/projects/" + project + "/design-docs/")
                .as(factory)
                .body(Map.of("file_key", key, "file_name", name, "metadata", Map.of("by", "design")))
                .send());
    }

    private Api.Response promote(Map<String, Object> body) {
        return api.post("/api/projects/" + project + "/promote-to-template/")
                .as(factory)
                .body(body)
                .send();
    }

    @Test
    void aPromotedProjectIsADraftProductWithItsBomAndTheChosenDocuments() {
        var promoted =
                promote(Map.of("sku", "CAB-CUSTOM", "name", "Custom cabinet", "design_doc_ids", List.of(drawing)));

        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(201);
        UUID product = promoted.id();
        assertThat(promoted.header("Location")).isEqualTo("/api/products/templates/" + product);
        var read = api.get("/api/products/templates/" + product).as(factory).send();
        assertThat(read.text("sku")).isEqualTo("CAB-CUSTOM");
        assertThat(read.text("status")).isEqualTo("DRAFT");
        var boms = api.get("/api/products/templates/" + product + "/boms")
                .as(factory)
                .send()
                .json()
                .path("items");
        assertThat(boms).hasSize(1);
        assertThat(boms.get(0).path("status").asString()).isEqualTo("DRAFT");
        var lines = api.get("/api/boms/" + idOf(boms.get(0)))
                .as(factory)
                .send()
                .json()
                .path("lines");
        assertThat(lines)
                .extracting(l ->
                        l.path("quantity").decimalValue().stripTrailingZeros().toPlainString())
                .containsExactly("4", "2");
        var docs = api.get("/api/products/templates/" + product + "/design-docs/")
                .as(factory)
                .send();
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("items")).hasSize(1);
        JsonNode copied = docs.json().path("items").get(0);
        assertThat(copied.path("file_key").asString()).isEqualTo("drawings/cabinet.dxf");
        assertThat(copied.path("source_doc_id").asString()).isEqualTo(drawing.toString());
        assertThat(copied.path("metadata").path("by").asString()).isEqualTo("design");
    }

    @Test
    void aRefusedPromotionMakesNothing() {
        var noSku = promote(Map.of("name", "X"));
        assertThat(noSku.status()).isEqualTo(422);
        assertThat(noSku.json().path("errors").get(0).path("field").asString()).isEqualTo("sku");

        var taken = promote(Map.of("sku", "cab-1", "design_doc_ids", List.of(photo)));
        assertThat(taken.status()).as("the SKU of the project's own product").isEqualTo(409);

        var other = Tenants.in(context).signedIn("FACTORY");
        var foreignDoc = promote(Map.of("sku", "CAB-2", "design_doc_ids", List.of(UUID.randomUUID())));
        assertThat(foreignDoc.status()).isEqualTo(422);
        assertThat(foreignDoc.json().path("errors").get(0).path("field").asString())
                .isEqualTo("design_doc_ids");

        var tooMany = promote(Map.of(
                "sku",
                "CAB-4",
                "design_doc_ids",
                java.util.stream.Stream.generate(UUID::randomUUID).limit(101).toList()));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().path("errors").get(0).path("field").asString())
                .isEqualTo("design_doc_ids");

        var tenants = Tenants.in(context);
        var planner = tenants.signedIn(tenants.memberWith(factory.orgId(), java.util.Set.of("projects:manage")));
        var withoutCatalog = api.post("/api/projects/" + project + "/promote-to-template/")
                .as(planner)
                .body(Map.of("sku", "CAB-5"))
                .send();
        assertThat(withoutCatalog.status())
                .as("a product is the catalog's: promoting needs catalog:manage too")
                .isEqualTo(403);

        var products =
                api.get("/api/products/templates").as(factory).send().json().path("items");
        assertThat(products).extracting(p -> p.path("sku").asString()).containsExactly("CAB-1");
        assertThat(api.post("/api/projects/" + project + "/promote-to-template/")
                        .as(other)
                        .body(Map.of("sku", "CAB-3"))
                        .send()
                        .status())
                .isEqualTo(404);
    }
}
