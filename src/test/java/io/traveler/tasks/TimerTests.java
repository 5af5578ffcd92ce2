package io.traveler.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** One running timer per employee, whatever the race; stopping one writes exactly one time log. */
@ApplicationTest
class TimerTests {
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
    void eightParallelStartsLeaveOneRunningTimer() {
        UUID employee = f.employee("Dee", null, null);
        UUID project = UUID.randomUUID();
        List<UUID> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(f.task(project, "Task " + i).id());
        }

        var answers = Parallel.run(
                8, i -> f.post("/api/tasks/" + tasks.get(i) + "/timer/start", Map.of("employee_id", employee)));

        assertThat(answers).extracting(Api.Response::status).containsOnly(201, 409);
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        var running = f.get("/api/timers").json().path("items");
        assertThat(running).hasSize(1);
        assertThat(running.get(0).path("employee_id").asString()).isEqualTo(employee.toString());
        String winner = answers.stream()
                .filter(a -> a.status() == 201)
                .findFirst()
                .orElseThrow()
                .text("task_id");
        assertThat(f.get("/api/tasks/" + winner).text("status"))
                .as("starting the timer started the task")
                .isEqualTo("in_progress");
        assertThat(tasks.stream()
                        .map(t -> f.get("/api/tasks/" + t).text("status"))
                        .filter("in_progress"::equals)
                        .count())
                .as("the refused starts left their tasks to do")
                .isEqualTo(1);
    }

    @Test
    void parallelStopsWriteOneLog() {
        UUID employee = f.employee("Eve", null, null);
        var task = f.task(UUID.randomUUID(), "Sand");
        assertThat(f.post("/api/tasks/" + task.id() + "/timer/start", Map.of("employee_id", employee))
                        .status())
                .isEqualTo(201);

        var answers = Parallel.run(8, i -> f.post("/api/timers/" + employee + "/stop", null));

        assertThat(answers).extracting(Api.Response::status).containsOnly(200, 404);
        var stopped = answers.stream().filter(a -> a.status() == 200).toList();
        assertThat(stopped).hasSize(1);
        assertThat(stopped.getFirst().json().path("minutes").decimalValue()).isPositive();
        assertThat(stopped.getFirst().text("started_at")).isNotNull();
        assertThat(f.get("/api/time-logs?task_id=" + task.id()).json().path("items"))
                .hasSize(1);
        assertThat(f.get("/api/timers").json().path("items")).isEmpty();
    }

    @Test
    void aTimerStartedWithoutAnEmployeeIsTheCallersOwn() {
        var technician = f.tenants.memberWith(f.admin, "tasks:read", "tasks:work", "time:log");
        UUID employee = f.employee("Fay", null, technician.userId());
        var token = f.tenants.signedIn(technician);
        var task = f.task(UUID.randomUUID(), "Trim");

        var started =
                f.api.post("/api/tasks/" + task.id() + "/timer/start").as(token).send();

        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.text("employee_id")).isEqualTo(employee.toString());
        var second =
                f.api.post("/api/tasks/" + task.id() + "/timer/start").as(token).send();
        assertThat(second.status()).isEqualTo(409);

        var noRecord = f.post("/api/tasks/" + task.id() + "/timer/start", null);
        assertThat(noRecord.status()).isEqualTo(422);
        assertThat(noRecord.json().toString()).contains("employee_id");
    }

    @Test
    void completingATaskStopsItsTimersAndLogsTheirTime() {
        UUID employee = f.employee("Gus", null, null);
        var task = f.task(UUID.randomUUID(), "Polish");
        f.post("/api/tasks/" + task.id() + "/timer/start", Map.of("employee_id", employee));

        assertThat(f.post("/api/tasks/" + task.id() + "/complete", null).status())
                .isEqualTo(200);

        assertThat(f.get("/api/timers").json().path("items")).isEmpty();
        assertThat(f.get("/api/time-logs?employee_id=" + employee).json().path("items"))
                .hasSize(1);
        assertThat(f.post("/api/tasks/" + task.id() + "/timer/start", Map.of("employee_id", employee))
                        .status())
                .as("no timer on a done task")
                .isEqualTo(409);
    }
}
