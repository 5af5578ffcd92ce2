package io.traveler.production;

import static io.traveler.production.ShopFloor.idOf;
import static io.traveler.production.ShopFloor.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Eventually;
import io.traveler.testing.Parallel;
import io.traveler.testing.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/**
 * The scan core's rules under attack: concurrent scans of one unit, replayed offline batches, sign-off permissions,
 * defects and their dispositions, and the project (and its order) following its units.
 */
@ApplicationTest
class ScanRulesTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    Tenants tenants;
    Tenants.Member organization;
    Api.Tenant admin;
    ShopFloor floor;
    UUID cutting;
    UUID packing;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        tenants = Tenants.in(context);
        organization = tenants.organization("FACTORY");
        admin = tenants.signedIn(organization);
        floor = new ShopFloor(api, admin);
        cutting = floor.station("Cutting");
        packing = floor.station("Packing");
    }

    private UUID twoStageProject(int quantity) {
        return floor.startedProject(
                idOf(floor.workflow(List.of(stage("Cut", cutting), stage("Pack", packing)))), quantity);
    }

    @Test
    void sixteenParallelStartsOfOneUnitLetExactlyOneWinAndThePassportHasNoGapNorTwin() {
        UUID project = twoStageProject(1);
        JsonNode unit = floor.units(project).getFirst();
        String serial = unit.path("serial").asString();

        var answers = Parallel.run(16, i -> floor.scan(serial, cutting, "start", "device_id", "phone-" + i));

        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 409).hasSize(15);
        assertThat(answers).filteredOn(a -> a.status() == 409).allSatisfy(a -> assertThat(a.text("detail"))
                .contains("IN_PROGRESS"));
        assertThat(seqs(idOf(unit))).containsExactly(1, 2);
        assertThat(kinds(idOf(unit))).containsExactly("CREATED", "STARTED");
    }

    @Test
    void parallelStepsOnOneUnitNumberItsPassportWithoutGapOrTwin() {
        UUID project = twoStageProject(1);
        JsonNode unit = floor.units(project).getFirst();
        String serial = unit.path("serial").asString();
        assertThat(floor.scan(serial, cutting, "start").status()).isEqualTo(200);

        var answers = Parallel.run(
                16, i -> floor.scan(serial, cutting, i % 2 == 0 ? "hold" : "release", "reason", "check " + i));

        long applied = answers.stream().filter(a -> a.status() == 200).count();
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(200, 409));
        List<Integer> seqs = seqs(idOf(unit));
        assertThat(seqs).hasSize((int) (2 + applied));
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(i + 1);
        }
    }

    @Test
    void aReplayedBatchChangesNothingAndAStepTheUnitHasMovedPastIsAConflictWithItsReason() {
        UUID project = twoStageProject(3);
        List<JsonNode> units = floor.units(project);
        String a = units.get(0).path("serial").asString();
        String b = units.get(1).path("serial").asString();
        assertThat(floor.scan(b, cutting, "start").status()).isEqualTo(200);
        assertThat(floor.scan(b, cutting, "complete").status()).isEqualTo(200);
        Instant offline = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> batch = Map.of(
                "device_id",
                "tablet-7",
                "steps",
                List.of(
                        step("s1", a, cutting, "start", offline),
                        step("s2", a, cutting, "complete", offline.plusSeconds(60)),
                        step("s3", b, cutting, "start", offline.plusSeconds(90)),
                        step("s4", a, packing, "start", offline.plusSeconds(120))));

        var first = api.post("/api/scan/batch").as(admin).body(batch).send();

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(outcomes(first)).containsExactly("s1:APPLIED", "s2:APPLIED", "s3:CONFLICT", "s4:APPLIED");
        assertThat(first.json().path("results").get(2).path("reason").asString())
                .contains("not at this station");
        List<JsonNode> passport = events(idOf(units.get(0)));
        assertThat(passport.get(1).path("kind").asString()).isEqualTo("STARTED");
        assertThat(Instant.parse(passport.get(1).path("at").asString())).isEqualTo(offline);
        assertThat(passport.get(1).path("device_id").asString()).isEqualTo("tablet-7");
        assertThat(passport.get(1).path("step_id").asString()).isEqualTo("s1");
        String before = floor.units(project).toString();
        int eventsBefore =
                events(idOf(units.get(0))).size() + events(idOf(units.get(1))).size();

        var replay = api.post("/api/scan/batch").as(admin).body(batch).send();

        assertThat(replay.status()).isEqualTo(200);
        assertThat(outcomes(replay)).containsExactly("s1:DUPLICATE", "s2:DUPLICATE", "s3:DUPLICATE", "s4:DUPLICATE");
        assertThat(floor.units(project).toString()).isEqualTo(before);
        assertThat(events(idOf(units.get(0))).size()
                        + events(idOf(units.get(1))).size())
                .isEqualTo(eventsBefore);
    }

    @Test
    void concurrentUploadsOfOneBatchApplyEachStepOnce() {
        UUID project = twoStageProject(8);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (JsonNode unit : floor.units(project)) {
            steps.add(step(
                    "start-" + unit.path("serial").asString(),
                    unit.path("serial").asString(),
                    cutting,
                    "start",
                    Instant.now()));
        }
        Map<String, Object> batch = Map.of("device_id", "twin", "steps", steps);

        var answers = Parallel.run(
                4, i -> api.post("/api/scan/batch").as(admin).body(batch).send());

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        long applied = answers.stream()
                .flatMap(a -> outcomes(a).stream())
                .filter(o -> o.endsWith(":APPLIED"))
                .count();
        assertThat(applied).isEqualTo(8);
        for (JsonNode unit : floor.units(project)) {
            assertThat(kinds(idOf(unit))).containsExactly("CREATED", "STARTED");
        }
    }

    @Test
    void aBatchOfMoreThanAThousandStepsIsRefusedAndAThousandApplyAtOnce() {
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(step("x" + i, "U-none", cutting, "start", Instant.now()));
        }
        var refused = api.post("/api/scan/batch")
                .as(admin)
                .body(Map.of("device_id", "big", "steps", tooMany))
                .send();
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.toString()).contains("steps");

        UUID project = twoStageProject(1000);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (JsonNode unit : floor.units(project)) {
            steps.add(step(
                    "b-" + unit.path("serial").asString(),
                    unit.path("serial").asString(),
                    cutting,
                    "start",
                    Instant.now()));
        }
        long started = System.nanoTime();
        var applied = api.post("/api/scan/batch")
                .as(admin)
                .body(Map.of("device_id", "big", "steps", steps))
                .send();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("A batch of 1,000 start steps applied in " + millis + " ms");
        assertThat(applied.status()).isEqualTo(200);
        assertThat(outcomes(applied)).allSatisfy(o -> assertThat(o).endsWith(":APPLIED"));
        // The goal is under a second (bench/scan.sh measures it on a quiet machine); five builds share this one.
        assertThat(millis).as("1,000 steps (ms)").isLessThan(5000);
    }

    @Test
    void aSignOffNeedsItsPermissionAndAMemberWithoutItIsRefused() {
        JsonNode workflow = floor.workflow(List.of(stage(
                "Inspect",
                cutting,
                Map.of(
                        "kind",
                        "sign_off",
                        "label",
                        "QC sign-off",
                        "required",
                        true,
                        "permission",
                        "production:dispose"))));
        UUID action = idOf(workflow.path("stages").get(0).path("actions").get(0));
        UUID project = floor.startedProject(idOf(workflow), 1);
        String serial = floor.units(project).getFirst().path("serial").asString();
        var technician = new ShopFloor(
                api, tenants.signedIn(tenants.memberWith(organization, "production:read", "production:scan")));
        assertThat(technician.scan(serial, cutting, "start").status()).isEqualTo(200);

        var refused = technician.scan(serial, cutting, "record_action", "action_id", action);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.text("detail")).contains("production:dispose");
        assertThat(technician.scan(serial, cutting, "complete").status()).isEqualTo(409);

        assertThat(floor.scan(serial, cutting, "record_action", "action_id", action)
                        .status())
                .isEqualTo(200);
        assertThat(technician.scan(serial, cutting, "complete").status()).isEqualTo(200);
    }

    @Test
    void aDefectSendsTheUnitBackForReworkAndTheQualityCountsIt() {
        UUID project = twoStageProject(2);
        List<JsonNode> units = floor.units(project);
        UUID cutStage =
                UUID.fromString(units.getFirst().path("stage").path("id").asString());
        String a = units.get(0).path("serial").asString();
        String b = units.get(1).path("serial").asString();
        for (String serial : List.of(a, b)) {
            floor.scan(serial, cutting, "start");
            floor.scan(serial, cutting, "complete");
            floor.scan(serial, packing, "start");
        }
        var reported = floor.scan(
                a,
                packing,
                "report_defect",
                "defect",
                Map.of("code", "SCRATCH", "severity", "major", "description", "Deep scratch"));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        assertThat(reported.json().path("unit").path("status").asString()).isEqualTo("DEFECTIVE");
        assertThat(reported.json().path("next").path("action").asString()).isEqualTo("dispose");
        var again = floor.scan(a, packing, "report_defect", "defect", Map.of("code", "DENT", "severity", "minor"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(floor.scan(a, packing, "complete").status()).isEqualTo(409);

        var open = api.get("/api/defects?open=true&project_id=" + project)
                .as(admin)
                .send();
        assertThat(open.json().path("items")).hasSize(1);
        UUID defect = idOf(open.json().path("items").get(0));
        var technician = new ShopFloor(
                api, tenants.signedIn(tenants.memberWith(organization, "production:read", "production:scan")));
        assertThat(api.post("/api/defects/" + defect + "/disposition")
                        .as(technician.tenant())
                        .body(Map.of("disposition", "rework", "rework_stage_id", cutStage))
                        .send()
                        .status())
                .isEqualTo(403);

        var disposed = api.post("/api/defects/" + defect + "/disposition")
                .as(admin)
                .body(Map.of("disposition", "rework", "rework_stage_id", cutStage, "note", "Re-cut"))
                .send();

        assertThat(disposed.status()).as(disposed.toString()).isEqualTo(200);
        assertThat(disposed.json().path("unit").path("status").asString()).isEqualTo("REWORK");
        assertThat(disposed.json().path("unit").path("stage").path("id").asString())
                .isEqualTo(cutStage.toString());
        assertThat(disposed.json().path("unit").path("stage_entry").asInt()).isEqualTo(2);
        assertThat(api.post("/api/defects/" + defect + "/disposition")
                        .as(admin)
                        .body(Map.of("disposition", "scrap"))
                        .send()
                        .status())
                .isEqualTo(409);
        assertThat(floor.scan(a, cutting, "start").status()).isEqualTo(200);

        var quality = api.get("/api/projects/" + project + "/quality").as(admin).send();
        assertThat(quality.status()).isEqualTo(200);
        JsonNode cut = quality.json().path("stages").get(0);
        assertThat(cut.path("decided").asInt()).isEqualTo(2);
        assertThat(cut.path("first_pass").asInt()).isEqualTo(2);
        JsonNode pack = quality.json().path("stages").get(1);
        assertThat(pack.path("decided").asInt()).isEqualTo(1);
        assertThat(pack.path("first_pass").asInt()).isEqualTo(0);
        assertThat(pack.path("first_pass_yield").decimalValue()).isEqualByComparingTo("0");
        assertThat(quality.json().path("defects").get(0).path("code").asString())
                .isEqualTo("SCRATCH");
        assertThat(quality.json().path("defects").get(0).path("count").asInt()).isEqualTo(1);

        var queue = api.get("/api/stations/" + cutting + "/queue").as(admin).send();
        assertThat(queue.json().path("items"))
                .extracting(u -> u.path("serial").asString())
                .containsExactly(a);
        assertThat(queue.json().path("items").get(0).path("project_code").asString())
                .isNotBlank();
        var sessions =
                api.get("/api/scan-sessions?station_id=" + packing).as(admin).send();
        assertThat(sessions.json().path("items")).hasSize(1);
        assertThat(sessions.json().path("items").get(0).path("starts").asInt()).isEqualTo(2);
        assertThat(sessions.json().path("items").get(0).path("defects").asInt()).isEqualTo(1);
    }

    @Test
    void theProjectFollowsItsUnitsAndCompletesWithThem() {
        UUID project = twoStageProject(2);
        List<JsonNode> units = floor.units(project);
        String a = units.get(0).path("serial").asString();
        String b = units.get(1).path("serial").asString();
        floor.scan(a, cutting, "start");
        floor.scan(a, cutting, "complete");
        assertThat(currentStage(project)).isEqualTo("Cut");

        floor.scan(b, cutting, "start");
        floor.scan(b, cutting, "complete");
        Eventually.until(
                "the project moved to Pack", Duration.ofSeconds(20), () -> "Pack".equals(currentStage(project)));

        for (String serial : List.of(a, b)) {
            floor.scan(serial, packing, "start");
            floor.scan(serial, packing, "complete");
        }
        Eventually.until("the project completed", Duration.ofSeconds(20), () -> "completed"
                .equalsIgnoreCase(floor.project(project).path("status").asString()));
    }

    @Test
    void addedUnitsTakeTheNextSerialsAndASplitLotKeepsTheRestWhereItIs() {
        UUID project = twoStageProject(2);
        var added = api.post("/api/projects/" + project + "/units")
                .as(admin)
                .body(Map.of("count", 2, "quantity", 5))
                .send();
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        List<JsonNode> units = floor.units(project);
        assertThat(units).extracting(u -> u.path("position").asInt()).containsExactly(1, 2, 3, 4);
        assertThat(units)
                .extracting(u -> u.path("serial").asString())
                .containsExactly("U-000001", "U-000002", "U-000003", "U-000004");
        JsonNode lot = units.get(2);
        assertThat(lot.path("quantity").decimalValue()).isEqualByComparingTo("5");
        assertThat(floor.scan(lot.path("serial").asString(), cutting, "start").status())
                .isEqualTo(200);

        var split = api.post("/api/units/" + idOf(lot) + "/split")
                .as(admin)
                .body(Map.of("quantities", List.of(2, 1)))
                .send();

        assertThat(split.status()).as(split.toString()).isEqualTo(201);
        JsonNode items = split.json().path("items");
        assertThat(items.get(0).path("quantity").decimalValue()).isEqualByComparingTo("2");
        assertThat(items.get(1).path("serial").asString()).isEqualTo("U-000005");
        assertThat(items.get(1).path("parent_unit_id").asString())
                .isEqualTo(idOf(lot).toString());
        assertThat(items.get(1).path("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(items.get(2).path("quantity").decimalValue()).isEqualByComparingTo("1");
        assertThat(kinds(idOf(lot))).containsExactly("CREATED", "STARTED", "SPLIT");
        assertThat(kinds(idOf(items.get(1)))).containsExactly("CREATED");
        assertThat(api.post("/api/units/" + idOf(lot) + "/split")
                        .as(admin)
                        .body(Map.of("quantities", List.of(2)))
                        .send()
                        .status())
                .isEqualTo(422);
        assertThat(floor.scan("U-000005", cutting, "complete").status()).isEqualTo(200);
    }

    private String currentStage(UUID project) {
        JsonNode json = floor.project(project);
        for (JsonNode stage : json.path("stages")) {
            if ("in_progress".equalsIgnoreCase(stage.path("status").asString())) {
                return stage.path("name").asString();
            }
        }
        return null;
    }

    private static Map<String, Object> step(String id, String code, UUID station, String action, Instant at) {
        var step = new HashMap<String, Object>();
        step.put("step_id", id);
        step.put("code", code);
        step.put("station_id", station);
        step.put("action", action);
        step.put("at", at.toString());
        return step;
    }

    private static List<String> outcomes(Api.Response batch) {
        List<String> outcomes = new ArrayList<>();
        batch.json()
                .path("results")
                .forEach(r -> outcomes.add(
                        r.path("step_id").asString() + ":" + r.path("outcome").asString()));
        return outcomes;
    }

    private List<JsonNode> events(UUID unit) {
        List<JsonNode> events = new ArrayList<>();
        ShopFloor.ok(api.get("/api/units/" + unit + "/events").as(admin).send())
                .json()
                .path("items")
                .forEach(events::add);
        return events;
    }

    private List<Integer> seqs(UUID unit) {
        return events(unit).stream().map(e -> e.path("seq").asInt()).toList();
    }

    private List<String> kinds(UUID unit) {
        return events(unit).stream().map(e -> e.path("kind").asString()).toList();
    }
}
