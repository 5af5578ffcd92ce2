package io.traveler.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Editing an ACTIVE workflow writes the next version and leaves the edited one as it was (projects run it), also
 * when several clients edit the same version at once: exactly one successor, the others told their version is stale.
 */
@ApplicationTest
class WorkflowVersioningTests {
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
        cutting = api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Cutting"))
                .send()
                .text("id");
        sewing = api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Sewing"))
                .send()
                .text("id");
    }

    private Map<String, Object> definition(String name, int minutes) {
        return Map.of(
                "name",
                name,
                "stages",
                List.of(
                        Map.of("name", "Cut", "station_id", cutting, "expected_minutes", minutes),
                        Map.of(
                                "name",
                                "Sew",
                                "station_id",
                                sewing,
                                "expected_minutes",
                                60,
                                "actions",
                                List.of(Map.of("kind", "scan", "label", "Scan")))));
    }

    private static List<String> stageIds(JsonNode workflow) {
        List<String> ids = new ArrayList<>();
        workflow.path("stages").forEach(s -> ids.add(s.path("id").asString()));
        return ids;
    }

    @Test
    void editingTheActiveVersionWritesVersionTwoAndLeavesVersionOneSupersededAndUnchanged() {
        var v1 = api.post("/api/workflows/")
                .as(factory)
                .body(definition("Line", 30))
                .send();
        String v1Path = "/api/workflows/" + v1.id();
        JsonNode before = api.get(v1Path).as(factory).send().json();

        var v2 = api.request("PUT", v1Path)
                .as(factory)
                .ifMatch(v1.header("ETag"))
                .body(definition("Line, faster", 20))
                .send();

        assertThat(v2.status()).as(v2.toString()).isEqualTo(201);
        assertThat(v2.header("Location")).isEqualTo("/api/workflows/" + v2.id());
        assertThat(v2.id()).isNotEqualTo(v1.id());
        assertThat(v2.text("version_no")).isEqualTo("2");
        assertThat(v2.text("status")).isEqualTo("active");
        assertThat(v2.text("family_id")).isEqualTo(v1.text("family_id"));
        assertThat(stageIds(v2.json())).as("new stage ids").doesNotContainAnyElementsOf(stageIds(before));
        assertThat(v2.json().path("stages").get(0).path("expected_minutes").asInt())
                .isEqualTo(20);

        JsonNode after = api.get(v1Path).as(factory).send().json();
        assertThat(after.path("status").asString()).isEqualTo("superseded");
        assertThat(after.path("name").asString()).isEqualTo("Line");
        assertThat(stageIds(after)).as("v1 keeps its stages").isEqualTo(stageIds(before));
        assertThat(after.path("stages")).isEqualTo(before.path("stages"));

        var versions = api.get(v1Path + "/versions").as(factory).send().json().path("items");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("version_no").asInt()).isEqualTo(2);
        assertThat(versions.get(1).path("status").asString()).isEqualTo("superseded");

        List<String> listed = new ArrayList<>();
        api.get("/api/workflows/")
                .as(factory)
                .send()
                .json()
                .path("items")
                .forEach(w -> listed.add(w.path("id").asString()));
        assertThat(listed).as("the list shows the current version").containsExactly(v2.text("id"));

        var stale = api.request("PUT", v1Path)
                .as(factory)
                .ifMatch(v1.header("ETag"))
                .body(definition("Again", 5))
                .send();
        assertThat(stale.status()).as("v1 has moved on").isEqualTo(412);
        var history = api.request("PUT", v1Path)
                .as(factory)
                .ifMatch("*")
                .body(definition("Again", 5))
                .send();
        assertThat(history.status()).as("a superseded version is history").isEqualTo(409);

        var rollback = api.post(v1Path + "/activate").as(factory).send();
        assertThat(rollback.status()).as(rollback.toString()).isEqualTo(200);
        assertThat(api.get("/api/workflows/" + v2.id()).as(factory).send().text("status"))
                .as("one active version per workflow")
                .isEqualTo("superseded");
    }

    @Test
    void ofEightConcurrentEditsOfOneVersionExactlyOneWritesTheNextVersion() {
        var v1 = api.post("/api/workflows/")
                .as(factory)
                .body(definition("Line", 30))
                .send();
        String v1Path = "/api/workflows/" + v1.id();

        var answers = Parallel.run(8, i -> api.request("PUT", v1Path)
                .as(factory)
                .ifMatch(v1.header("ETag"))
                .body(definition("Edit " + i, i))
                .send());

        List<Integer> statuses = answers.stream().map(Api.Response::status).toList();
        assertThat(statuses).as(answers.toString()).isSubsetOf(201, 412);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        var versions = api.get(v1Path + "/versions").as(factory).send().json().path("items");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("status").asString()).isEqualTo("active");
        assertThat(versions.get(1).path("status").asString()).isEqualTo("superseded");
    }

    @Test
    void concurrentEditsOfADraftLeaveOneWinnerAndTheOthersStale() {
        Map<String, Object> draft = new java.util.HashMap<>(definition("Draft", 30));
        draft.put("status", "draft");
        var created = api.post("/api/workflows/").as(factory).body(draft).send();
        String path = "/api/workflows/" + created.id();

        var answers = Parallel.run(8, i -> api.request("PUT", path)
                .as(factory)
                .ifMatch(created.header("ETag"))
                .body(definition("Draft " + i, i))
                .send());

        List<Integer> statuses = answers.stream().map(Api.Response::status).toList();
        assertThat(statuses).as(answers.toString()).isSubsetOf(200, 412);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        var read = api.get(path).as(factory).send();
        assertThat(read.json().path("stages")).hasSize(2);
        assertThat(api.get(path + "/versions").as(factory).send().json().path("items"))
                .hasSize(1);
    }
}
