package io.traveler.tasks;

import static io.traveler.tasks.TaskFixtures.newTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Dependencies stay within a project and never form a cycle, also when two changes race to close one. */
@ApplicationTest
class TaskDependencyTests {
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
    void refusesTheDependencyThatClosesACycleNamingTheCycle() {
        UUID project = UUID.randomUUID();
        var a = f.task(project, "Alpha");
        var b = f.task(project, newTask("Bravo", null, null, List.of(a.id()), List.of(), null));
        var c = f.task(project, newTask("Charlie", null, null, List.of(b.id()), List.of(), null));

        var refused = dependOn(a.id(), List.of(c.id()));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("errors").get(0).path("field").asString())
                .isEqualTo("depends_on");
        assertThat(refused.json().path("errors").get(0).path("message").asString())
                .contains("Alpha → Charlie → Bravo → Alpha");
        assertThat(f.get("/api/tasks/" + a.id()).json().path("depends_on")).isEmpty();
    }

    @Test
    void refusesTheTaskItselfAndTasksOfAnotherProject() {
        UUID project = UUID.randomUUID();
        var a = f.task(project, "Alpha");
        var stranger = f.task(UUID.randomUUID(), "Elsewhere");

        assertThat(dependOn(a.id(), List.of(a.id())).status()).isEqualTo(422);
        var foreign = dependOn(a.id(), List.of(stranger.id()));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.json().toString()).contains("depends_on");
    }

    @Test
    void replacesTheDependenciesAndMovesTheVersionOn() {
        UUID project = UUID.randomUUID();
        var a = f.task(project, "Alpha");
        var b = f.task(project, "Bravo");
        var c = f.task(project, newTask("Charlie", null, null, List.of(a.id()), List.of(), null));

        var changed = dependOn(c.id(), List.of(b.id()));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("depends_on").get(0).asString()).isEqualTo(b.id().toString());
        assertThat(changed.json().path("version").asLong()).isGreaterThan(c.version());
        assertThat(f.api.request("PUT", "/api/tasks/" + c.id() + "/dependencies")
                        .as(f.signedIn)
                        .body(Map.of("depends_on", List.of()))
                        .send()
                        .status())
                .as("a change of the task needs its version")
                .isEqualTo(428);
    }

    @Test
    void twoConcurrentChangesCannotCloseACycleBetweenThem() {
        for (int round = 0; round < 5; round++) {
            UUID project = UUID.randomUUID();
            var a = f.task(project, "Alpha");
            var b = f.task(project, "Bravo");

            var answers = Parallel.run(
                    2, i -> i == 0 ? dependOn(a.id(), List.of(b.id())) : dependOn(b.id(), List.of(a.id())));

            assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 422);
            int edges = f.get("/api/tasks/" + a.id()).json().path("depends_on").size()
                    + f.get("/api/tasks/" + b.id()).json().path("depends_on").size();
            assertThat(edges).as("one of the two edges, never both").isEqualTo(1);
        }
    }

    private Api.Response dependOn(UUID task, List<UUID> dependsOn) {
        return f.api.request("PUT", "/api/tasks/" + task + "/dependencies")
                .as(f.signedIn)
                .ifMatch("*")
                .body(Map.of("depends_on", dependsOn))
                .send();
    }
}
