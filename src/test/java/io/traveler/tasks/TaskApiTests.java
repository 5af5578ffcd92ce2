package io.traveler.tasks;

import static io.traveler.tasks.TaskFixtures.newTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.shared.errors.ValidationException;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
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

/** The task API's contract, and the rules of the facade the projects module calls. */
@ApplicationTest
class TaskApiTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    TaskFixtures f;

    @BeforeEach
    void setUp() {
        f = new TaskFixtures(context, new Api(port));
    }

    @Test
    void startAndCompleteAnswer200WithLowercaseStatusesAndTheTrailingSlash() {
        UUID cutting = f.station("Cutting");
        var task = f.task(UUID.randomUUID(), newTask("Cut panels", cutting, null, List.of(), List.of(), null));

        var read = f.get("/api/tasks/" + task.id());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("status")).isEqualTo("todo");
        assertThat(read.text("assignee_type")).isEqualTo("station");
        assertThat(read.header("ETag"))
                .isEqualTo("\"" + read.json().path("version").asLong() + "\"");

        var started = f.post("/api/tasks/" + task.id() + "/start/", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.text("status")).isEqualTo("in_progress");
        assertThat(started.text("started_at")).isNotNull();

        var done = f.post("/api/tasks/" + task.id() + "/complete/", null);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.text("status")).isEqualTo("done");
        assertThat(done.text("completed_at")).isNotNull();

        assertThat(f.post("/api/tasks/" + task.id() + "/complete", null).status())
                .as("completing a done task again changes nothing")
                .isEqualTo(200);
    }

    @Test
    void logTimeAnswers201WithTheLabourCostOfTheEmployeesRate() {
        UUID employee = f.employee("Ana", new java.math.BigDecimal("30.00"), null);
        var task = f.task(UUID.randomUUID(), "Weld frame");

        var logged = f.post("/api/tasks/" + task.id() + "/log_time/", Map.of("employee_id", employee, "minutes", 90));

        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        assertThat(logged.json().path("minutes").decimalValue()).isEqualByComparingTo("90");
        assertThat(logged.json().path("hourly_rate").decimalValue()).isEqualByComparingTo("30");
        assertThat(logged.json().path("labour_cost").decimalValue()).isEqualByComparingTo("45");
        assertThat(logged.text("project_id")).isEqualTo(task.projectId().toString());
    }

    @Test
    void logTimeNamesTheFieldItRefuses() {
        UUID employee = f.employee("Ana", null, null);
        var task = f.task(UUID.randomUUID(), "Weld frame");
        String path = "/api/tasks/" + task.id() + "/log_time";

        assertThat(f.post(path, Map.of("employee_id", employee, "minutes", 0))
                        .json()
                        .toString())
                .contains("\"field\":\"minutes\"");
        assertThat(f.post(path, Map.of("employee_id", employee)).status()).isEqualTo(422);
        assertThat(f.post(path, Map.of("employee_id", UUID.randomUUID(), "minutes", 5))
                        .json()
                        .toString())
                .contains("\"field\":\"employee_id\"");
        assertThat(f.post(path, Map.of("minutes", 5)).json().toString())
                .as("an administrator without an employee record must name one")
                .contains("\"field\":\"employee_id\"");
        var span = f.post(
                path,
                Map.of(
                        "employee_id", employee,
                        "started_at", "2026-11-02T08:00:00Z",
                        "ended_at", "2026-11-02T07:00:00Z"));
        assertThat(span.status()).isEqualTo(422);
        assertThat(span.json().toString()).contains("\"field\":\"ended_at\"");
        var fromSpan = f.post(
                path,
                Map.of(
                        "employee_id", employee,
                        "started_at", "2026-11-02T08:00:00Z",
                        "ended_at", "2026-11-02T09:15:00Z"));
        assertThat(fromSpan.status()).isEqualTo(201);
        assertThat(fromSpan.json().path("minutes").decimalValue()).isEqualByComparingTo("75");
    }

    @Test
    void templateTasksAreCreatedOncePerStageEntryEvenByConcurrentCalls() {
        UUID station = f.station("Assembly");
        UUID project = UUID.randomUUID();
        UUID stage = UUID.randomUUID();
        var templates = List.of(
                new Tasks.TemplateTask(UUID.randomUUID(), "Fit hinges", null, 1, 20, List.of("Left", "Right"), true),
                new Tasks.TemplateTask(UUID.randomUUID(), "Sweep", null, 2, null, List.of(), false));

        var answers = Parallel.run(
                8, i -> f.admin.call(() -> f.tasks.createForStageEntry(project, stage, 1, station, templates)));

        Set<UUID> ids = new HashSet<>();
        answers.forEach(a -> a.forEach(t -> ids.add(t.id())));
        assertThat(ids).as("every call answers the same two tasks").hasSize(2);
        var tasks = f.admin.call(() -> f.tasks.ofProject(project));
        assertThat(tasks).hasSize(2);
        assertThat(tasks.getFirst().checklist())
                .extracting(Tasks.ChecklistItem::label)
                .containsExactly("Left", "Right");
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.assigneeType()).isEqualTo(Tasks.AssigneeType.STATION);
            assertThat(t.stationId()).isEqualTo(station);
        });

        var rework = f.admin.call(() -> f.tasks.createForStageEntry(project, stage, 2, station, templates));
        assertThat(rework).as("a second entry of the stage gets its own tasks").hasSize(2);
        assertThat(f.admin.call(() -> f.tasks.ofProject(project))).hasSize(4);
        assertThat(f.admin.call(() -> f.tasks.openRequired(stage, 2)))
                .extracting(Tasks.TaskView::title)
                .containsExactly("Fit hinges");
    }

    @Test
    void createRefusesAnAssigneeOfAnotherOrganizationNamingTheField() {
        var other = new TaskFixtures(context, f.api);
        UUID foreignStation = other.station("Theirs");
        UUID foreignEmployee = other.employee("Theirs", null, null);
        UUID project = UUID.randomUUID();

        assertThatThrownBy(() -> f.task(project, newTask("X", foreignStation, null, List.of(), List.of(), null)))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("station_id"));
        assertThatThrownBy(() -> f.task(project, newTask("X", null, foreignEmployee, List.of(), List.of(), null)))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("employee_id"));
        assertThatThrownBy(() -> f.task(project, newTask(" ", null, null, List.of(), List.of(), null)))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("title"));
        assertThat(other.get("/api/tasks/" + f.task(project, "Mine").id()).status())
                .as("another organization's task does not exist for them")
                .isEqualTo(404);
    }

    @Test
    void completionWaitsForTheChecklistAndAdmitsTicksThroughTheApi() {
        var task = f.task(UUID.randomUUID(), newTask("Inspect", null, null, List.of(), List.of("Gap", "Finish"), null));

        var refused = f.post("/api/tasks/" + task.id() + "/complete", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("Gap", "Finish");

        for (var item : task.checklist()) {
            var ticked = f.post("/api/tasks/" + task.id() + "/checklist/" + item.id(), Map.of("done", true));
            assertThat(ticked.status()).as(ticked.toString()).isEqualTo(200);
            assertThat(ticked.json().path("done").asBoolean()).isTrue();
        }
        assertThat(f.post("/api/tasks/" + task.id() + "/complete", null).status())
                .isEqualTo(200);
        assertThat(f.post("/api/tasks/" + task.id() + "/checklist/" + UUID.randomUUID(), Map.of("done", true))
                        .status())
                .isIn(404, 409);
    }

    @Test
    void startIsRefusedWhileADependencyIsOpenNamingIt() {
        UUID project = UUID.randomUUID();
        var first = f.task(project, "Prime surfaces");
        var second = f.task(project, newTask("Paint", null, null, List.of(first.id()), List.of(), null));

        var refused = f.post("/api/tasks/" + second.id() + "/start", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("Prime surfaces");

        f.post("/api/tasks/" + first.id() + "/complete", null);
        assertThat(f.post("/api/tasks/" + second.id() + "/start", null).status())
                .isEqualTo(200);
    }

    @Test
    void blockAndReopenMoveTheStatusAndKeepTheReasonAsAComment() {
        var task = f.task(UUID.randomUUID(), "Glue");

        var blocked = f.post("/api/tasks/" + task.id() + "/block", Map.of("reason", "No glue in stock"));
        assertThat(blocked.text("status")).isEqualTo("blocked");
        assertThat(f.post("/api/tasks/" + task.id() + "/start", null).status()).isEqualTo(409);
        assertThat(f.post("/api/tasks/" + task.id() + "/reopen", null).text("status"))
                .isEqualTo("todo");
        assertThat(f.post("/api/tasks/" + task.id() + "/reopen", null).status()).isEqualTo(409);

        var comment = f.post("/api/tasks/" + task.id() + "/comments", Map.of("body", "Ordered more"));
        assertThat(comment.status()).isEqualTo(201);
        var comments = f.get("/api/tasks/" + task.id() + "/comments");
        assertThat(comments.json().path("items").findValuesAsString("body"))
                .containsExactly("Blocked: No glue in stock", "Ordered more");
        assertThat(f.post("/api/tasks/" + task.id() + "/comments", Map.of("body", " "))
                        .status())
                .isEqualTo(422);
    }

    @Test
    void patchNeedsTheVersionAndReassignsCaseInsensitively() {
        UUID employee = f.employee("Bo", null, null);
        var task = f.task(UUID.randomUUID(), "Pack");
        String path = "/api/tasks/" + task.id();

        assertThat(f.api.patch(path)
                        .as(f.signedIn)
                        .body(Map.of("title", "Pack well"))
                        .send()
                        .status())
                .isEqualTo(428);
        var changed = f.api.patch(path)
                .as(f.signedIn)
                .ifMatch("\"" + task.version() + "\"")
                .body(Map.of(
                        "title",
                        "Pack well",
                        "assignee_type",
                        "EMPLOYEE",
                        "employee_id",
                        employee,
                        "due_date",
                        "2026-12-01"))
                .send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.text("assignee_type")).isEqualTo("employee");
        assertThat(changed.text("employee_id")).isEqualTo(employee.toString());
        assertThat(changed.text("due_date")).isEqualTo("2026-12-01");

        assertThat(f.api.patch(path)
                        .as(f.signedIn)
                        .ifMatch("\"" + task.version() + "\"")
                        .body(Map.of("title", "Stale"))
                        .send()
                        .status())
                .isEqualTo(412);
        var bad = f.api.patch(path)
                .as(f.signedIn)
                .ifMatch(changed.header("ETag"))
                .body(Map.of("assignee_type", "robot"))
                .send();
        assertThat(bad.status()).isIn(400, 422);
        assertThat(bad.json().toString()).contains("assignee_type");
    }

    @Test
    void deleteIsRefusedOnceTimeIsLoggedOnTheTask() {
        UUID employee = f.employee("Cy", null, null);
        var kept = f.task(UUID.randomUUID(), "Logged");
        var gone = f.task(UUID.randomUUID(), "Not logged");
        f.post("/api/tasks/" + kept.id() + "/log_time", Map.of("employee_id", employee, "minutes", 5));

        assertThat(f.api.delete("/api/tasks/" + kept.id())
                        .as(f.signedIn)
                        .ifMatch("*")
                        .send()
                        .status())
                .isEqualTo(409);
        assertThat(f.api.delete("/api/tasks/" + gone.id())
                        .as(f.signedIn)
                        .ifMatch("*")
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(f.get("/api/tasks/" + gone.id()).status()).isEqualTo(404);
    }

    @Test
    void theListNarrowsByStationAndStatus() {
        UUID station = f.station("Paint");
        UUID project = UUID.randomUUID();
        var a = f.task(project, newTask("A", station, null, List.of(), List.of(), null));
        f.task(project, "B");
        f.post("/api/tasks/" + a.id() + "/start", null);

        var atStation = f.get("/api/tasks?station_id=" + station + "&status=in_progress");
        assertThat(atStation.json().path("items").findValuesAsString("title")).containsExactly("A");
        var ofProject = f.get("/api/tasks?project_id=" + project + "&limit=1");
        assertThat(ofProject.json().path("items")).hasSize(1);
        var next = f.get("/api/tasks?project_id=" + project + "&limit=1&cursor=" + ofProject.text("next_cursor"));
        assertThat(next.json().path("items").findValuesAsString("title")).containsExactly("A");
    }

    @Test
    void theFacadeStartsCompletesAndLogsTimeAsTheApiDoes() {
        UUID employee = f.employee("Lu", new java.math.BigDecimal("24"), null);
        var task = f.task(UUID.randomUUID(), "Box");

        assertThat(f.admin.call(() -> f.tasks.start(task.id())).status()).isEqualTo(Tasks.Status.IN_PROGRESS);
        var logged = f.admin.call(() -> f.tasks.logTime(
                task.id(), new Tasks.TimeEntry(employee, new java.math.BigDecimal("15"), null, null, "demo")));
        assertThat(logged.labourCost()).isEqualByComparingTo("6");
        assertThat(f.admin.call(() -> f.tasks.complete(task.id())).status()).isEqualTo(Tasks.Status.DONE);
        assertThat(f.admin.call(() -> f.tasks.task(task.id())).completedAt()).isNotNull();
        assertThatThrownBy(() -> f.admin.call(() -> f.tasks.createForStageEntry(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        1,
                        null,
                        List.of(new Tasks.TemplateTask(UUID.randomUUID(), "X", null, 1, null, List.of(), true)))))
                .isInstanceOf(ValidationException.class);
    }
}
