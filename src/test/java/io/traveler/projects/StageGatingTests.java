package io.traveler.projects;

import static io.traveler.projects.ProjectFixtures.idOf;
import static io.traveler.projects.ProjectFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.util.ArrayList;
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
 * A stage is left only when the required tasks and stage actions of its current entry are done (409 listing the
 * rest); a rework move needs a reason and makes the target's template tasks once more, for its new entry; leaving
 * the last stage completes the project.
 */
@ApplicationTest
class StageGatingTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    ProjectFixtures fixtures;
    Tenants tenants;
    Tenants.Member organization;
    Api.Tenant factory;
    UUID project;
    JsonNode workflow;
    UUID measurement;
    UUID scan;
    UUID signOff;
    UUID cutStage;
    UUID assembleStage;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new ProjectFixtures(api);
        tenants = Tenants.in(context);
        organization = tenants.organization("FACTORY");
        factory = tenants.signedIn(organization);
        UUID customer = fixtures.customer(factory, "Harbour Store");
        UUID cutting = fixtures.station(factory, "Cutting");
        UUID assembly = fixtures.station(factory, "Assembly");
        UUID packing = fixtures.station(factory, "Packing");
        fixtures.template(factory, cutting, "Cut the panels", 1);
        fixtures.template(factory, assembly, "Assemble", 1);
        workflow = fixtures.workflow(
                factory,
                "Cabinet",
                List.of(
                        stage(
                                "Cut",
                                cutting,
                                60,
                                Map.of("kind", "scan", "label", "Scan the sheet", "required", true),
                                Map.of(
                                        "kind",
                                        "measurement",
                                        "label",
                                        "Panel width",
                                        "required",
                                        true,
                                        "unit",
                                        "mm",
                                        "target_value",
                                        600,
                                        "tolerance",
                                        0.5),
                                Map.of("kind", "photo", "label", "Photo of the cut", "required", false)),
                        stage(
                                "Assemble",
                                assembly,
                                90,
                                Map.of(
                                        "kind", "sign_off",
                                        "label", "Supervisor sign-off",
                                        "required", true,
                                        "permission", "orders:accept")),
                        stage("Pack", packing, 30)));
        JsonNode cut = workflow.path("stages").get(0);
        scan = idOf(cut.path("actions").get(0));
        measurement = idOf(cut.path("actions").get(1));
        signOff = idOf(workflow.path("stages").get(1).path("actions").get(0));
        project = fixtures.project(factory, "Cabinet", customer, idOf(workflow));
        assertThat(fixtures.start(factory, project).status()).isEqualTo(200);
        JsonNode stages = fixtures.get(factory, project).path("stages");
        cutStage = idOf(stages.get(0));
        assembleStage = idOf(stages.get(1));
    }

    private Api.Response record(UUID stage, UUID action, Map<String, Object> body) {
        return api.post("/api/projects/" + project + "/stages/" + stage + "/actions/" + action)
                .as(factory)
                .body(body)
                .send();
    }

    private static List<String> missing(Api.Response refused) {
        List<String> missing = new ArrayList<>();
        refused.json()
                .path("missing")
                .forEach(m -> missing.add(
                        m.path("kind").asString() + ":" + m.path("title").asString()));
        return missing;
    }

    private List<JsonNode> tasksOf(UUID stage, int entry) {
        return fixtures.tasks(factory, project).stream()
                .filter(t -> t.path("stage_instance_id").asString().equals(stage.toString()))
                .filter(t -> t.path("stage_entry").asInt() == entry)
                .toList();
    }

    @Test
    void aStageIsLeftOnlyOnceItsRequiredTasksAndActionsAreDone() {
        var refused = fixtures.advance(factory, project);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing(refused))
                .as("the photo is not required")
                .containsExactlyInAnyOrder("task:Cut the panels", "action:Scan the sheet", "action:Panel width");

        fixtures.completeOpenTasks(factory, project);
        assertThat(record(cutStage, scan, Map.of()).status())
                .as("a scan needs its value")
                .isEqualTo(422);
        assertThat(record(cutStage, scan, Map.of("value", "SHEET-0042")).status())
                .isEqualTo(200);
        var outOfTolerance = record(cutStage, measurement, Map.of("measured_value", 601));
        assertThat(outOfTolerance.status()).isEqualTo(200);
        assertThat(outOfTolerance.json().path("within_tolerance").asBoolean()).isFalse();

        var stillRefused = fixtures.advance(factory, project);
        assertThat(stillRefused.status()).isEqualTo(409);
        assertThat(missing(stillRefused)).containsExactly("action:Panel width (out of tolerance)");

        assertThat(record(cutStage, measurement, Map.of("measured_value", 600.4))
                        .json()
                        .path("within_tolerance")
                        .asBoolean())
                .isTrue();
        var moved = fixtures.advance(factory, project);

        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().path("current_stage").path("name").asString()).isEqualTo("Assemble");
        assertThat(moved.json().path("stages").get(0).path("status").asString()).isEqualTo("done");
        assertThat(tasksOf(assembleStage, 1))
                .extracting(t -> t.path("title").asString())
                .containsExactly("Assemble");
        assertThat(record(cutStage, scan, Map.of("value", "late")).status())
                .as("actions are recorded at the stage in progress")
                .isEqualTo(409);
    }

    @Test
    void aSignOffNeedsTheActionsPermission() {
        fixtures.completeOpenTasks(factory, project);
        record(cutStage, scan, Map.of("value", "S"));
        record(cutStage, measurement, Map.of("measured_value", 600));
        assertThat(fixtures.advance(factory, project).status()).isEqualTo(200);
        var technician = tenants.signedIn(tenants.memberWith(organization, "projects:read", "projects:advance"));

        var refused = api.post("/api/projects/" + project + "/stages/" + assembleStage + "/actions/" + signOff)
                .as(technician)
                .send();
        assertThat(refused.status()).isEqualTo(403);

        assertThat(record(assembleStage, signOff, Map.of("value", "ok")).status())
                .isEqualTo(200);
        fixtures.completeOpenTasks(factory, project);
        assertThat(fixtures.advance(factory, project).status()).isEqualTo(200);
    }

    @Test
    void reworkNeedsAReasonAndEntersTheEarlierStageAgainWithItsTasksOnce() {
        var skipping = fixtures.rework(
                factory,
                project,
                idOf(fixtures.get(factory, project).path("stages").get(2)),
                "x");
        assertThat(skipping.status()).as("no skipping ahead").isEqualTo(422);
        fixtures.completeOpenTasks(factory, project);
        record(cutStage, scan, Map.of("value", "S"));
        record(cutStage, measurement, Map.of("measured_value", 600));
        assertThat(fixtures.advance(factory, project).status()).isEqualTo(200);

        var noReason = fixtures.rework(factory, project, cutStage, null);
        assertThat(noReason.status()).as(noReason.toString()).isEqualTo(422);
        assertThat(noReason.json().path("errors").get(0).path("field").asString())
                .isEqualTo("reason");

        var reworked = fixtures.rework(factory, project, cutStage, "Panels chipped");

        assertThat(reworked.status()).as(reworked.toString()).isEqualTo(200);
        JsonNode stages = reworked.json().path("stages");
        assertThat(stages.get(0).path("status").asString()).isEqualTo("in_progress");
        assertThat(stages.get(0).path("entries").asInt()).isEqualTo(2);
        assertThat(stages.get(1).path("status").asString()).isEqualTo("pending");
        assertThat(tasksOf(cutStage, 1)).hasSize(1);
        assertThat(tasksOf(cutStage, 2))
                .as("the template tasks of the new entry, once")
                .hasSize(1);
        assertThat(tasksOf(cutStage, 2).getFirst().path("status").asString()).isEqualTo("todo");
        assertThat(missing(fixtures.advance(factory, project)))
                .as("the new entry needs its own tasks and records")
                .containsExactlyInAnyOrder("task:Cut the panels", "action:Scan the sheet", "action:Panel width");

        var moves = api.get("/api/projects/" + project + "/moves")
                .as(factory)
                .send()
                .json()
                .path("items");
        assertThat(moves).extracting(m -> m.path("kind").asString()).containsExactly("start", "advance", "rework");
        assertThat(moves.get(2).path("reason").asString()).isEqualTo("Panels chipped");
    }

    @Test
    void leavingTheLastStageCompletesTheProject() {
        fixtures.completeOpenTasks(factory, project);
        record(cutStage, scan, Map.of("value", "S"));
        record(cutStage, measurement, Map.of("measured_value", 600));
        assertThat(fixtures.advance(factory, project).status()).isEqualTo(200);
        record(assembleStage, signOff, Map.of());
        fixtures.completeOpenTasks(factory, project);
        assertThat(fixtures.advance(factory, project).status()).isEqualTo(200);

        var completed = fixtures.advance(factory, project);

        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.text("status")).isEqualTo("completed");
        assertThat(completed.text("completed_at")).isNotBlank();
        assertThat(completed.json().path("stages"))
                .allSatisfy(s -> assertThat(s.path("status").asString()).isEqualTo("done"));
        assertThat(fixtures.advance(factory, project).status())
                .as("nothing after the end")
                .isEqualTo(409);
        var moves = api.get("/api/projects/" + project + "/moves/")
                .as(factory)
                .send()
                .json()
                .path("items");
        assertThat(moves.get(moves.size() - 1).path("kind").asString()).isEqualTo("complete");
    }
}
