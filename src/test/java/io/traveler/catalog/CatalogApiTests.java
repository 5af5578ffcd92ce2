package io.traveler.catalog;

import static io.traveler.catalog.CatalogFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

@ApplicationTest
class CatalogApiTests {
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
    void partsAreCreatedSearchedFilteredAndChangedUnderTheirEtag() {
        var created = api.post("/api/catalog/parts/")
                .as(owner)
                .body(Map.of(
                        "part_number", "RES-10K",
                        "name", "Resistor 10k ohm",
                        "kind", "ELECTRONIC",
                        "unit_of_measure", "ea",
                        "unit_cost", 0.02,
                        "dimensions", Map.of("length_mm", 6)))
                .send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/catalog/parts/" + created.id());
        assertThat(created.json().path("dimensions").path("length_mm").asInt()).isEqualTo(6);
        fixtures.part("CAP-1UF", new BigDecimal("0.05"), null);
        fixtures.part("SCREW-M3", new BigDecimal("0.01"), null);

        var found = api.get("/api/catalog/parts?q=resistor").as(owner).send();
        assertThat(found.json().path("items").get(0).path("id").asString()).isEqualTo(created.text("id"));
        assertThat(api.get("/api/catalog/parts?q=resistr")
                        .as(owner)
                        .send()
                        .json()
                        .path("items"))
                .as("a misspelling still finds it by similarity")
                .anyMatch(n -> n.path("part_number").asString().equals("RES-10K"));
        assertThat(api.get("/api/catalog/parts/?kind=ELECTRONIC")
                        .as(owner)
                        .send()
                        .json()
                        .path("items"))
                .hasSize(1);
        assertThat(api.post("/api/catalog/parts")
                        .as(owner)
                        .body(Map.of(
                                "part_number",
                                "RES-10K",
                                "name",
                                "Again",
                                "kind",
                                "ELECTRONIC",
                                "unit_of_measure",
                                "ea"))
                        .send()
                        .status())
                .as("part numbers are unique")
                .isEqualTo(409);
        assertThat(api.post("/api/catalog/parts")
                        .as(owner)
                        .body(Map.of(
                                "part_number",
                                "NEG",
                                "name",
                                "Negative",
                                "kind",
                                "ELECTRONIC",
                                "unit_of_measure",
                                "ea",
                                "unit_cost",
                                -1))
                        .send()
                        .status())
                .isEqualTo(422);

        String path = "/api/catalog/parts/" + created.id();
        assertThat(api.patch(path).as(owner).body(Map.of("name", "x")).send().status())
                .isEqualTo(428);
        var changed = api.patch(path)
                .as(owner)
                .ifMatch(created.header("ETag"))
                .body(Map.of("unit_cost", 0.03))
                .send();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("unit_cost").decimalValue()).isEqualByComparingTo("0.03");
        assertThat(api.patch(path)
                        .as(owner)
                        .ifMatch(created.header("ETag"))
                        .body(Map.of("name", "Stale"))
                        .send()
                        .status())
                .isEqualTo(412);
        assertThat(api.delete(path)
                        .as(owner)
                        .ifMatch(changed.header("ETag"))
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.get(path).as(owner).send().status()).isEqualTo(404);
    }

    @Test
    void materialsAreThePartsOfKindMaterial() {
        fixtures.part("BOLT", BigDecimal.ONE, null);
        var material = api.post("/api/inventory/materials/")
                .as(owner)
                .body(Map.of(
                        "part_number",
                        "ALU-SHEET",
                        "name",
                        "Aluminium sheet",
                        "kind",
                        "COMPONENT",
                        "unit_of_measure",
                        "kg",
                        "unit_cost",
                        4.5))
                .send();
        assertThat(material.status()).isEqualTo(201);
        assertThat(material.text("kind")).isEqualTo("MATERIAL");
        var listed = api.get("/api/inventory/materials").as(owner).send().json().path("items");
        assertThat(listed).extracting(n -> n.path("part_number").asString()).containsExactly("ALU-SHEET");
    }

    @Test
    void categoriesFormATreeThatCannotLoop() {
        var root = api.post("/api/catalog/categories/")
                .as(owner)
                .body(Map.of("code", "ELEC", "name", "Electronics"))
                .send();
        var child = api.post("/api/catalog/categories")
                .as(owner)
                .body(Map.of("code", "ELEC.CAP", "name", "Capacitors", "parent_id", root.id()))
                .send();
        assertThat(child.status()).isEqualTo(201);
        assertThat(api.get("/api/catalog/categories?parent_id=" + root.id())
                        .as(owner)
                        .send()
                        .json()
                        .path("items"))
                .hasSize(1);
        var loop = api.patch("/api/catalog/categories/" + root.id())
                .as(owner)
                .ifMatch(root.header("ETag"))
                .body(Map.of("parent_id", child.id()))
                .send();
        assertThat(loop.status()).isEqualTo(422);
        assertThat(loop.raw().body()).contains("parent_id");
        assertThat(api.get("/api/catalog/categories/" + child.id())
                        .as(owner)
                        .send()
                        .text("parent_id"))
                .isEqualTo(root.text("id"));
    }

    @Test
    void productTemplatesAreCreatedAndFoundBySearch() {
        var created = api.post("/api/products/templates/")
                .as(owner)
                .body(Map.of("sku", "CHAIR-01", "name", "Oak dining chair"))
                .send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/products/templates/" + created.id());
        assertThat(created.text("status")).isEqualTo("DRAFT");
        fixtures.product("TABLE-01");
        var found = api.get("/api/products/templates/?q=oak")
                .as(owner)
                .send()
                .json()
                .path("items");
        assertThat(found).extracting(n -> n.path("sku").asString()).containsExactly("CHAIR-01");
        var changed = api.patch("/api/products/templates/" + created.id())
                .as(owner)
                .ifMatch(created.header("ETag"))
                .body(Map.of("status", "ACTIVE", "base_price", 120))
                .send();
        assertThat(changed.text("status")).isEqualTo("ACTIVE");
    }

    @Test
    void aBomGoesFromDraftThroughApprovalToActiveAndIsSupersededByItsRevision() {
        UUID leg = fixtures.part("LEG", new BigDecimal("3.00"), null);
        UUID seat = fixtures.part("SEAT", new BigDecimal("10.00"), null);
        UUID chair = fixtures.product("CHAIR");
        assertThat(api.get("/api/products/templates/" + chair + "/bom")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(404);

        var draft = api.post("/api/products/templates/" + chair + "/boms/")
                .as(owner)
                .body(Map.of("lines", List.of(line("PART", leg, "4", "0"), line("PART", seat, "1", "0.1"))))
                .send();
        assertThat(draft.status()).isEqualTo(201);
        assertThat(draft.header("Location")).isEqualTo("/api/boms/" + draft.id());
        assertThat(draft.text("status")).isEqualTo("DRAFT");
        assertThat(draft.json().path("number").asInt()).isEqualTo(1);
        String bom = "/api/boms/" + draft.id();

        assertThat(api.post(bom + "/approve").as(owner).send().status())
                .as("a DRAFT cannot be approved")
                .isEqualTo(409);
        assertThat(api.post(bom + "/submit").as(owner).send().text("status")).isEqualTo("PENDING_APPROVAL");
        assertThat(api.request("PUT", bom + "/lines")
                        .as(owner)
                        .ifMatch("*")
                        .body(Map.of("lines", List.of(line("PART", leg, "3", "0"))))
                        .send()
                        .status())
                .as("only a DRAFT is editable")
                .isEqualTo(409);
        assertThat(api.post(bom + "/approve").as(owner).send().text("status")).isEqualTo("APPROVED");
        assertThat(api.post(bom + "/activate").as(owner).send().text("status")).isEqualTo("ACTIVE");

        var active =
                api.get("/api/products/templates/" + chair + "/bom").as(owner).send();
        assertThat(active.text("id")).isEqualTo(draft.text("id"));
        assertThat(active.json().path("lines")).hasSize(2);

        var revision = api.post(bom + "/revise").as(owner).send();
        assertThat(revision.status()).isEqualTo(201);
        assertThat(revision.json().path("number").asInt()).isEqualTo(2);
        assertThat(revision.text("parent_bom_id")).isEqualTo(draft.text("id"));
        assertThat(revision.json().path("lines")).hasSize(2);
        var edited = api.request("PUT", "/api/boms/" + revision.id() + "/lines")
                .as(owner)
                .ifMatch(revision.header("ETag"))
                .body(Map.of("lines", List.of(line("PART", leg, "3", "0"), line("PART", seat, "1", "0.1"))))
                .send();
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.header("ETag")).isNotEqualTo(revision.header("ETag"));
        assertThat(api.post("/api/boms/" + revision.id() + "/activate")
                        .as(owner)
                        .send()
                        .text("status"))
                .isEqualTo("ACTIVE");

        assertThat(api.get(bom).as(owner).send().text("status")).isEqualTo("SUPERSEDED");
        var history =
                api.get("/api/products/templates/" + chair + "/boms").as(owner).send();
        assertThat(history.json().path("items"))
                .extracting(n -> n.path("status").asString())
                .containsExactly("ACTIVE", "SUPERSEDED");
        assertThat(api.post(bom + "/activate").as(owner).send().status())
                .as("a SUPERSEDED version cannot come back")
                .isEqualTo(409);

        var compared = api.get("/api/boms/compare?from=" + draft.id() + "&to=" + revision.id())
                .as(owner)
                .send();
        assertThat(compared.json().path("added")).isEmpty();
        assertThat(compared.json().path("removed")).isEmpty();
        assertThat(compared.json().path("changed")).hasSize(1);
        assertThat(compared.json()
                        .path("changed")
                        .get(0)
                        .path("to")
                        .path("quantity")
                        .decimalValue())
                .isEqualByComparingTo("3");
    }

    @Test
    void onlyHoldersOfEveryAdministratorPermissionActivateADraftDirectly() {
        UUID part = fixtures.part("P", BigDecimal.ONE, null);
        UUID product = fixtures.product("DIRECT");
        UUID bom = fixtures.draft(product, List.of(line("PART", part, "1", "0")));
        var tenants = Tenants.in(context);
        String token = tenants.signedIn(tenants.memberWith(owner.orgId(), Set.of("catalog:read", "catalog:manage")))
                .token();
        assertThat(api.post("/api/boms/" + bom + "/activate")
                        .token(token)
                        .send()
                        .status())
                .isEqualTo(409);
        assertThat(api.post("/api/boms/" + bom + "/approve").token(token).send().status())
                .isEqualTo(403);
        assertThat(api.post("/api/boms/" + bom + "/activate").as(owner).send().status())
                .isEqualTo(200);
    }

    @Test
    void aLineThatWouldMakeAProductContainItselfThreeLevelsDownIsRejected() {
        UUID screw = fixtures.part("SCREW", BigDecimal.ONE, null);
        UUID a = fixtures.product("A");
        UUID b = fixtures.product("B");
        UUID c = fixtures.product("C");
        fixtures.activeBom(a, List.of(line("PRODUCT", b, "1", "0")));
        fixtures.activeBom(b, List.of(line("PRODUCT", c, "1", "0")));
        var rejected = api.post("/api/products/templates/" + c + "/boms")
                .as(owner)
                .body(Map.of("lines", List.of(line("PART", screw, "1", "0"), line("PRODUCT", a, "1", "0"))))
                .send();
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.json().path("errors").get(0).path("field").asString())
                .isEqualTo("lines[1].component_id");

        UUID cDraft = fixtures.draft(c, List.of(line("PART", screw, "1", "0")));
        var edit = api.request("PUT", "/api/boms/" + cDraft + "/lines")
                .as(owner)
                .ifMatch("*")
                .body(Map.of("lines", List.of(line("PRODUCT", c, "1", "0"))))
                .send();
        assertThat(edit.status()).as("a product cannot contain itself directly").isEqualTo(422);
        assertThat(edit.raw().body()).contains("lines[0].component_id");
    }

    @Test
    void activatingAVersionThatWouldCloseACycleIsRejected() {
        UUID a = fixtures.product("CYCLE-A");
        UUID b = fixtures.product("CYCLE-B");
        UUID aDraft = fixtures.draft(a, List.of(line("PRODUCT", b, "1", "0")));
        fixtures.activeBom(b, List.of(line("PRODUCT", a, "1", "0")));
        var activated = api.post("/api/boms/" + aDraft + "/activate").as(owner).send();
        assertThat(activated.status()).isEqualTo(422);
        assertThat(activated.raw().body()).contains("lines[0].component_id");
        assertThat(api.get("/api/boms/" + aDraft).as(owner).send().text("status"))
                .isEqualTo("DRAFT");
    }

    @Test
    void aComponentThatIsNotInTheOrganizationIsRejected() {
        UUID product = fixtures.product("LONELY");
        var rejected = api.post("/api/products/templates/" + product + "/boms")
                .as(owner)
                .body(Map.of("lines", List.of(line("PART", UUID.randomUUID(), "1", "0"))))
                .send();
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.raw().body()).contains("lines[0].component_id");
    }

    @Test
    void substitutesFollowTheirPrimaryInTheExplosionAndStayOutOfTheTotals() {
        UUID steelBolt = fixtures.part("BOLT-STEEL", new BigDecimal("0.50"), new BigDecimal("0.01"));
        UUID inoxBolt = fixtures.part("BOLT-INOX", new BigDecimal("0.80"), new BigDecimal("0.01"));
        UUID rim = fixtures.part("RIM", new BigDecimal("20.00"), new BigDecimal("1.2"));
        UUID wheel = fixtures.product("WHEEL");
        var inox = new java.util.HashMap<>(line("PART", inoxBolt, "4", "0"));
        inox.put("substitute_group", "bolts");
        inox.put("preference", 2);
        var steel = new java.util.HashMap<>(line("PART", steelBolt, "4", "0"));
        steel.put("substitute_group", "bolts");
        steel.put("preference", 1);
        UUID bom = fixtures.activeBom(wheel, List.of(inox, line("PART", rim, "1", "0"), steel));

        var exploded = api.get("/api/boms/" + bom + "/explosion?quantity=1")
                .as(owner)
                .send()
                .json();

        assertThat(exploded.path("lines"))
                .extracting(
                        n -> n.path("number").asString(),
                        n -> n.path("substitute").asBoolean(),
                        n -> n.path("substitute_group").asString(""))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("RIM", false, ""),
                        org.assertj.core.groups.Tuple.tuple("BOLT-STEEL", false, "bolts"),
                        org.assertj.core.groups.Tuple.tuple("BOLT-INOX", true, "bolts"));
        // the preferred steel bolts count (4 × 0.50), the stainless alternative does not
        assertThat(exploded.path("total_cost").decimalValue()).isEqualByComparingTo("22.00");
        assertThat(exploded.path("leaf_count").asInt()).isEqualTo(2);
    }

    @Test
    void explosionMultipliesQuantitiesWithWasteDownThroughSubProductsAndWhereUsedGoesUp() {
        UUID screw = fixtures.part("SCREW", new BigDecimal("0.10"), new BigDecimal("0.002"));
        UUID board = fixtures.part("BOARD", new BigDecimal("5.00"), new BigDecimal("1.5"));
        UUID glue = fixtures.part("GLUE", new BigDecimal("2.00"), null);
        UUID drawer = fixtures.product("DRAWER");
        UUID cabinet = fixtures.product("CABINET");
        fixtures.activeBom(drawer, List.of(line("PART", board, "2", "0.5"), line("PART", screw, "8", "0")));
        var optionalGlue = new java.util.HashMap<>(line("PART", glue, "1", "0"));
        optionalGlue.put("optional", true);
        UUID bom = fixtures.activeBom(cabinet, List.of(line("PRODUCT", drawer, "3", "0"), optionalGlue));

        var exploded =
                api.get("/api/boms/" + bom + "/explosion?quantity=2").as(owner).send();
        assertThat(exploded.status()).isEqualTo(200);
        // boards 3 × 2 × 1.5 × 2 = 18 → 90.00; screws 3 × 8 × 2 = 48 → 4.80; glue 2 → 4.00
        assertThat(exploded.json().path("total_cost").decimalValue()).isEqualByComparingTo("98.80");
        assertThat(exploded.json().path("total_weight").decimalValue()).isEqualByComparingTo("27.096");
        assertThat(exploded.json().path("leaf_count").asInt()).isEqualTo(3);
        JsonNode lines = exploded.json().path("lines");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).path("number").asString()).isEqualTo("DRAWER");
        assertThat(lines.get(1).path("depth").asInt()).isEqualTo(2);
        assertThat(lines.get(1).path("extended_quantity").decimalValue()).isEqualByComparingTo("18");
        var withoutOptional = api.get("/api/boms/" + bom + "/explosion?quantity=2&include_optional=false")
                .as(owner)
                .send();
        assertThat(withoutOptional.json().path("total_cost").decimalValue()).isEqualByComparingTo("94.80");

        assertThat(api.get("/api/boms/" + bom + "/explosion/?quantity=0")
                        .as(owner)
                        .send()
                        .status())
                .as("the ordered quantity must be positive")
                .isEqualTo(422);
        var used =
                api.get("/api/catalog/parts/" + screw + "/where-used").as(owner).send();
        List<String> uses = new ArrayList<>();
        used.json()
                .path("items")
                .forEach(n -> uses.add(
                        n.path("sku").asString() + "@" + n.path("depth").asInt()));
        assertThat(uses).containsExactly("DRAWER@1", "CABINET@2");
        assertThat(api.get("/api/products/templates/" + drawer + "/where-used")
                        .as(owner)
                        .send()
                        .json()
                        .path("items"))
                .extracting(n -> n.path("sku").asString())
                .containsExactly("CABINET");
    }

    @Test
    void replacingADraftsLinesLeavesADeletionInTheAuditTrailForEveryRemovedLine() {
        UUID product = fixtures.product("AUDIT-BOM");
        UUID leg = fixtures.part("AUDIT-LEG", new BigDecimal("1.00"), null);
        UUID seat = fixtures.part("AUDIT-SEAT", new BigDecimal("2.00"), null);
        UUID draft = fixtures.draft(product, List.of(line("PART", leg, "4", "0"), line("PART", seat, "1", "0")));
        List<String> before = api.get("/api/boms/" + draft)
                .as(owner)
                .send()
                .json()
                .path("lines")
                .valueStream()
                .map(l -> l.path("component_id").asString())
                .toList();
        assertThat(before).containsExactly(leg.toString(), seat.toString());

        var replaced = api.request("PUT", "/api/boms/" + draft + "/lines")
                .as(owner)
                .ifMatch("*")
                .body(Map.of("lines", List.of(line("PART", seat, "2", "0"))))
                .send();
        assertThat(replaced.status()).isEqualTo(200);

        JsonNode deletions = api.get("/api/audit?entity_type=BomLine&limit=100")
                .as(owner)
                .send()
                .json()
                .path("items");
        List<JsonNode> deleted = deletions
                .valueStream()
                .filter(e -> e.path("action").asString().equals("DELETE"))
                .toList();
        assertThat(deleted)
                .as("both old lines were removed (the seat line was replaced by a new one), each recorded")
                .hasSize(2);
        assertThat(deleted)
                .extracting(e ->
                        e.path("changes").path("component_id").path("before").asString())
                .containsExactlyInAnyOrder(leg.toString(), seat.toString());
        assertThat(deleted).allSatisfy(e -> assertThat(e.path("actor_id").asString())
                .isEqualTo(owner.userId().toString()));
    }
}
