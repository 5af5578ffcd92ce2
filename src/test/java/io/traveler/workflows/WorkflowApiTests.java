package io.traveler.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The workflows API as a client sees it: the acceptance contract, stage actions, what is refused (each naming its
 * field), station task templates, a product's default workflow, and another organization's ids.
 */
@ApplicationTest
class WorkflowApiTests {
    @LocalServerPort
    int port;

    Api api;
    Api.Tenant factory;
    String cutting;
    String sewing;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        factory = api.signUp("FACTORY");
        cutting = station(factory, "Cutting");
        sewing = station(factory, "Sewing");
    }

    private String station(Api.Tenant tenant, String name) {
        var created =
                api.post("/api/stations").as(tenant).body(Map.of("name", name)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private Api.Response create(Object body) {
        return api.post("/api/workflows/").as(factory).body(body).send();
    }

    private static Map<String, Object> stage(String name, String stationId, int minutes) {
        return Map.of("name", name, "station_id", stationId, "expected_minutes", minutes);
    }

    private static List<String> fieldsOf(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    @Test
    void aWorkflowPostedAsTheContractWritesItIsActiveWithItsStagesInOrder() {
        var created = create(Map.of(
                "name", "Daypack line", "stages", List.of(stage("Cut", cutting, 90), stage("Sew", sewing, 120))));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("active");
        assertThat(created.text("version_no")).isEqualTo("1");
        assertThat(created.header("Location")).isEqualTo("/api/workflows/" + created.id());
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(created.json().path("expected_minutes").asInt()).isEqualTo(210);
        var stages = created.json().path("stages");
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0).path("id").asString()).isNotBlank();
        assertThat(stages.get(0).path("name").asString()).isEqualTo("Cut");
        assertThat(stages.get(0).path("position").asInt()).isEqualTo(1);
        assertThat(stages.get(0).path("station_id").asString()).isEqualTo(cutting);
        assertThat(stages.get(0).path("station_name").asString()).isEqualTo("Cutting");
        assertThat(stages.get(1).path("expected_minutes").asInt()).isEqualTo(120);

        var listed = api.get("/api/workflows/").as(factory).send();
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items")).hasSize(1);
        assertThat(listed.json().path("items").get(0).path("stage_count").asInt())
                .isEqualTo(2);
        var seedStages = api.get("/api/workflows/" + created.id() + "/stages/")
                .as(factory)
                .send();
        assertThat(seedStages.status()).isEqualTo(200);
        assertThat(seedStages.json().path("items").get(1).path("name").asString())
                .isEqualTo("Sew");
        assertThat(api.get("/api/workflows/" + created.id()).as(factory).send().header("ETag"))
                .isEqualTo("\"0\"");
    }

    @Test
    void stageActionsAreKeptWithTheirKindsInLowerCaseAndReadInAnyCase() {
        Map<String, Object> sewStage = new HashMap<>(stage("Sew", sewing, 60));
        sewStage.put(
                "actions",
                List.of(
                        Map.of("kind", "SCAN", "label", "Scan the batch"),
                        Map.of("kind", "checklist", "label", "Panels", "checklist_items", List.of("Front", "Back")),
                        Map.of(
                                "kind", "Measurement",
                                "label", "Seam allowance",
                                "unit", "mm",
                                "target_value", 10,
                                "tolerance", 0.5),
                        Map.of("kind", "photo", "required", false),
                        Map.of("kind", "sign_off", "label", "Release", "permission", "projects:manage")));
        sewStage.put("required_qc_process_id", "0190f4a4-0000-7000-8000-000000000001");
        var created = create(Map.of("name", "With actions", "stages", List.of(sewStage)));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var stage = created.json().path("stages").get(0);
        assertThat(stage.path("required_qc_process_id").asString()).isEqualTo("0190f4a4-0000-7000-8000-000000000001");
        var actions = stage.path("actions");
        assertThat(actions).hasSize(5);
        List<String> kinds = new ArrayList<>();
        actions.forEach(a -> kinds.add(a.path("kind").asString()));
        assertThat(kinds).containsExactly("scan", "checklist", "measurement", "photo", "sign_off");
        assertThat(actions.get(1).path("checklist_items").get(1).asString()).isEqualTo("Back");
        assertThat(actions.get(2).path("unit").asString()).isEqualTo("mm");
        assertThat(actions.get(2).path("tolerance").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(actions.get(3).path("required").asBoolean()).isFalse();
        assertThat(actions.get(3).path("label").asString())
                .as("a default label")
                .isEqualTo("Photo");
        assertThat(actions.get(4).path("permission").asString()).isEqualTo("projects:manage");
        assertThat(actions.get(0).path("required").asBoolean())
                .as("required by default")
                .isTrue();
    }

    @Test
    void whatIsRefusedNamesItsField() {
        String stranger = station(api.signUp("FACTORY"), "Elsewhere");

        var unknownStation = create(Map.of("name", "W", "stages", List.of(stage("Cut", stranger, 10))));
        assertThat(unknownStation.status()).as(unknownStation.toString()).isEqualTo(422);
        assertThat(fieldsOf(unknownStation)).containsExactly("stages[0].station_id");

        var noStages = create(Map.of("name", "W", "stages", List.of()));
        assertThat(noStages.status()).isEqualTo(422);
        assertThat(fieldsOf(noStages)).containsExactly("stages");
        assertThat(fieldsOf(create(Map.of("name", "W")))).containsExactly("stages");

        Map<String, Object> measured = new HashMap<>(stage("Sew", sewing, 10));
        measured.put(
                "actions", List.of(Map.of("kind", "measurement", "label", "Width", "unit", "mm", "target_value", 5)));
        var noTolerance = create(Map.of("name", "W", "stages", List.of(stage("Cut", cutting, 10), measured)));
        assertThat(noTolerance.status()).isEqualTo(422);
        assertThat(fieldsOf(noTolerance)).containsExactly("stages[1].actions[0].tolerance");

        Map<String, Object> signed = new HashMap<>(stage("Check", sewing, 10));
        signed.put("actions", List.of(Map.of("kind", "sign_off", "label", "Release", "permission", "quality:bless")));
        var unknownPermission = create(Map.of("name", "W", "stages", List.of(signed)));
        assertThat(unknownPermission.status()).isEqualTo(422);
        assertThat(fieldsOf(unknownPermission)).containsExactly("stages[0].actions[0].permission");

        Map<String, Object> odd = new HashMap<>(stage("Check", sewing, -1));
        odd.put("actions", List.of(Map.of("kind", "dance"), Map.of("kind", "checklist", "label", "Empty")));
        var several = create(Map.of("name", " ", "stages", List.of(odd, Map.of("station_id", cutting))));
        assertThat(fieldsOf(several))
                .containsExactlyInAnyOrder(
                        "name",
                        "stages[0].expected_minutes",
                        "stages[0].actions[0].kind",
                        "stages[0].actions[1].checklist_items",
                        "stages[1].name");

        var badStatus =
                create(Map.of("name", "W", "status", "superseded", "stages", List.of(stage("Cut", cutting, 1))));
        assertThat(fieldsOf(badStatus)).containsExactly("status");
        assertThat(api.get("/api/workflows?status=sleeping").as(factory).send().status())
                .isEqualTo(422);
        assertThat(api.get("/api/workflows/").as(factory).send().json().path("items"))
                .as("nothing was stored")
                .isEmpty();
    }

    @Test
    void aDraftIsChangedInPlaceAndActivatedAndTheListFiltersByStatusAndName() {
        var draft = create(Map.of("name", "Tote line", "status", "DRAFT", "stages", List.of(stage("Cut", cutting, 5))));
        assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
        assertThat(draft.text("status")).isEqualTo("draft");
        String path = "/api/workflows/" + draft.id();

        Map<String, Object> edit =
                Map.of("name", "Tote line", "stages", List.of(stage("Sew", sewing, 7), stage("Cut", cutting, 5)));
        assertThat(api.request("PUT", path).as(factory).body(edit).send().status())
                .isEqualTo(428);
        var changed =
                api.request("PUT", path).as(factory).ifMatch("\"0\"").body(edit).send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.id().toString())
                .as("the same draft")
                .isEqualTo(draft.id().toString());
        assertThat(changed.header("ETag")).isNotEqualTo("\"0\"");
        assertThat(changed.json().path("stages").get(0).path("name").asString()).isEqualTo("Sew");

        create(Map.of("name", "Bag line", "stages", List.of(stage("Cut", cutting, 5))));
        assertThat(names(api.get("/api/workflows?status=draft").as(factory).send()))
                .containsExactly("Tote line");
        assertThat(names(api.get("/api/workflows?status=active").as(factory).send()))
                .containsExactly("Bag line");
        assertThat(names(api.get("/api/workflows?q=tote").as(factory).send())).containsExactly("Tote line");

        var activated = api.post(path + "/activate").as(factory).send();
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        assertThat(activated.text("status")).isEqualTo("active");
        assertThat(api.post(path + "/activate").as(factory).send().status()).isEqualTo(409);

        var archived = api.post(path + "/archive").as(factory).send();
        assertThat(archived.text("status")).isEqualTo("archived");
        assertThat(api.request("PUT", path)
                        .as(factory)
                        .ifMatch("*")
                        .body(edit)
                        .send()
                        .status())
                .as("history stays as it was")
                .isEqualTo(409);

        assertThat(api.delete(path).as(factory).send().status()).isEqualTo(428);
        assertThat(api.delete(path).as(factory).ifMatch("*").send().status()).isEqualTo(204);
        assertThat(api.get(path).as(factory).send().status()).isEqualTo(404);
    }

    private static List<String> names(Api.Response list) {
        List<String> names = new ArrayList<>();
        list.json().path("items").forEach(w -> names.add(w.path("name").asString()));
        return names;
    }

    @Test
    void stationTaskTemplatesArePostedAsTheContractWritesThemAndKeptInSequence() {
        String templates = "/api/stations/" + cutting + "/task-templates";
        var created = api.post(templates)
                .as(factory)
                .body(Map.of("title", "Cut panels", "sequence", 2))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("required").asBoolean())
                .as("required by default")
                .isTrue();
        assertThat(created.text("sequence")).isEqualTo("2");
        assertThat(created.header("Location")).isEqualTo(templates + "/" + created.id());

        var first = api.post(templates + "/")
                .as(factory)
                .body(Map.of(
                        "title",
                        "Pull fabric",
                        "sequence",
                        1,
                        "estimate_minutes",
                        10,
                        "checklist_items",
                        List.of("Roll", "Lot number"),
                        "required",
                        false,
                        "description",
                        "From rack 1"))
                .send();
        assertThat(first.status()).isEqualTo(201);
        var next =
                api.post(templates).as(factory).body(Map.of("title", "Sweep")).send();
        assertThat(next.text("sequence"))
                .as("after the last when none is given")
                .isEqualTo("3");

        var listed = api.get(templates).as(factory).send();
        List<String> titles = new ArrayList<>();
        listed.json().path("items").forEach(t -> titles.add(t.path("title").asString()));
        assertThat(titles).containsExactly("Pull fabric", "Cut panels", "Sweep");

        String one = templates + "/" + first.id();
        var read = api.get(one).as(factory).send();
        assertThat(read.json().path("checklist_items")).hasSize(2);
        Map<String, Object> change = new HashMap<>();
        change.put("sequence", 5);
        change.put("description", null);
        assertThat(api.patch(one).as(factory).body(change).send().status()).isEqualTo(428);
        var changed = api.patch(one)
                .as(factory)
                .ifMatch(read.header("ETag"))
                .body(change)
                .send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.text("sequence")).isEqualTo("5");
        assertThat(changed.json().path("description").isNull())
                .as("null clears")
                .isTrue();
        assertThat(changed.text("title")).as("left out stays").isEqualTo("Pull fabric");

        assertThat(fieldsOf(api.post(templates)
                        .as(factory)
                        .body(Map.of("sequence", 0))
                        .send()))
                .containsExactlyInAnyOrder("title", "sequence");
        assertThat(fieldsOf(api.patch(one)
                        .as(factory)
                        .ifMatch("*")
                        .body(Map.of("estimate_minutes", -5, "checklist_items", List.of(" ")))
                        .send()))
                .containsExactlyInAnyOrder("estimate_minutes", "checklist_items[0]");
        assertThat(api.get("/api/stations/" + sewing + "/task-templates/" + first.id())
                        .as(factory)
                        .send()
                        .status())
                .as("under another station it does not exist")
                .isEqualTo(404);

        assertThat(api.delete(one).as(factory).ifMatch("*").send().status()).isEqualTo(204);
        assertThat(api.get(templates).as(factory).send().json().path("items")).hasSize(2);
    }

    @Test
    void theEditorOffersEveryProductTheWorkflowIsTheDefaultOfSoSavingItKeepsThem() throws Exception {
        var retired = api.post("/api/products/templates/")
                .as(factory)
                .body(Map.of("sku", "OLD-1", "name", "Retired bag"))
                .send();
        var workflow = create(Map.of("name", "Old line", "stages", List.of(stage("Cut", cutting, 5))));
        var assigned = api.request("PUT", "/api/workflows/" + workflow.id() + "/products")
                .as(factory)
                .body(Map.of("product_ids", List.of(retired.id())))
                .send();
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        var discontinued = api.patch("/api/products/templates/" + retired.id())
                .as(factory)
                .ifMatch(api.get("/api/products/templates/" + retired.id())
                        .as(factory)
                        .send()
                        .header("ETag"))
                .body(Map.of("status", "DISCONTINUED"))
                .send();
        assertThat(discontinued.status()).as(discontinued.toString()).isEqualTo(200);

        String editor = PageSession.signIn(port, factory.email())
                .get("/app/workflows/" + workflow.id())
                .body();

        assertThat(editor)
                .as("a discontinued product the workflow is the default of stays on the form, ticked")
                .containsPattern("value=\"" + retired.id() + "\"\\s+checked");
    }

    @Test
    void aProductNamesItsDefaultWorkflowWhichFollowsTheActiveVersion() {
        var product = api.post("/api/products/templates/")
                .as(factory)
                .body(Map.of("sku", "BAG-1", "name", "Bag"))
                .send();
        var other = api.post("/api/products/templates/")
                .as(factory)
                .body(Map.of("sku", "BAG-2", "name", "Other bag"))
                .send();
        var workflow = create(Map.of("name", "Bag line", "stages", List.of(stage("Cut", cutting, 5))));
        String products = "/api/workflows/" + workflow.id() + "/products";

        var assigned = api.request("PUT", products)
                .as(factory)
                .body(Map.of("product_ids", List.of(product.id(), other.id())))
                .send();
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.json().path("items")).hasSize(2);
        assertThat(api.get("/api/products/templates/" + product.id())
                        .as(factory)
                        .send()
                        .text("default_workflow_id"))
                .isEqualTo(workflow.text("family_id"));

        var v2 = api.request("PUT", "/api/workflows/" + workflow.id())
                .as(factory)
                .ifMatch("\"0\"")
                .body(Map.of("name", "Bag line", "stages", List.of(stage("Cut", cutting, 9))))
                .send();
        var fromV2 =
                api.get("/api/workflows/" + v2.id() + "/products").as(factory).send();
        assertThat(fromV2.json().path("items")).as("the family's products").hasSize(2);

        var narrowed = api.request("PUT", products)
                .as(factory)
                .body(Map.of("product_ids", List.of(other.id())))
                .send();
        assertThat(narrowed.json().path("items")).hasSize(1);
        assertThat(api.get("/api/products/templates/" + product.id())
                        .as(factory)
                        .send()
                        .json()
                        .path("default_workflow_id")
                        .isNull())
                .as("no longer listed, no longer made by it")
                .isTrue();

        var foreign = api.post("/api/products/templates/")
                .as(api.signUp("FACTORY"))
                .body(Map.of("sku", "X", "name", "X"))
                .send();
        var refused = api.request("PUT", products)
                .as(factory)
                .body(Map.of("product_ids", List.of(other.id(), foreign.id())))
                .send();
        assertThat(refused.status()).isEqualTo(422);
        assertThat(fieldsOf(refused)).containsExactly("product_ids[1]");
    }

    @Test
    void anotherOrganizationSeesNoneOfItAndCannotNameItsStations() {
        var workflow = create(Map.of("name", "Private line", "stages", List.of(stage("Cut", cutting, 5))));
        api.post("/api/stations/" + cutting + "/task-templates")
                .as(factory)
                .body(Map.of("title", "Secret", "sequence", 1))
                .send();
        var other = api.signUp("FACTORY");

        assertThat(api.get("/api/workflows/" + workflow.id()).as(other).send().status())
                .isEqualTo(404);
        assertThat(api.get("/api/workflows/").as(other).send().json().path("items"))
                .isEmpty();
        assertThat(api.get("/api/stations/" + cutting + "/task-templates")
                        .as(other)
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/stations/" + cutting + "/task-templates")
                        .as(other)
                        .body(Map.of("title", "Intruder", "sequence", 1))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/stations/" + cutting + "/task-templates")
                        .as(factory)
                        .send()
                        .json()
                        .path("items"))
                .hasSize(1);
    }
}
