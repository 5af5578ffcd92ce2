package io.traveler.projects;

import static io.traveler.projects.ProjectFixtures.idOf;
import static io.traveler.projects.ProjectFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** A project keeps the workflow version it was created with; new projects take the ACTIVE version. */
@ApplicationTest
class WorkflowVersionPinningTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void editingTheWorkflowLeavesARunningProjectsStagesAndANewProjectTakesTheNewVersion() {
        var api = new Api(port);
        var fixtures = new ProjectFixtures(api);
        var factory = Tenants.in(context).signedIn("FACTORY");
        UUID customer = fixtures.customer(factory, "Harbour Store");
        UUID cutting = fixtures.station(factory, "Cutting");
        UUID assembly = fixtures.station(factory, "Assembly");
        UUID painting = fixtures.station(factory, "Painting");
        JsonNode v1 = fixtures.workflow(
                factory, "Cabinet", List.of(stage("Cut", cutting, 60), stage("Assemble", assembly, 90)));
        UUID running = fixtures.project(factory, "Running", customer, idOf(v1));
        fixtures.start(factory, running);
        JsonNode before = fixtures.get(factory, running).path("stages");

        var read = api.get("/api/workflows/" + idOf(v1)).as(factory).send();
        var edited = api.request("PUT", "/api/workflows/" + idOf(v1))
                .as(factory)
                .ifMatch(read.header("ETag"))
                .body(Map.of(
                        "name",
                        "Cabinet",
                        "stages",
                        List.of(
                                stage("Cut", cutting, 45),
                                stage("Paint", painting, 30),
                                stage("Assemble", assembly, 90))))
                .send();
        assertThat(edited.status()).as(edited.toString()).isIn(200, 201);
        UUID v2 = edited.id();
        assertThat(v2).isNotEqualTo(idOf(v1));

        JsonNode after = fixtures.get(factory, running);
        assertThat(after.path("workflow_id").asString()).isEqualTo(idOf(v1).toString());
        assertThat(after.path("stages")).isEqualTo(before);
        assertThat(fixtures.advance(factory, running).status())
                .as("the running project still moves along its version's stages")
                .isEqualTo(200);
        assertThat(fixtures.get(factory, running)
                        .path("current_stage")
                        .path("name")
                        .asString())
                .isEqualTo("Assemble");

        UUID named = fixtures.project(factory, "New, naming v1", customer, idOf(v1));
        JsonNode fresh = fixtures.get(factory, named);
        assertThat(fresh.path("workflow_id").asString())
                .as("any version of the family names its ACTIVE version")
                .isEqualTo(v2.toString());
        assertThat(fresh.path("stages"))
                .extracting(s -> s.path("name").asString() + "/"
                        + s.path("expected_minutes").asInt())
                .containsExactly("Cut/45", "Paint/30", "Assemble/90");
    }
}
