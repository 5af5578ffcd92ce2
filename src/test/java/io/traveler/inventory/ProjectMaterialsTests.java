package io.traveler.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.traveler.inventory.internal.Ledger;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Eventually;
import io.traveler.testing.PageSession;
import io.traveler.testing.Parallel;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.time.Duration;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A project's materials through its life: reserved from its pinned BOM when it starts (earliest lots first), issued
 * when the stage that consumes them is left (reserved stock first, then available stock, the rest a shortfall that
 * never blocks the move), released when it is cancelled; the cost reaches the project, and its units know the lots
 * they consumed (and each lot its units).
 */
@ApplicationTest
class ProjectMaterialsTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Ledger ledger;

    Api api;
    Tenants.Member factory;
    Api.Tenant owner;
    UUID customer;
    UUID workflow;
    UUID site;
    UUID cutting;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        Tenants tenants = Tenants.in(context);
        factory = tenants.organization("FACTORY");
        owner = tenants.signedIn(factory);
        cutting = created(api.post("/api/stations").as(owner).body(Map.of("name", "Cutting")));
        UUID assembly = created(api.post("/api/stations").as(owner).body(Map.of("name", "Assembly")));
        customer = created(api.post("/api/customers").as(owner).body(Map.of("name", "Customer")));
        workflow = created(api.post("/api/workflows/")
                .as(owner)
                .body(Map.of(
                        "name",
                        "Two stages",
                        "stages",
                        List.of(
                                Map.of("name", "Cutting", "station_id", cutting, "expected_minutes", 5),
                                Map.of("name", "Assembly", "station_id", assembly, "expected_minutes", 5)))));
        site = created(
                api.post("/api/locations").as(owner).body(Map.of("code", "MAIN", "name", "Main", "kind", "SITE")));
    }

    @Test
    void aStartedProjectReservesEarliestLotsFirstAndEachStageIssuesWhatItConsumes() throws Exception {
        UUID frame = part("FRAME", "1");
        UUID screw = part("SCREW", "0.5");
        UUID panel = part("PANEL", "3");
        UUID oldFrames = receive(frame, "5", "F-OLD", "1");
        UUID newFrames = receive(frame, "10", "F-NEW", "2");
        receive(screw, "100", "S-1", "0.5");
        UUID panels = receive(panel, "100", "P-1", "3");
        UUID subAssembly = product("SUB");
        bom(subAssembly, line(panel, 2, null));
        UUID chair = product("CHAIR");
        // the frame at " assembly " (any case, trimmed), the screws at no stage (the first), the sub-assembly's panels
        // at Assembly through its top-level line
        bom(chair, line(frame, 2, " assembly "), line(screw, 1, null), productLine(subAssembly, 1, "Assembly"));
        UUID project = project(chair, 3);

        assertThat(api.post("/api/projects/" + project + "/start")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(200);

        Map<UUID, JsonNode> reserved = reservations(project);
        assertThat(reserved).containsOnlyKeys(frame, screw, panel);
        assertLine(reserved.get(frame), "6", "6", "0", "0");
        assertThat(reserved.get(frame).path("stage_name").asString()).isEqualTo("assembly");
        assertLine(reserved.get(screw), "3", "3", "0", "0");
        assertThat(reserved.get(screw).path("stage_name").isNull()).isTrue();
        assertLine(reserved.get(panel), "6", "6", "0", "0");
        // the earliest lot first: all five old frames, then one new one
        assertThat(lotReserved(oldFrames)).isEqualByComparingTo("5");
        assertThat(lotReserved(newFrames)).isEqualByComparingTo("1");
        assertThat(balanceReserved(frame)).isEqualByComparingTo("6");

        assertThat(api.post("/api/projects/" + project + "/move_stage")
                        .as(owner)
                        .send()
                        .status())
                .as("leaving Cutting")
                .isEqualTo(200);
        reserved = reservations(project);
        assertLine(reserved.get(screw), "3", "0", "3", "0");
        assertThat(reserved.get(screw).path("status").asString()).isEqualTo("backflushed");
        assertLine(reserved.get(frame), "6", "6", "0", "0");
        assertThat(issuedToProject(project, screw)).isEqualByComparingTo("3");
        assertThat(issuedToProject(project, frame)).isEqualByComparingTo("0");

        assertThat(api.post("/api/projects/" + project + "/move_stage")
                        .as(owner)
                        .send()
                        .status())
                .as("leaving Assembly, the last stage")
                .isEqualTo(200);
        reserved = reservations(project);
        assertLine(reserved.get(frame), "6", "0", "6", "0");
        assertLine(reserved.get(panel), "6", "0", "6", "0");
        assertThat(onHand(oldFrames)).isEqualByComparingTo("0");
        assertThat(onHand(newFrames)).isEqualByComparingTo("9");
        assertThat(onHand(panels)).isEqualByComparingTo("94");
        assertThat(balanceReserved(frame)).isEqualByComparingTo("0");

        BigDecimal ledgerCost = asOwner(() ->
                jdbc.sql("""
                        select sum(quantity * unit_cost) from inventory.movements
                         where reference_type = 'PROJECT' and reference_id = :project and kind = 'ISSUE'""").param("project", project).query(BigDecimal.class).single());
        assertThat(ledgerCost).isPositive();
        JsonNode read = api.get("/api/projects/" + project).as(owner).send().json();
        // the project keeps 4 decimals of each backflush's cost
        assertThat(read.path("materials_cost").decimalValue()).isCloseTo(ledgerCost, within(new BigDecimal("0.001")));
        JsonNode time =
                api.get("/api/projects/" + project + "/time").as(owner).send().json();
        assertThat(time.path("materials_cost").decimalValue())
                .isEqualByComparingTo(read.path("materials_cost").decimalValue());

        // traceability both ways: each of the three units took a third of every lot issued
        List<UUID> units = units(project);
        assertThat(units).hasSize(3);
        JsonNode lots = api.get("/api/units/" + units.getFirst() + "/lots")
                .as(owner)
                .send()
                .json()
                .path("items");
        Map<String, BigDecimal> byLot = new HashMap<>();
        lots.forEach(l ->
                byLot.put(l.path("lot_number").asString(), l.path("quantity").decimalValue()));
        assertThat(byLot).containsOnlyKeys("F-OLD", "F-NEW", "S-1", "P-1");
        assertThat(byLot.get("F-OLD"))
                .isEqualByComparingTo(
                        new BigDecimal("5").divide(new BigDecimal("3"), 6, java.math.RoundingMode.HALF_UP));
        assertThat(byLot.get("S-1")).isEqualByComparingTo("1");
        assertThat(byLot.get("P-1")).isEqualByComparingTo("2");
        JsonNode forward = api.get("/api/lots/" + oldFrames + "/units")
                .as(owner)
                .send()
                .json()
                .path("items");
        List<UUID> tracedUnits = new ArrayList<>();
        forward.forEach(u -> tracedUnits.add(UUID.fromString(u.path("unit_id").asString())));
        assertThat(tracedUnits).containsExactlyInAnyOrderElementsOf(units);
        List<UUID> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(
                            "/api/lots/" + oldFrames + "/units?limit=1" + (cursor == null ? "" : "&cursor=" + cursor))
                    .as(owner)
                    .send()
                    .json();
            assertThat(page.path("items").size()).isEqualTo(1);
            paged.add(UUID.fromString(page.path("items").path(0).path("unit_id").asString()));
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asString();
        } while (cursor != null);
        assertThat(paged).as("one unit a page, by serial, as the whole list").isEqualTo(tracedUnits);
        assertThat(api.get("/api/lots/" + oldFrames + "/units?cursor=bogus")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(422);
        Eventually.until(
                "every unit's passport records its materials",
                Duration.ofSeconds(10),
                () -> asOwner(() -> jdbc.sql("""
                        select count(distinct unit_id) from production.unit_events
                         where kind = 'MATERIALS' and unit_id = any(cast(:units as uuid[]))""")
                                .param("units", units.toArray(UUID[]::new))
                                .query(Long.class)
                                .single())
                        == 3);
        PageSession pages = PageSession.signIn(port, factory.email());
        var page = pages.get("/app/projects/" + project + "/materials");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("F-OLD", "FRAME", "nothing short");
        assertThat(pages.get("/app/projects/" + project).body()).contains("id=\"materials-cost\"", "/materials");
        assertThat(pages.get("/app/units/" + units.getFirst() + "/lots").body()).contains("F-OLD", "P-1");
        assertThat(pages.get("/app/lots/" + oldFrames + "/units").body()).contains("/app/units/" + units.getLast());
    }

    @Test
    void unitsScannedOutOfTheFirstStageBackflushItsMaterialsAndTraceTheirLots() {
        UUID pin = part("PIN", "1");
        UUID pins = receive(pin, "10", "PIN-1", "1");
        UUID stool = product("STOOL");
        bom(stool, line(pin, 2, null));
        UUID project = project(stool, 2);
        assertThat(api.post("/api/projects/" + project + "/start")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(200);

        for (JsonNode unit : api.get("/api/projects/" + project + "/units")
                .as(owner)
                .send()
                .json()
                .path("items")) {
            for (String action : List.of("start", "complete")) {
                var scanned = api.post("/api/scan")
                        .as(owner)
                        .body(Map.of("code", unit.path("serial").asString(), "station_id", cutting, "action", action))
                        .send();
                assertThat(scanned.status()).as(scanned.toString()).isEqualTo(200);
            }
        }

        // the project follows its units after their commit, and its first stage's backflush with it
        Eventually.until(
                "the stage the units left is backflushed",
                Duration.ofSeconds(10),
                () -> reservations(project).get(pin).path("status").asString().equals("backflushed"));
        assertLine(reservations(project).get(pin), "4", "0", "4", "0");
        assertThat(onHand(pins)).isEqualByComparingTo("6");
        JsonNode lots = api.get("/api/units/" + units(project).getFirst() + "/lots")
                .as(owner)
                .send()
                .json()
                .path("items");
        assertThat(lots.get(0).path("lot_number").asString()).isEqualTo("PIN-1");
        assertThat(lots.get(0).path("quantity").decimalValue()).isEqualByComparingTo("2");
    }

    @Test
    void aShortStageIssuesWhatIsReservedAndAvailableRecordsTheRestAndStillMoves() {
        UUID bolt = part("BOLT", "2");
        receive(bolt, "2", "B-1", "2");
        UUID widget = product("WIDGET");
        bom(widget, line(bolt, 1, null));
        UUID project = project(widget, 5);
        assertThat(api.post("/api/projects/" + project + "/start")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(200);
        assertLine(reservations(project).get(bolt), "5", "2", "0", "3");

        receive(bolt, "1", "B-2", "2");
        var refreshed = api.post("/api/projects/" + project + "/reservations/refresh")
                .as(owner)
                .send();
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertLine(reservations(project).get(bolt), "5", "3", "0", "2");

        receive(bolt, "1", "B-3", "2"); // available, not reserved
        assertThat(api.post("/api/projects/" + project + "/move_stage")
                        .as(owner)
                        .send()
                        .status())
                .as("the move never waits on stock")
                .isEqualTo(200);
        JsonNode line = reservations(project).get(bolt);
        assertLine(line, "5", "0", "4", "1");
        assertThat(issuedToProject(project, bolt)).isEqualByComparingTo("4");
        BigDecimal shortfall =
                asOwner(() -> jdbc.sql("select sum(quantity) from inventory.shortfalls where project_id = :project")
                        .param("project", project)
                        .query(BigDecimal.class)
                        .single());
        assertThat(shortfall).isEqualByComparingTo("1");
        assertThat(balanceOnHand(bolt)).isEqualByComparingTo("0");
    }

    @Test
    void cancellingOrReleasingFreesTheReservedStockAndRefreshReservesItAgain() {
        UUID rivet = part("RIVET", "1");
        receive(rivet, "10", "R-1", "1");
        UUID box = product("BOX");
        bom(box, line(rivet, 2, null));
        UUID cancelled = project(box, 2);
        UUID released = project(box, 2);
        api.post("/api/projects/" + cancelled + "/start").as(owner).send();
        api.post("/api/projects/" + released + "/start").as(owner).send();
        assertThat(balanceReserved(rivet)).isEqualByComparingTo("8");

        assertThat(api.post("/api/projects/" + cancelled + "/cancel")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(balanceReserved(rivet)).isEqualByComparingTo("4");
        assertThat(reservations(cancelled).get(rivet).path("status").asString()).isEqualTo("released");
        assertThat(api.post("/api/projects/" + cancelled + "/reservations/refresh")
                        .as(owner)
                        .send()
                        .status())
                .as("a cancelled project reserves nothing")
                .isEqualTo(409);

        var release = api.post("/api/projects/" + released + "/reservations/release")
                .as(owner)
                .send();
        assertThat(release.status()).as(release.toString()).isEqualTo(200);
        assertThat(balanceReserved(rivet)).isEqualByComparingTo("0");
        assertLine(reservations(released).get(rivet), "4", "0", "0", "4");

        api.post("/api/projects/" + released + "/reservations/refresh")
                .as(owner)
                .send();
        assertLine(reservations(released).get(rivet), "4", "4", "0", "0");
        assertThat(balanceReserved(rivet)).isEqualByComparingTo("4");
        assertThat(asOwner(() -> jdbc.sql("""
                        select count(*) from inventory.movements
                         where reference_id = :project and kind = 'RELEASE'""")
                        .param("project", cancelled)
                        .query(Long.class)
                        .single()))
                .isPositive();
    }

    @Test
    void projectsStartingTogetherOnScarceStockNeverReserveMoreThanIsOnHand() {
        UUID gear = part("GEAR", "1");
        receive(gear, "4", "G-1", "1");
        receive(gear, "6", "G-2", "1");
        UUID gearbox = product("GEARBOX");
        bom(gearbox, line(gear, 1, null));
        List<UUID> projects = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            projects.add(project(gearbox, 3));
        }

        List<Integer> statuses =
                Parallel.run(projects.size(), i -> api.post("/api/projects/" + projects.get(i) + "/start")
                        .as(owner)
                        .send()
                        .status());

        assertThat(statuses).containsOnly(200);
        BigDecimal reservedForProjects = projects.stream()
                .map(p -> reservations(p).get(gear).path("reserved").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(reservedForProjects).isEqualByComparingTo("10");
        assertThat(balanceReserved(gear)).isEqualByComparingTo("10");
        BigDecimal allocated = asOwner(
                () -> jdbc.sql("""
                        select sum(a.quantity) from inventory.reservation_allocations a
                          join inventory.reservations r on r.id = a.reservation_id where r.part_id = :part""").param("part", gear).query(BigDecimal.class).single());
        assertThat(allocated).isEqualByComparingTo("10");
        BigDecimal shortage = projects.stream()
                .map(p -> reservations(p).get(gear).path("shortage").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(shortage).isEqualByComparingTo("8");
    }

    @Test
    void anotherOrganizationSeesNeitherTheReservationsNorTheLotsUnits() {
        UUID nut = part("NUT", "1");
        UUID lot = receive(nut, "3", "N-1", "1");
        UUID thing = product("THING");
        bom(thing, line(nut, 1, null));
        UUID project = project(thing, 1);
        api.post("/api/projects/" + project + "/start").as(owner).send();
        Api.Tenant intruder = Tenants.in(context).signedIn("FACTORY");

        assertThat(api.get("/api/projects/" + project + "/reservations")
                        .as(intruder)
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/projects/" + project + "/reservations/release")
                        .as(intruder)
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/lots/" + lot + "/units").as(intruder).send().status())
                .isEqualTo(404);
        assertThat(balanceReserved(nut)).isEqualByComparingTo("1");
    }

    // --- fixtures -------------------------------------------------------------------------------------------------

    @Test
    void anIssueNamingTheProjectOrOneOfItsUnitsCostsTheProjectAndTracesTheLotWhileOtherReferencesAreRefused()
            throws Exception {
        UUID bolt = part("BOLT", "2");
        UUID lot = receive(bolt, "20", "B-1", "2");
        UUID project = project(product("KIT"), 2);
        assertThat(api.post("/api/projects/" + project + "/start")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(200);
        UUID unit = units(project).getFirst();

        assertThat(issue(bolt, "4", "UNIT", unit).status()).isEqualTo(201);
        assertThat(issue(bolt, "2", "project", project).status()).isEqualTo(201);

        assertThat(materialsCost(project)).isEqualByComparingTo("12");
        var lots = api.get("/api/units/" + unit + "/lots").as(owner).send();
        assertThat(lots.status()).as(lots.toString()).isEqualTo(200);
        assertThat(lots.json().path("items").findValuesAsString("lot_number")).containsOnly("B-1");
        BigDecimal traced = BigDecimal.ZERO;
        for (JsonNode item : lots.json().path("items")) {
            traced = traced.add(item.path("quantity").decimalValue());
        }
        assertThat(traced)
                .as("the unit's own 4 and its share of the project's 2")
                .isEqualByComparingTo("5");

        var internal = issue(bolt, "1", "PURCHASE_ORDER", UUID.randomUUID());
        assertThat(internal.status()).isEqualTo(422);
        assertThat(internal.json().toString()).contains("reference_type");
        assertThat(onHand(lot)).as("a refused reference wrote nothing").isEqualByComparingTo("14");
        Api.Tenant stranger = Tenants.in(context).signedIn("FACTORY");
        UUID theirProject = projectOf(stranger);
        assertThat(issue(bolt, "1", "PROJECT", theirProject).status()).isEqualTo(201);
        assertThat(materialsCost(project))
                .as("another organization's project id is kept as written and costs nothing here")
                .isEqualByComparingTo("12");
        var theirs = api.get("/api/projects/" + theirProject).as(stranger).send();
        assertThat(theirs.json().path("materials_cost").decimalValue())
                .as("nor there")
                .isEqualByComparingTo("0");

        var returned = api.post("/api/inventory/returns")
                .as(owner)
                .body(Map.of(
                        "lot_id",
                        lot,
                        "location_id",
                        site,
                        "quantity",
                        2,
                        "reference_type",
                        "PROJECT",
                        "reference_id",
                        project))
                .send();
        assertThat(returned.status()).as(returned.toString()).isEqualTo(201);
        assertThat(materialsCost(project)).as("a return gives the cost back").isEqualByComparingTo("8");
        assertThat(onHand(lot)).isEqualByComparingTo("15");
    }

    private Api.Response issue(UUID part, String quantity, String referenceType, UUID referenceId) {
        return api.post("/api/inventory/issues")
                .as(owner)
                .body(Map.of(
                        "part_id",
                        part,
                        "location_id",
                        site,
                        "quantity",
                        new BigDecimal(quantity),
                        "reference_type",
                        referenceType,
                        "reference_id",
                        referenceId))
                .send();
    }

    /** A started project of another organization, made through the API as its owner would. */
    private UUID projectOf(Api.Tenant other) {
        UUID station = created(api.post("/api/stations").as(other).body(Map.of("name", "Their station")));
        UUID theirWorkflow = created(api.post("/api/workflows/")
                .as(other)
                .body(Map.of(
                        "name",
                        "Theirs",
                        "stages",
                        List.of(Map.of("name", "Only", "station_id", station, "expected_minutes", 5)))));
        UUID theirCustomer = created(api.post("/api/customers").as(other).body(Map.of("name", "Theirs")));
        return created(api.post("/api/projects")
                .as(other)
                .body(Map.of(
                        "name",
                        "Their project",
                        "customer_id",
                        theirCustomer,
                        "workflow_id",
                        theirWorkflow,
                        "quantity",
                        1)));
    }

    private BigDecimal materialsCost(UUID project) {
        return api.get("/api/projects/" + project)
                .as(owner)
                .send()
                .json()
                .path("materials_cost")
                .decimalValue();
    }

    private UUID part(String number, String cost) {
        return created(api.post("/api/catalog/parts")
                .as(owner)
                .body(Map.of(
                        "part_number",
                        number,
                        "name",
                        "Part " + number,
                        "kind",
                        "COMPONENT",
                        "unit_of_measure",
                        "ea",
                        "unit_cost",
                        new BigDecimal(cost))));
    }

    private UUID product(String sku) {
        return created(
                api.post("/api/products/templates").as(owner).body(Map.of("sku", sku, "name", "Product " + sku)));
    }

    private static Map<String, Object> line(UUID part, int quantity, String stage) {
        Map<String, Object> line =
                new HashMap<>(Map.of("component_type", "PART", "component_id", part, "quantity", quantity));
        if (stage != null) {
            line.put("stage_name", stage);
        }
        return line;
    }

    private static Map<String, Object> productLine(UUID product, int quantity, String stage) {
        return Map.of("component_type", "PRODUCT", "component_id", product, "quantity", quantity, "stage_name", stage);
    }

    @SafeVarargs
    private void bom(UUID product, Map<String, Object>... lines) {
        UUID bom = created(api.post("/api/products/templates/" + product + "/boms")
                .as(owner)
                .body(Map.of("lines", List.of(lines))));
        var activated = api.post("/api/boms/" + bom + "/activate").as(owner).send();
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
    }

    private UUID project(UUID product, int quantity) {
        return created(api.post("/api/projects")
                .as(owner)
                .body(Map.of(
                        "name",
                        "Materials project",
                        "customer_id",
                        customer,
                        "workflow_id",
                        workflow,
                        "product_id",
                        product,
                        "quantity",
                        quantity)));
    }

    private UUID receive(UUID part, String quantity, String lot, String cost) {
        return asOwner(() -> transactions.execute(status -> ledger.receive(new Ledger.Receipt(
                        part, site, new BigDecimal(quantity), lot, new BigDecimal(cost), null, null, null))
                .lotId()));
    }

    private Map<UUID, JsonNode> reservations(UUID project) {
        var read =
                api.get("/api/projects/" + project + "/reservations").as(owner).send();
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        Map<UUID, JsonNode> byPart = new HashMap<>();
        read.json()
                .path("items")
                .forEach(item -> byPart.put(UUID.fromString(item.path("part_id").asString()), item));
        return byPart;
    }

    private static void assertLine(JsonNode line, String required, String reserved, String issued, String shortage) {
        assertThat(line).as("a reservation line").isNotNull();
        assertThat(line.path("required").decimalValue())
                .as("required of %s", line)
                .isEqualByComparingTo(required);
        assertThat(line.path("reserved").decimalValue())
                .as("reserved of %s", line)
                .isEqualByComparingTo(reserved);
        assertThat(line.path("issued").decimalValue()).as("issued of %s", line).isEqualByComparingTo(issued);
        assertThat(line.path("shortage").decimalValue())
                .as("shortage of %s", line)
                .isEqualByComparingTo(shortage);
    }

    private List<UUID> units(UUID project) {
        List<UUID> units = new ArrayList<>();
        api.get("/api/projects/" + project + "/units")
                .as(owner)
                .send()
                .json()
                .path("items")
                .forEach(u -> units.add(UUID.fromString(u.path("id").asString())));
        return units;
    }

    private BigDecimal lotReserved(UUID lot) {
        return sum("select sum(reserved) from inventory.balances where lot_id = :id", lot);
    }

    private BigDecimal onHand(UUID lot) {
        return sum("select sum(on_hand) from inventory.balances where lot_id = :id", lot);
    }

    /** What is reserved of the part, summed over its balances. */
    private BigDecimal balanceReserved(UUID part) {
        return balances(part, "reserved");
    }

    private BigDecimal balanceOnHand(UUID part) {
        return balances(part, "on_hand");
    }

    private BigDecimal balances(UUID part, String field) {
        return sum("select sum(" + field + ") from inventory.balances where part_id = :id", part);
    }

    private BigDecimal issuedToProject(UUID project, UUID part) {
        return asOwner(() -> jdbc.sql("""
                        select coalesce(sum(quantity), 0) from inventory.movements
                         where reference_type = 'PROJECT' and reference_id = :project and part_id = :part
                           and kind = 'ISSUE'""")
                .param("project", project)
                .param("part", part)
                .query(BigDecimal.class)
                .single());
    }

    private BigDecimal sum(String sql, UUID id) {
        BigDecimal value = asOwner(
                () -> jdbc.sql(sql).param("id", id).query(BigDecimal.class).single());
        return value == null ? BigDecimal.ZERO : value;
    }

    private <T> T asOwner(java.util.function.Supplier<T> work) {
        return factory.call(() -> transactions.execute(status -> work.get()));
    }

    private static UUID created(Api.Request request) {
        var response = request.send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }
}
