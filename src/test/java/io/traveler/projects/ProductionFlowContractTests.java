package io.traveler.projects;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
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
 * Issue 10's contract across its three modules, exactly as a client writes it: a workflow over two stations, a
 * template task at the first, a project started, its stage gated by the open task, the task done, the stage left,
 * time logged and costed.
 */
@ApplicationTest
class ProductionFlowContractTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    Api.Tenant factory;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        factory = Tenants.in(context).signedIn("FACTORY");
    }

    private UUID created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    @Test
    void aProjectRunsItsWorkflowGatedByItsStationsTasksAndCostsItsTime() {
        UUID cutting = created(api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Cutting"))
                .send());
        UUID assembly = created(api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Assembly"))
                .send());
        UUID welder = created(api.post("/api/employees")
                .as(factory)
                .body(Map.of("name", "Ana Welder", "hourly_rate", new BigDecimal("30")))
                .send());
        UUID customer = created(api.post("/api/customers")
                .as(factory)
                .body(Map.of("name", "Harbour Store"))
                .send());

        var workflow = api.post("/api/workflows/")
                .as(factory)
                .body(Map.of(
                        "name",
                        "Chair line",
                        "stages",
                        List.of(
                                Map.of("name", "Cut", "station_id", cutting, "expected_minutes", 30),
                                Map.of("name", "Assemble", "station_id", assembly, "expected_minutes", 45))))
                .send();
        UUID workflowId = created(workflow);
        assertThat(workflow.json().path("status").asString()).isEqualToIgnoringCase("active");

        created(api.post("/api/stations/" + cutting + "/task-templates")
                .as(factory)
                .body(Map.of("title", "Check the saw blade", "sequence", 1))
                .send());

        var project = api.post("/api/projects/")
                .as(factory)
                .body(Map.of(
                        "name",
                        "Chairs for Harbour",
                        "customer_id",
                        customer,
                        "workflow_id",
                        workflowId,
                        "quantity",
                        4))
                .send();
        UUID projectId = created(project);
        assertThat(project.json().path("status").asString()).isEqualTo("draft");

        var started =
                api.post("/api/projects/" + projectId + "/start/").as(factory).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(200);

        var tasks =
                api.get("/api/projects/" + projectId + "/tasks/").as(factory).send();
        assertThat(tasks.status()).as(tasks.toString()).isEqualTo(200);
        List<JsonNode> items = items(tasks.json());
        assertThat(items).hasSize(1);
        JsonNode task = items.getFirst();
        assertThat(task.path("title").asString()).isEqualTo("Check the saw blade");
        assertThat(task.path("assignee_type").asString()).isEqualTo("station");

        assertThat(stageStatuses(projectId)).containsExactly("in_progress", "pending");

        var gated = api.post("/api/projects/" + projectId + "/move_stage/")
                .as(factory)
                .send();
        assertThat(gated.status()).as(gated.toString()).isEqualTo(409);
        assertThat(gated.raw().body()).contains("Check the saw blade");

        UUID taskId = UUID.fromString(task.path("id").asString());
        var taskStarted =
                api.post("/api/tasks/" + taskId + "/start/").as(factory).send();
        assertThat(taskStarted.status()).as(taskStarted.toString()).isEqualTo(200);
        var taskDone =
                api.post("/api/tasks/" + taskId + "/complete/").as(factory).send();
        assertThat(taskDone.status()).as(taskDone.toString()).isEqualTo(200);

        var logged = api.post("/api/tasks/" + taskId + "/log_time/")
                .as(factory)
                .body(Map.of("employee_id", welder, "minutes", 90))
                .send();
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);

        var moved = api.post("/api/projects/" + projectId + "/move_stage/")
                .as(factory)
                .send();
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(stageStatuses(projectId)).containsExactly("done", "in_progress");

        var time = api.get("/api/projects/" + projectId + "/time").as(factory).send();
        assertThat(time.status()).as(time.toString()).isEqualTo(200);
        assertThat(time.json().path("total_minutes").decimalValue()).isEqualByComparingTo("90");
        assertThat(time.json().path("labour_cost").decimalValue()).isEqualByComparingTo("45");

        var completed = api.post("/api/projects/" + projectId + "/move_stage/")
                .as(factory)
                .send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        var done = api.get("/api/projects/" + projectId).as(factory).send();
        assertThat(done.json().path("status").asString()).isEqualTo("completed");
        assertThat(stageStatuses(projectId)).containsExactly("done", "done");
    }

    @Test
    void anotherOrganizationSeesNoneOfIt() {
        UUID station = created(api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Paint"))
                .send());
        UUID workflowId = created(api.post("/api/workflows/")
                .as(factory)
                .body(Map.of(
                        "name",
                        "Paint line",
                        "stages",
                        List.of(Map.of("name", "Paint", "station_id", station, "expected_minutes", 10))))
                .send());
        UUID customer = created(api.post("/api/customers")
                .as(factory)
                .body(Map.of("name", "Paint Store"))
                .send());
        UUID projectId = created(api.post("/api/projects/")
                .as(factory)
                .body(Map.of("name", "Paint job", "customer_id", customer, "workflow_id", workflowId, "quantity", 1))
                .send());

        var found = api.get("/api/search?q=paint+job").as(factory).send();
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        List<String> projectHits = new ArrayList<>();
        found.json().path("items").forEach(hit -> {
            if (hit.path("kind").asString().equals("projects")) {
                projectHits.add(hit.path("href").asString());
            }
        });
        assertThat(projectHits).containsExactly("/api/projects/" + projectId);
        var line = api.get("/api/search?q=paint+line").as(factory).send();
        List<String> workflowHits = new ArrayList<>();
        line.json().path("items").forEach(hit -> {
            if (hit.path("kind").asString().equals("workflows")) {
                workflowHits.add(hit.path("href").asString());
            }
        });
        assertThat(workflowHits).containsExactly("/api/workflows/" + workflowId);

        var stranger = Tenants.in(context).signedIn("FACTORY");
        assertThat(api.get("/api/search?q=paint+job").as(stranger).send().json().path("items"))
                .isEmpty();
        assertThat(api.get("/api/workflows/" + workflowId).as(stranger).send().status())
                .isEqualTo(404);
        assertThat(api.get("/api/projects/" + projectId).as(stranger).send().status())
                .isEqualTo(404);
        assertThat(api.post("/api/projects/" + projectId + "/start/")
                        .as(stranger)
                        .send()
                        .status())
                .isEqualTo(404);
        UUID strangersCustomer = created(api.post("/api/customers")
                .as(stranger)
                .body(Map.of("name", "Stranger's customer"))
                .send());
        var borrowed = api.post("/api/projects/")
                .as(stranger)
                .body(Map.of(
                        "name", "Borrowed", "customer_id", strangersCustomer, "workflow_id", workflowId, "quantity", 1))
                .send();
        assertThat(borrowed.status()).as(borrowed.toString()).isEqualTo(422);
        assertThat(borrowed.raw().body()).contains("workflow_id");
        var foreignCustomer = api.post("/api/projects/")
                .as(stranger)
                .body(Map.of("name", "Borrowed", "customer_id", customer, "quantity", 1))
                .send();
        assertThat(foreignCustomer.status()).as(foreignCustomer.toString()).isEqualTo(422);
        assertThat(foreignCustomer.raw().body()).contains("customer_id");
        var foreignStation = api.post("/api/stations/" + station + "/task-templates")
                .as(stranger)
                .body(Map.of("title", "Sneak", "sequence", 1))
                .send();
        assertThat(foreignStation.status()).as(foreignStation.toString()).isEqualTo(404);
    }

    private List<String> stageStatuses(UUID projectId) {
        var project = api.get("/api/projects/" + projectId).as(factory).send();
        assertThat(project.status()).as(project.toString()).isEqualTo(200);
        List<String> statuses = new ArrayList<>();
        project.json()
                .path("stages")
                .forEach(stage -> statuses.add(stage.path("status").asString()));
        return statuses;
    }

    /** A list answers either a bare array or the standard envelope with {@code items}. */
    private static List<JsonNode> items(JsonNode json) {
        List<JsonNode> items = new ArrayList<>();
        (json.isArray() ? json : json.path("items")).forEach(items::add);
        return items;
    }
}
