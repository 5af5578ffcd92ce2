package io.traveler.projects;

import static io.traveler.projects.ProjectFixtures.idOf;
import static io.traveler.projects.ProjectFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
import io.traveler.testing.Tenants;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Simultaneous moves of one project take turns: the stage advances once and each entry's tasks exist once. */
@ApplicationTest
class StageConcurrencyTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    ProjectFixtures fixtures;
    Api.Tenant factory;
    UUID project;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new ProjectFixtures(api);
        factory = Tenants.in(context).signedIn("FACTORY");
        UUID customer = fixtures.customer(factory, "Harbour Store");
        UUID cutting = fixtures.station(factory, "Cutting");
        UUID assembly = fixtures.station(factory, "Assembly");
        fixtures.template(factory, cutting, "Cut", 1);
        fixtures.template(factory, assembly, "Assemble", 1);
        fixtures.template(factory, assembly, "Glue", 2);
        JsonNode workflow = fixtures.workflow(
                factory,
                "Cabinet",
                List.of(stage("Cut", cutting, 60), stage("Assemble", assembly, 60), stage("Cut again", cutting, 60)));
        project = fixtures.project(factory, "Cabinet", customer, idOf(workflow));
    }

    private long tasksOfEntry(UUID stage, int entry) {
        return fixtures.tasks(factory, project).stream()
                .filter(t -> t.path("stage_instance_id").asString().equals(stage.toString()))
                .filter(t -> t.path("stage_entry").asInt() == entry)
                .count();
    }

    @Test
    void eightSimultaneousStartsStartTheProjectOnceWithItsTasksOnce() {
        List<Integer> statuses =
                Parallel.run(8, i -> fixtures.start(factory, project).status());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        assertThat(fixtures.tasks(factory, project)).hasSize(1);
        var moves = api.get("/api/projects/" + project + "/moves")
                .as(factory)
                .send()
                .json()
                .path("items");
        assertThat(moves).hasSize(1);
    }

    @Test
    void eightSimultaneousMovesAdvanceTheStageOnceAndMakeItsTasksOnce() {
        fixtures.start(factory, project);
        fixtures.completeOpenTasks(factory, project);

        List<Integer> statuses =
                Parallel.run(8, i -> fixtures.advance(factory, project).status());

        assertThat(statuses)
                .as("one advances; the others meet the next stage's open tasks")
                .filteredOn(s -> s == 200)
                .hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        JsonNode read = fixtures.get(factory, project);
        JsonNode stages = read.path("stages");
        assertThat(stages.get(0).path("status").asString()).isEqualTo("done");
        assertThat(stages.get(1).path("status").asString()).isEqualTo("in_progress");
        assertThat(stages.get(1).path("entries").asInt()).isEqualTo(1);
        assertThat(tasksOfEntry(idOf(stages.get(1)), 1)).isEqualTo(2);
        var moves = api.get("/api/projects/" + project + "/moves")
                .as(factory)
                .send()
                .json()
                .path("items");
        assertThat(moves).extracting(m -> m.path("kind").asString()).containsExactly("start", "advance");
    }

    @Test
    void eightSimultaneousReworksEnterTheStageOnceEach() {
        fixtures.start(factory, project);
        fixtures.completeOpenTasks(factory, project);
        fixtures.advance(factory, project);
        UUID cut = idOf(fixtures.get(factory, project).path("stages").get(0));

        List<Integer> statuses = Parallel.run(
                8, i -> fixtures.rework(factory, project, cut, "Redo " + i).status());

        assertThat(statuses).containsOnly(200);
        JsonNode stage = fixtures.get(factory, project).path("stages").get(0);
        assertThat(stage.path("entries").asInt())
                .as("each rework is an entry of its own")
                .isEqualTo(9);
        for (int entry = 1; entry <= 9; entry++) {
            assertThat(tasksOfEntry(cut, entry)).as("entry " + entry).isEqualTo(1);
        }
    }
}
