package io.traveler.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * "My work" as a technician at a station sees it: their tasks and their station's, a one-tap timer that moves to
 * another task (logging the time of the first), done buttons; and the station's queue.
 */
@ApplicationTest
class MyWorkPageTests {

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
    void aTechnicianTimesAndCompletesTheirTasksFromTheirPhone() throws Exception {
        UUID cutting = f.station("Cutting");
        UUID sewing = f.station("Sewing");
        var technician = f.tenants.memberWith(f.admin, "tasks:read", "tasks:work", "time:log");
        UUID employee = f.employee("Kim", null, technician.userId(), cutting);
        UUID project = UUID.randomUUID();
        var atStation =
                f.task(project, TaskFixtures.newTask("Cut the panels", cutting, null, List.of(), List.of(), null));
        var mine = f.task(project, TaskFixtures.newTask("Measure twice", null, employee, List.of(), List.of(), null));
        f.task(project, TaskFixtures.newTask("Sew the seams", sewing, null, List.of(), List.of(), null));
        var session = PageSession.signIn(port, technician.email());

        String page = session.get("/app/my-work").body();
        assertThat(page).contains("Cut the panels", "Measure twice", "Start timer", "name=\"viewport\"");
        assertThat(page).as("another station's task").doesNotContain("Sew the seams");

        assertThat(session.submit("/app/tasks/" + atStation.id() + "/timer", "back=my-work")
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/app/my-work"));
        page = session.get("/app/my-work").body();
        assertThat(page).contains("Timer running", "Stop timer");
        assertThat(f.get("/api/tasks/" + atStation.id()).text("status")).isEqualTo("in_progress");

        session.submit("/app/tasks/" + mine.id() + "/timer", "back=my-work");
        assertThat(f.get("/api/timers")
                        .json()
                        .path("items")
                        .get(0)
                        .path("task_id")
                        .asString())
                .as("one tap moves the timer")
                .isEqualTo(mine.id().toString());
        assertThat(f.get("/api/time-logs?employee_id=" + employee).json().path("items"))
                .as("the first timer's time is logged")
                .hasSize(1);

        session.submit("/app/my-work/timer/stop", "back=my-work");
        assertThat(f.get("/api/time-logs?employee_id=" + employee).json().path("items"))
                .hasSize(2);

        session.submit("/app/tasks/" + atStation.id() + "/complete", "back=station:" + cutting);
        assertThat(session.get("/app/my-work").body())
                .doesNotContain("Cut the panels")
                .contains("Measure twice");
        String queue = session.get("/app/stations/" + cutting + "/work").body();
        assertThat(queue).contains("Cutting: open tasks").doesNotContain("Cut the panels");
    }

    @Test
    void aTapOnATaskThatMayNotStartLeavesTheRunningTimerAsItWas() throws Exception {
        UUID cutting = f.station("Cutting");
        var technician = f.tenants.memberWith(f.admin, "tasks:read", "tasks:work", "time:log");
        UUID employee = f.employee("Lee", null, technician.userId(), cutting);
        UUID project = UUID.randomUUID();
        var first = f.task(project, TaskFixtures.newTask("Cut the panels", cutting, null, List.of(), List.of(), null));
        var waiting = f.task(
                project, TaskFixtures.newTask("Glue the panels", cutting, null, List.of(first.id()), List.of(), null));
        var session = PageSession.signIn(port, technician.email());
        session.submit("/app/tasks/" + first.id() + "/timer", "back=my-work");

        session.submit("/app/tasks/" + waiting.id() + "/timer", "back=my-work");

        assertThat(f.get("/api/timers")
                        .json()
                        .path("items")
                        .get(0)
                        .path("task_id")
                        .asString())
                .as("the refused start left the timer on the first task")
                .isEqualTo(first.id().toString());
        assertThat(f.get("/api/time-logs?employee_id=" + employee).json().path("items"))
                .as("and logged nothing")
                .isEmpty();
        assertThat(f.get("/api/tasks/" + waiting.id()).text("status")).isEqualTo("todo");
    }

    @Test
    void aUserWithoutAnEmployeeRecordIsToldWhy() throws Exception {
        var session = PageSession.signIn(port, f.admin.email());

        var page = session.get("/app/my-work");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("No employee record is linked to your user");
    }
}
