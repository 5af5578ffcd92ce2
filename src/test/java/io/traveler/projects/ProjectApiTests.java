package io.traveler.projects;

import static io.traveler.projects.ProjectFixtures.idOf;
import static io.traveler.projects.ProjectFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
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

/** Projects as a client sees them: the issue's contract, validation, tenants, status changes, documents and time. */
@ApplicationTest
class ProjectApiTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    ProjectFixtures fixtures;
    Api.Tenant factory;
    UUID customer;
    UUID cutting;
    UUID assembly;
    JsonNode workflow;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new ProjectFixtures(api);
        factory = Tenants.in(context).signedIn("FACTORY");
        customer = fixtures.customer(factory, "Harbour Store");
        cutting = fixtures.station(factory, "Cutting");
        assembly = fixtures.station(factory, "Assembly");
        fixtures.template(factory, cutting, "Cut the panels", 1);
        fixtures.template(factory, cutting, "Deburr", 2);
        fixtures.template(factory, assembly, "Assemble", 1);
        workflow = fixtures.workflow(
                factory, "Cabinet", List.of(stage("Cut", cutting, 90), stage("Assemble", assembly, 120)));
    }

    private Api.Response create(Map<String, Object> body) {
        return api.post("/api/projects/").as(factory).body(body).send();
    }

    private Map<String, Object> body() {
        return new HashMap<>(Map.of(
                "name",
                "Cabinet for the harbour",
                "customer_id",
                customer,
                "workflow_id",
                idOf(workflow),
                "quantity",
                3));
    }

    private static List<String> fieldsOf(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    @Test
    void theIssuesContractFromCreationToTheFirstStationsTasks() {
        var created = create(body());

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("draft");
        assertThat(created.text("code")).matches("PRJ-\\d{4}-\\d+");
        assertThat(created.header("Location")).isEqualTo("/api/projects/" + created.id());
        assertThat(created.header("ETag")).isNotBlank();
        JsonNode stages = created.json().path("stages");
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0).path("status").asString()).isEqualTo("pending");
        assertThat(fixtures.tasks(factory, created.id()))
                .as("a draft has no tasks")
                .isEmpty();

        var started = api.post("/api/projects/" + created.id() + "/start/")
                .as(factory)
                .send();

        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.text("status")).isEqualTo("active");
        var tasks = fixtures.tasks(factory, created.id());
        assertThat(tasks).extracting(t -> t.path("title").asString()).containsExactly("Cut the panels", "Deburr");
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.path("assignee_type").asString()).isEqualTo("station");
            assertThat(t.path("station_id").asString()).isEqualTo(cutting.toString());
            assertThat(t.path("status").asString()).isEqualTo("todo");
        });
        JsonNode read = fixtures.get(factory, created.id());
        assertThat(read.path("stages").get(0).path("id").asString()).isNotBlank();
        assertThat(read.path("stages").get(0).path("name").asString()).isEqualTo("Cut");
        assertThat(read.path("stages").get(0).path("status").asString()).isEqualTo("in_progress");
        assertThat(read.path("stages").get(1).path("status").asString()).isEqualTo("pending");
        assertThat(read.path("current_stage").path("name").asString()).isEqualTo("Cut");
        assertThat(read.path("missing")).as("the two required template tasks").hasSize(2);

        var again =
                api.post("/api/projects/" + created.id() + "/start").as(factory).send();
        assertThat(again.status()).as("started once").isEqualTo(409);
        assertThat(fixtures.tasks(factory, created.id())).hasSize(2);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        var noName = body();
        noName.remove("name");
        assertThat(fieldsOf(create(noName))).containsExactly("name");

        var strangerCustomer = body();
        strangerCustomer.put("customer_id", UUID.randomUUID());
        assertThat(fieldsOf(create(strangerCustomer))).containsExactly("customer_id");

        var unknownWorkflow = body();
        unknownWorkflow.put("workflow_id", UUID.randomUUID());
        assertThat(fieldsOf(create(unknownWorkflow))).containsExactly("workflow_id");

        var noWorkflow = body();
        noWorkflow.remove("workflow_id");
        assertThat(fieldsOf(create(noWorkflow))).containsExactly("workflow_id");

        var zero = body();
        zero.put("quantity", 0);
        var refused = create(zero);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(fieldsOf(refused)).containsExactly("quantity");

        var unknownProduct = body();
        unknownProduct.put("product_id", UUID.randomUUID());
        assertThat(fieldsOf(create(unknownProduct))).containsExactly("product_id");

        var list = api.get("/api/projects?status=sideways").as(factory).send();
        assertThat(list.status()).isEqualTo(422);
        assertThat(fieldsOf(list)).containsExactly("status");
    }

    @Test
    void aProductsProjectTakesItsDefaultWorkflowAndPinsItsActiveBom() {
        UUID product = fixtures.product(factory, "CAB-1");
        var assigned = api.patch("/api/products/templates/" + product)
                .as(factory)
                .ifMatch(api.get("/api/products/templates/" + product)
                        .as(factory)
                        .send()
                        .header("ETag"))
                .body(Map.of("default_workflow_id", idOf(workflow)))
                .send();
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        UUID part = ProjectFixtures.created(api.post("/api/catalog/parts")
                .as(factory)
                .body(Map.of("part_number", "P-1", "name", "Panel", "kind", "MATERIAL", "unit_of_measure", "ea"))
                .send());
        var bom = api.post("/api/products/templates/" + product + "/boms")
                .as(factory)
                .body(Map.of("lines", List.of(Map.of("component_type", "PART", "component_id", part, "quantity", 4))))
                .send();
        assertThat(bom.status()).as(bom.toString()).isEqualTo(201);
        var activated = api.post("/api/boms/" + bom.id() + "/activate")
                .as(factory)
                .ifMatch(bom.header("ETag"))
                .send();
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);

        var fromProduct = body();
        fromProduct.remove("workflow_id");
        fromProduct.put("product_id", product);
        var created = create(fromProduct);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("workflow_id")).isEqualTo(idOf(workflow).toString());
        assertThat(created.text("bom_id")).isEqualTo(bom.id().toString());
        assertThat(created.text("product_id")).isEqualTo(product.toString());
    }

    @Test
    void anotherOrganizationSeesNothingOfAProject() {
        UUID project = create(body()).id();
        var stranger = Tenants.in(context).signedIn("FACTORY");

        assertThat(api.get("/api/projects/" + project).as(stranger).send().status())
                .isEqualTo(404);
        assertThat(api.post("/api/projects/" + project + "/start/")
                        .as(stranger)
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/projects/" + project + "/tasks/")
                        .as(stranger)
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/projects/").as(stranger).send().json().path("items"))
                .isEmpty();
        var foreign = body();
        foreign.put("customer_id", fixtures.customer(stranger, "Theirs"));
        assertThat(fieldsOf(api.post("/api/projects/").as(factory).body(foreign).send()))
                .as("the workflow is ours, the customer is not")
                .containsExactly("customer_id");
    }

    @Test
    void aProjectIsListedChangedHeldResumedCancelledAndADraftDeleted() {
        var first = create(body());
        var second = create(body());

        var changed = api.patch("/api/projects/" + first.id())
                .as(factory)
                .ifMatch(first.header("ETag"))
                .body(Map.of("name", "Renamed", "notes", "Oak"))
                .send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.text("name")).isEqualTo("Renamed");
        var stale = api.patch("/api/projects/" + first.id())
                .as(factory)
                .ifMatch(first.header("ETag"))
                .body(Map.of("name", "Again"))
                .send();
        assertThat(stale.status()).isEqualTo(412);

        var listed = api.get("/api/projects/?q=renamed").as(factory).send();
        assertThat(listed.json().path("items"))
                .extracting(p -> p.path("id").asString())
                .containsExactly(first.id().toString());
        var page = api.get("/api/projects?limit=1").as(factory).send();
        assertThat(page.json().path("items")).hasSize(1);
        var next = api.get("/api/projects?limit=1&cursor=" + page.text("next_cursor"))
                .as(factory)
                .send();
        assertThat(next.json().path("items").get(0).path("id").asString())
                .isEqualTo(first.id().toString());

        assertThat(api.post("/api/projects/" + first.id() + "/hold")
                        .as(factory)
                        .send()
                        .status())
                .as("a draft is not held")
                .isEqualTo(409);
        fixtures.start(factory, first.id());
        var held = api.post("/api/projects/" + first.id() + "/hold").as(factory).send();
        assertThat(held.text("status")).isEqualTo("on_hold");
        assertThat(fixtures.advance(factory, first.id()).status())
                .as("no moves on hold")
                .isEqualTo(409);
        assertThat(api.post("/api/projects/" + first.id() + "/resume")
                        .as(factory)
                        .send()
                        .text("status"))
                .isEqualTo("active");
        assertThat(api.get("/api/projects?status=ACTIVE")
                        .as(factory)
                        .send()
                        .json()
                        .path("items"))
                .extracting(p -> p.path("id").asString())
                .contains(first.id().toString())
                .doesNotContain(second.id().toString());
        var deleteStarted = api.delete("/api/projects/" + first.id())
                .as(factory)
                .ifMatch("*")
                .send();
        assertThat(deleteStarted.status()).isEqualTo(409);
        assertThat(api.post("/api/projects/" + first.id() + "/cancel")
                        .as(factory)
                        .send()
                        .text("status"))
                .isEqualTo("cancelled");

        var deleted = api.delete("/api/projects/" + second.id())
                .as(factory)
                .ifMatch(second.header("ETag"))
                .send();
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/projects/" + second.id()).as(factory).send().status())
                .isEqualTo(404);
    }

    @Test
    void designDocumentsAreAttachedWithTheirMetadata() {
        UUID project = create(body()).id();

        var added = api.post("/api/projects/" + project + "/design-docs/")
                .as(factory)
                .body(Map.of(
                        "file_key", "uploads/cabinet.dxf",
                        "file_name", "cabinet.dxf",
                        "content_type", "image/vnd.dxf",
                        "size_bytes", 2048,
                        "metadata", Map.of("revision", "B")))
                .send();
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        var noKey = api.post("/api/projects/" + project + "/design-docs/")
                .as(factory)
                .body(Map.of("file_name", "x.pdf"))
                .send();
        assertThat(fieldsOf(noKey)).containsExactly("file_key");
        var notAnObject = api.post("/api/projects/" + project + "/design-docs/")
                .as(factory)
                .body(Map.of("file_key", "k", "file_name", "x.pdf", "metadata", List.of(1)))
                .send();
        assertThat(fieldsOf(notAnObject)).containsExactly("metadata");

        var listed = api.get("/api/projects/" + project + "/design-docs/")
                .as(factory)
                .send();
        assertThat(listed.json().path("items")).hasSize(1);
        assertThat(listed.json()
                        .path("items")
                        .get(0)
                        .path("metadata")
                        .path("revision")
                        .asString())
                .isEqualTo("B");
    }

    @Test
    void aProjectsTimeIsItsLoggedMinutesAndLabourCostAgainstThePlanPerStage() {
        UUID project = create(body()).id();
        fixtures.start(factory, project);
        UUID employee = fixtures.employee(factory, "Ada", "60");
        UUID task = idOf(fixtures.tasks(factory, project).getFirst());

        var logged = api.post("/api/tasks/" + task + "/log_time/")
                .as(factory)
                .body(Map.of("employee_id", employee, "minutes", 45))
                .send();
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);

        var time = api.get("/api/projects/" + project + "/time").as(factory).send();
        assertThat(time.status()).isEqualTo(200);
        assertThat(time.json().path("total_minutes").decimalValue()).isEqualByComparingTo("45");
        assertThat(time.json().path("labour_cost").decimalValue()).isEqualByComparingTo("45");
        assertThat(time.json().path("planned_minutes").asInt()).isEqualTo(210);
        JsonNode cut = time.json().path("stages").get(0);
        assertThat(cut.path("planned_minutes").asInt()).isEqualTo(90);
        assertThat(cut.path("actual_minutes").decimalValue()).isEqualByComparingTo("45");
        assertThat(time.json().path("stages").get(1).path("actual_minutes").decimalValue())
                .isEqualByComparingTo("0");
    }

    @Test
    void aTaskAddedToAProjectMustNameOneOfItsStages() {
        UUID project = create(body()).id();
        JsonNode stages = fixtures.get(factory, project).path("stages");
        var other = create(body());
        UUID othersStage = idOf(fixtures.get(factory, other.id()).path("stages").get(0));

        var foreign = api.post("/api/projects/" + project + "/tasks/")
                .as(factory)
                .body(Map.of("title", "Paint", "stage_instance_id", othersStage))
                .send();
        assertThat(fieldsOf(foreign)).containsExactly("stage_instance_id");

        var added = api.post("/api/projects/" + project + "/tasks/")
                .as(factory)
                .body(Map.of(
                        "title",
                        "Paint",
                        "stage_instance_id",
                        idOf(stages.get(1)),
                        "assignee_type",
                        "STATION",
                        "station_id",
                        assembly))
                .send();
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.text("assignee_type")).isEqualTo("station");
        assertThat(added.json().path("stage_entry").asInt())
                .as("the entry the waiting stage comes next")
                .isEqualTo(1);
        assertThat(fixtures.tasks(factory, project))
                .extracting(t -> t.path("title").asString())
                .contains("Paint");
    }
}
