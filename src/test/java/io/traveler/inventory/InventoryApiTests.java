package io.traveler.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
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
import tools.jackson.databind.JsonNode;

/** The stock API as issue 12's contract writes it, and the endpoints around it. */
@ApplicationTest
class InventoryApiTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    Tenants tenants;
    Api.Tenant owner;
    UUID part;
    UUID bin;
    UUID shelf;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        tenants = Tenants.in(context);
        owner = tenants.signedIn("FACTORY");
        part = material("ALU-" + UUID.randomUUID().toString().substring(0, 6), null);
        UUID site = created(
                api.post("/api/locations").as(owner).body(Map.of("code", "S1", "name", "Site", "kind", "SITE")));
        bin = created(api.post("/api/locations")
                .as(owner)
                .body(Map.of("code", "S1-A", "name", "Area A", "kind", "AREA", "parent_id", site)));
        shelf = created(api.post("/api/locations")
                .as(owner)
                .body(Map.of("code", "S1-B", "name", "Area B", "kind", "AREA", "parent_id", site)));
    }

    private UUID material(String number, Map<String, Object> opening) {
        Map<String, Object> body =
                new HashMap<>(Map.of("part_number", number, "name", "Aluminium", "unit_of_measure", "kg"));
        if (opening != null) {
            body.put("opening_stock", opening);
        }
        return created(api.post("/api/inventory/materials/").as(owner).body(body));
    }

    private static UUID created(Api.Request request) {
        var response = request.send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    private Api.Response receive(UUID location, Object quantity, String lot, Object cost) {
        Map<String, Object> body =
                new HashMap<>(Map.of("part_id", part, "location_id", location, "quantity", quantity));
        if (lot != null) {
            body.put("lot_number", lot);
        }
        if (cost != null) {
            body.put("unit_cost", cost);
        }
        return api.post("/api/inventory/receipts").as(owner).body(body).send();
    }

    private Api.Response issue(Object quantity, UUID reference) {
        return api.post("/api/inventory/issues")
                .as(owner)
                .body(Map.of(
                        "part_id", part,
                        "location_id", bin,
                        "quantity", quantity,
                        "reference_type", "PROJECT",
                        "reference_id", reference))
                .send();
    }

    private static BigDecimal number(JsonNode node) {
        return node.decimalValue();
    }

    @Test
    void receiptsIssuesAndTransfersShowInBalancesTheLedgerAndTheValuation() {
        var received = receive(bin, 10, "L-1", 3);
        assertThat(received.status()).as(received.toString()).isEqualTo(201);
        JsonNode movement = received.json().path("movements").get(0);
        assertThat(movement.path("kind").asString()).isEqualTo("RECEIPT");
        assertThat(movement.path("lot_number").asString()).isEqualTo("L-1");
        assertThat(receive(bin, 30, "L-2", 5).status()).isEqualTo(201);

        UUID project = UUID.randomUUID();
        var issued = issue(12, project);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(issued.json().path("movements")).hasSize(2);
        assertThat(issue(29, project).status()).isEqualTo(409);
        assertThat(issue(29, project).header("Content-Type")).startsWith("application/problem+json");

        var transferred = api.post("/api/inventory/transfers")
                .as(owner)
                .body(Map.of("part_id", part, "from_location_id", bin, "to_location_id", shelf, "quantity", 8))
                .send();
        assertThat(transferred.status()).as(transferred.toString()).isEqualTo(201);

        var balances =
                api.get("/api/inventory/balances?part_id=" + part).as(owner).send();
        assertThat(balances.status()).isEqualTo(200);
        Map<String, JsonNode> byLocation = new HashMap<>();
        balances.json()
                .path("items")
                .forEach(item -> byLocation.put(item.path("location_id").asString(), item));
        assertThat(byLocation).containsOnlyKeys(bin.toString(), shelf.toString());
        assertThat(number(byLocation.get(bin.toString()).path("on_hand"))).isEqualByComparingTo("20");
        assertThat(number(byLocation.get(bin.toString()).path("reserved"))).isEqualByComparingTo("0");
        assertThat(number(byLocation.get(bin.toString()).path("available"))).isEqualByComparingTo("20");
        assertThat(number(byLocation.get(shelf.toString()).path("on_hand"))).isEqualByComparingTo("8");
        assertThat(byLocation.get(bin.toString()).path("lots").isNull()).isTrue();
        var withLots = api.get("/api/inventory/balances?lots=true&part_id=" + part + "&location_id=" + shelf)
                .as(owner)
                .send();
        assertThat(withLots.json().path("items")).singleElement().satisfies(item -> assertThat(item.path("lots"))
                .extracting(lot -> lot.path("lot_number").asString())
                .containsExactly("L-2"));

        var ledger =
                api.get("/api/inventory/movements?part_id=" + part).as(owner).send();
        assertThat(ledger.status()).isEqualTo(200);
        List<String> kinds = new ArrayList<>();
        ledger.json().path("items").forEach(m -> {
            kinds.add(m.path("kind").asString());
            assertThat(m.path("at").asString()).isNotBlank();
        });
        assertThat(kinds).containsExactly("TRANSFER", "ISSUE", "ISSUE", "RECEIPT", "RECEIPT");
        assertThat(ledger.json().path("next_cursor").isNull()).isTrue();

        var valuation =
                api.get("/api/inventory/valuation?part_id=" + part).as(owner).send();
        assertThat(valuation.status()).isEqualTo(200);
        assertThat(number(valuation.json().path("on_hand"))).isEqualByComparingTo("28");
        assertThat(number(valuation.json().path("average_cost"))).isEqualByComparingTo("4.5");
        assertThat(number(valuation.json().path("value"))).isEqualByComparingTo("126");
    }

    @Test
    void theLedgerPagesNewestFirstByKeysetAndFilters() {
        for (int i = 1; i <= 5; i++) {
            assertThat(receive(bin, i, null, 1).status()).isEqualTo(201);
        }
        UUID project = UUID.randomUUID();
        issue(2, project);
        List<BigDecimal> quantities = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = api.get("/api/inventory/movements?limit=2&part_id=" + part
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .as(owner)
                    .send();
            assertThat(page.status()).isEqualTo(200);
            page.json().path("items").forEach(m -> quantities.add(number(m.path("quantity"))));
            cursor = page.text("next_cursor");
            pages++;
        } while (cursor != null);
        // five receipts and an issue taken from the two oldest lots
        assertThat(pages).isEqualTo(4);
        assertThat(quantities)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(
                        new BigDecimal(1),
                        new BigDecimal(1),
                        new BigDecimal(5),
                        new BigDecimal(4),
                        new BigDecimal(3),
                        new BigDecimal(2),
                        new BigDecimal(1));

        var byReference = api.get("/api/inventory/movements?reference_id=" + project)
                .as(owner)
                .send();
        assertThat(byReference.json().path("items")).hasSize(2);
        var byKind = api.get("/api/inventory/movements?kind=issue&location_id=" + bin)
                .as(owner)
                .send();
        assertThat(byKind.json().path("items")).hasSize(2);
        var bad = api.get("/api/inventory/movements?cursor=nonsense").as(owner).send();
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("cursor");
    }

    @Test
    void anotherOrganizationsPartOrLocationIsNotFoundAndMovesNothing() {
        var stranger = tenants.signedIn("FACTORY");
        var theirs = api.post("/api/inventory/receipts")
                .as(stranger)
                .body(Map.of("part_id", part, "location_id", bin, "quantity", 1))
                .send();
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(receive(bin, 5, null, 1).status()).isEqualTo(201);
        assertThat(api.post("/api/inventory/issues")
                        .as(stranger)
                        .body(Map.of("part_id", part, "location_id", bin, "quantity", 1))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/inventory/balances?part_id=" + part)
                        .as(stranger)
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/inventory/movements?location_id=" + bin)
                        .as(stranger)
                        .send()
                        .json()
                        .path("items"))
                .isEmpty();
        var strangersPart = api.post("/api/inventory/materials")
                .as(stranger)
                .body(Map.of("part_number", "X-1", "name", "X", "unit_of_measure", "ea"))
                .send();
        assertThat(api.post("/api/inventory/receipts")
                        .as(stranger)
                        .body(Map.of("part_id", strangersPart.id(), "location_id", bin, "quantity", 1))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/inventory/movements?part_id=" + part)
                        .as(owner)
                        .send()
                        .json()
                        .path("items"))
                .hasSize(1);
    }

    @Test
    void badQuantitiesAndMissingReasonsAreRefusedNamingTheField() {
        var zero = receive(bin, 0, null, null);
        assertThat(zero.status()).isEqualTo(422);
        assertThat(zero.json().path("errors").get(0).path("field").asString()).isEqualTo("quantity");
        var negative = issue(-1, UUID.randomUUID());
        assertThat(negative.status()).isEqualTo(422);
        var noReason = api.post("/api/inventory/adjustments")
                .as(owner)
                .body(Map.of("part_id", part, "location_id", bin, "quantity", 2))
                .send();
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().path("errors").get(0).path("field").asString())
                .isEqualTo("reason");
        var halfReference = api.post("/api/inventory/issues")
                .as(owner)
                .body(Map.of("part_id", part, "location_id", bin, "quantity", 1, "reference_type", "PROJECT"))
                .send();
        assertThat(halfReference.status()).isEqualTo(422);
        assertThat(halfReference.json().path("errors").get(0).path("field").asString())
                .isEqualTo("reference_id");
    }

    @Test
    void adjustmentsDamagesAndReturnsKeepTheLedgerConsistent() {
        var lot = receive(bin, 10, "L-9", 2)
                .json()
                .path("movements")
                .get(0)
                .path("lot_id")
                .asString();
        assertThat(api.post("/api/inventory/adjustments")
                        .as(owner)
                        .body(Map.of("part_id", part, "location_id", bin, "quantity", -3, "reason", "count"))
                        .send()
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/inventory/adjustments")
                        .as(owner)
                        .body(Map.of("part_id", part, "location_id", bin, "quantity", -30, "reason", "count"))
                        .send()
                        .status())
                .isEqualTo(409);
        assertThat(api.post("/api/inventory/damages")
                        .as(owner)
                        .body(Map.of(
                                "part_id", part, "lot_id", lot, "location_id", bin, "quantity", 1, "reason", "wet"))
                        .send()
                        .status())
                .isEqualTo(201);
        UUID project = UUID.randomUUID();
        assertThat(issue(4, project).status()).isEqualTo(201);
        var returned = api.post("/api/inventory/returns")
                .as(owner)
                .body(Map.of(
                        "lot_id", lot,
                        "location_id", shelf,
                        "quantity", 1.5,
                        "reference_type", "PROJECT",
                        "reference_id", project))
                .send();
        assertThat(returned.status()).as(returned.toString()).isEqualTo(201);

        var check = api.get("/api/inventory/ledger-check").as(owner).send();
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().path("items")).isEmpty();
        var valuation =
                api.get("/api/inventory/valuation?part_id=" + part).as(owner).send();
        assertThat(number(valuation.json().path("on_hand"))).isEqualByComparingTo("3.5");
    }

    @Test
    void aLotTracesBackToItsReceiptAndForwardToWhatItWasIssuedTo() {
        var receipt = receive(bin, 10, "TRACE-1", 2).json().path("movements").get(0);
        String lot = receipt.path("lot_id").asString();
        UUID project = UUID.randomUUID();
        issue(3, project);
        issue(2, project);
        UUID other = UUID.randomUUID();
        issue(1, other);

        var lots = api.get("/api/inventory/lots?part_id=" + part).as(owner).send();
        assertThat(lots.json().path("items")).singleElement().satisfies(l -> {
            assertThat(l.path("lot_number").asString()).isEqualTo("TRACE-1");
            assertThat(number(l.path("on_hand"))).isEqualByComparingTo("4");
        });

        var detail = api.get("/api/inventory/lots/" + lot).as(owner).send();
        assertThat(detail.status()).isEqualTo(200);
        JsonNode body = detail.json();
        assertThat(body.path("part_id").asString()).isEqualTo(part.toString());
        assertThat(body.path("receipts")).singleElement().satisfies(r -> assertThat(
                        r.path("movement_id").asString())
                .isEqualTo(receipt.path("movement_id").asString()));
        Map<String, BigDecimal> consumed = new HashMap<>();
        body.path("consumers").forEach(c -> consumed.put(c.path("reference_id").asString(), number(c.path("issued"))));
        assertThat(consumed).containsOnlyKeys(project.toString(), other.toString());
        assertThat(consumed.get(project.toString())).isEqualByComparingTo("5");
        assertThat(body.path("movements")).hasSize(4);
        assertThat(body.path("locations")).singleElement().satisfies(l -> assertThat(number(l.path("on_hand")))
                .isEqualByComparingTo("4"));

        var stranger = tenants.signedIn("FACTORY");
        assertThat(api.get("/api/inventory/lots/" + lot).as(stranger).send().status())
                .isEqualTo(404);
    }

    @Test
    void stockValueGroupsByLocationCategoryAndPart() {
        receive(bin, 10, null, 2);
        receive(shelf, 10, null, 4);

        var byLocation = api.get("/api/inventory/value?by=location").as(owner).send();
        Map<String, BigDecimal> values = new HashMap<>();
        byLocation.json().path("items").forEach(i -> values.put(i.path("code").asString(), number(i.path("value"))));
        assertThat(values).containsOnlyKeys("S1-A", "S1-B");
        // moving average: 20 at (20 + 40) / 20
        assertThat(values.get("S1-A")).isEqualByComparingTo("30");
        assertThat(values.get("S1-B")).isEqualByComparingTo("30");

        var byPart = api.get("/api/inventory/value?by=part").as(owner).send();
        assertThat(byPart.json().path("items")).singleElement().satisfies(i -> {
            assertThat(i.path("id").asString()).isEqualTo(part.toString());
            assertThat(number(i.path("on_hand"))).isEqualByComparingTo("20");
        });
        var byCategory = api.get("/api/inventory/value?by=category").as(owner).send();
        assertThat(byCategory.json().path("items"))
                .singleElement()
                .satisfies(i -> assertThat(i.path("id").isNull()).isTrue());
        assertThat(api.get("/api/inventory/value?by=colour").as(owner).send().status())
                .isEqualTo(422);
    }

    @Test
    void aCursorHoldingControlCharactersIsRefusedNamingTheCursor() {
        receive(bin, 10, null, 2);
        String nul = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("\u0000\u001f" + part).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String path :
                new String[] {"/api/inventory/value?by=part&cursor=" + nul, "/api/inventory/materials?cursor=" + nul}) {
            var refused = api.get(path).as(owner).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.toString()).contains("cursor");
        }
    }

    @Test
    void theCostingMethodIsAVersionedSetting() {
        var settings = api.get("/api/inventory/settings").as(owner).send();
        assertThat(settings.text("costing_method")).isEqualTo("MOVING_AVERAGE");
        assertThat(settings.header("ETag")).isEqualTo("\"0\"");
        var unconditional = api.request("PUT", "/api/inventory/settings")
                .as(owner)
                .body(Map.of("costing_method", "FIFO"))
                .send();
        assertThat(unconditional.status()).isEqualTo(428);
        var changed = api.request("PUT", "/api/inventory/settings")
                .as(owner)
                .ifMatch("\"0\"")
                .body(Map.of("costing_method", "fifo"))
                .send();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.text("costing_method")).isEqualTo("FIFO");
        assertThat(changed.header("ETag")).isEqualTo("\"1\"");
        var stale = api.request("PUT", "/api/inventory/settings")
                .as(owner)
                .ifMatch("\"0\"")
                .body(Map.of("costing_method", "MOVING_AVERAGE"))
                .send();
        assertThat(stale.status()).isEqualTo(412);

        receive(bin, 10, "A", 1);
        receive(bin, 10, "B", 3);
        var issued = issue(15, UUID.randomUUID());
        List<BigDecimal> costs = new ArrayList<>();
        issued.json().path("movements").forEach(m -> costs.add(number(m.path("unit_cost"))));
        assertThat(costs)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.ONE, new BigDecimal(3));
        var valuation =
                api.get("/api/inventory/valuation?part_id=" + part).as(owner).send();
        assertThat(valuation.text("costing_method")).isEqualTo("FIFO");
        assertThat(number(valuation.json().path("value"))).isEqualByComparingTo("15");
    }

    @Test
    void materialsCarryTheirStockAndMayBeCreatedWithAnOpeningReceipt() {
        UUID sheet = material(
                "SHEET-" + UUID.randomUUID().toString().substring(0, 6),
                Map.of("location_id", bin, "quantity", 12, "unit_cost", 2.5, "lot_number", "OPEN-1"));
        var listed = api.get("/api/inventory/materials/?limit=500").as(owner).send();
        assertThat(listed.status()).isEqualTo(200);
        Map<String, JsonNode> byId = new HashMap<>();
        listed.json().path("items").forEach(m -> byId.put(m.path("id").asString(), m));
        assertThat(byId).containsKeys(part.toString(), sheet.toString());
        JsonNode material = byId.get(sheet.toString());
        assertThat(material.path("kind").asString()).isEqualTo("MATERIAL");
        assertThat(number(material.path("on_hand"))).isEqualByComparingTo("12");
        assertThat(number(material.path("average_cost"))).isEqualByComparingTo("2.5");
        assertThat(number(material.path("value"))).isEqualByComparingTo("30");
        assertThat(number(byId.get(part.toString()).path("on_hand"))).isEqualByComparingTo("0");

        var mover = tenants.signedIn(tenants.memberWith(owner.orgId(), java.util.Set.of("catalog:manage")));
        var refused = api.post("/api/inventory/materials")
                .as(mover)
                .body(Map.of(
                        "part_number", "NO-STOCK",
                        "name", "N",
                        "unit_of_measure", "ea",
                        "opening_stock", Map.of("location_id", bin, "quantity", 1)))
                .send();
        assertThat(refused.status()).isEqualTo(403);
        var searched = api.get("/api/inventory/materials?q=NO-STOCK").as(owner).send();
        assertThat(searched.json().path("items")).isEmpty();
    }
}
