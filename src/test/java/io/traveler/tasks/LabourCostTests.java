package io.traveler.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.math.BigDecimal;
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

/**
 * Labour cost is minutes / 60 × the rate in force when the time was logged (the employee's, else the organization's
 * default), and every total is summed from the logs.
 */
@ApplicationTest
class LabourCostTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    TaskFixtures f;

    @BeforeEach
    void setUp() {
        f = new TaskFixtures(context, new Api(port));
        var settings = f.api.patch("/api/settings")
                .as(f.signedIn)
                .ifMatch("*")
                .body(Map.of("timezone", "UTC", "default_hourly_rate", 40))
                .send();
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
    }

    @Test
    void costsFollowTheRateInForceWhenLoggedAndTotalsGroupEveryWay() {
        UUID s1 = f.station("Cutting");
        UUID s2 = f.station("Sewing");
        UUID e1 = f.employee("Hal", new BigDecimal("60"), null, s1, s2);
        UUID e2 = f.employee("Ivy", null, null, s1);
        UUID p1 = UUID.randomUUID();
        UUID p2 = UUID.randomUUID();
        UUID stage = UUID.randomUUID();
        var t1 = f.task(
                p1,
                new Tasks.NewTask(
                        stage, 1, "Cut", null, null, null, s1, null, null, null, null, null, List.of(), List.of()));
        var t2 = f.task(p2, TaskFixtures.newTask("Sew", s2, null, List.of(), List.of(), null));

        var first = log(t1.id(), e1, "2026-11-02T08:00:00Z", "2026-11-02T09:00:00Z");
        assertThat(first.path("labour_cost").decimalValue()).isEqualByComparingTo("60");
        var byDefault = log(t1.id(), e2, "2026-11-04T08:00:00Z", "2026-11-04T08:30:00Z");
        assertThat(byDefault.path("hourly_rate").decimalValue())
                .as("no rate of her own: the organization's default")
                .isEqualByComparingTo("40");
        assertThat(byDefault.path("labour_cost").decimalValue()).isEqualByComparingTo("20");
        log(t2.id(), e1, "2026-12-01T10:00:00Z", "2026-12-01T12:00:00Z");
        var raise = f.api.patch("/api/employees/" + e1)
                .as(f.signedIn)
                .ifMatch("*")
                .body(Map.of("hourly_rate", 90))
                .send();
        assertThat(raise.status()).as(raise.toString()).isEqualTo(200);
        var afterRaise = log(t2.id(), e1, "2026-12-02T10:00:00Z", "2026-12-02T11:00:00Z");
        assertThat(afterRaise.path("labour_cost").decimalValue()).isEqualByComparingTo("90");

        var p1Logs = f.get("/api/time-logs?project_id=" + p1).json().path("items");
        assertThat(p1Logs).hasSize(2);
        assertThat(p1Logs.findValues("labour_cost"))
                .as("the raise did not rewrite the earlier cost")
                .extracting(JsonNode::decimalValue)
                .usingComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .containsExactly(new BigDecimal("20"), new BigDecimal("60"));

        assertThat(totals("employee", null, null))
                .containsEntry("Hal", List.of("240", "270"))
                .containsEntry("Ivy", List.of("30", "20"));
        assertThat(totals("station", "2026-11-01", "2026-12-31"))
                .containsEntry("Cutting", List.of("90", "80"))
                .containsEntry("Sewing", List.of("180", "210"));
        assertThat(totals("project", null, null))
                .containsEntry(p1.toString(), List.of("90", "80"))
                .containsEntry(p2.toString(), List.of("180", "210"));
        assertThat(totals("day", "2026-11-01", "2026-11-30"))
                .containsOnlyKeys("2026-11-02", "2026-11-04")
                .containsEntry("2026-11-04", List.of("30", "20"));
        assertThat(totals("week", null, null))
                .containsEntry("2026-11-02", List.of("90", "80"))
                .containsEntry("2026-11-30", List.of("180", "210"));
        assertThat(totals("MONTH", null, null))
                .containsEntry("2026-11", List.of("90", "80"))
                .containsEntry("2026-12", List.of("180", "210"));
        var all = f.get("/api/time/totals?group_by=month").json();
        assertThat(all.path("group_by").asString()).isEqualTo("month");
        assertThat(all.path("labour_cost").decimalValue()).isEqualByComparingTo("290");
        assertThat(all.path("total_minutes").decimalValue()).isEqualByComparingTo("270");
        assertThat(f.get("/api/time/totals?group_by=colour").status()).isEqualTo(422);
        assertThat(f.get("/api/time/totals?group_by=day&from=2026-12-01&to=2026-11-01")
                        .status())
                .isEqualTo(422);

        var project = f.admin.call(() -> f.tasks.timeOfProject(p1));
        assertThat(project.totalMinutes()).isEqualByComparingTo("90");
        assertThat(project.labourCost()).isEqualByComparingTo("80");
        assertThat(project.minutesByStageInstance().get(stage)).isEqualByComparingTo("90");
        assertThat(f.admin.call(() -> f.tasks.timeOfProjects(List.of(p1, p2, UUID.randomUUID()))))
                .hasSize(3);

        var stranger = new TaskFixtures(context, f.api);
        assertThat(stranger.get("/api/time/totals?group_by=employee").json().path("groups"))
                .as("another organization sums only its own logs")
                .isEmpty();
    }

    @Test
    void withoutAnyRateTheCostIsZero() {
        var bare = new TaskFixtures(context, f.api);
        var zero = bare.api
                .patch("/api/settings")
                .as(bare.signedIn)
                .ifMatch("*")
                .body(Map.of("default_hourly_rate", 0))
                .send();
        assertThat(zero.status()).isEqualTo(200);
        UUID employee = bare.employee("Jo", null, null);
        var task = bare.task(UUID.randomUUID(), "Rest");

        var logged = bare.post("/api/tasks/" + task.id() + "/log_time", Map.of("employee_id", employee, "minutes", 30));

        assertThat(logged.json().path("labour_cost").decimalValue()).isEqualByComparingTo("0");
    }

    private JsonNode log(UUID task, UUID employee, String start, String end) {
        var logged = f.post(
                "/api/tasks/" + task + "/log_time",
                Map.of("employee_id", employee, "started_at", start, "ended_at", end));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        return logged.json();
    }

    /** Label → [minutes, labour cost], as plain numbers. */
    private Map<String, List<String>> totals(String groupBy, String from, String to) {
        String query = "/api/time/totals?group_by=" + groupBy + (from == null ? "" : "&from=" + from + "&to=" + to);
        var answer = f.get(query);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Map<String, List<String>> groups = new HashMap<>();
        for (JsonNode g : answer.json().path("groups")) {
            groups.put(
                    g.path("label").asString(),
                    List.of(
                            g.path("minutes")
                                    .decimalValue()
                                    .stripTrailingZeros()
                                    .toPlainString(),
                            g.path("labour_cost")
                                    .decimalValue()
                                    .stripTrailingZeros()
                                    .toPlainString()));
        }
        return groups;
    }
}
