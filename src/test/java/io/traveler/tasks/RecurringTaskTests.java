package io.traveler.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.shared.errors.ValidationException;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Routine tasks repeat by an RFC 5545 rule: completing one creates its next occurrence, once. */
@ApplicationTest
class RecurringTaskTests {
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
    void refusesWhatIsNotARuleOrRepeatsMoreOftenThanDaily() {
        UUID project = UUID.randomUUID();
        for (String rule : List.of("FREQ=SOMETIMES", "every monday", "FREQ=HOURLY;INTERVAL=4")) {
            assertThatThrownBy(() -> f.task(project, recurring("Oil", rule, null)))
                    .as(rule)
                    .isInstanceOfSatisfying(
                            ValidationException.class,
                            e -> assertThat(e.errors().getFirst().field()).isEqualTo("recurrence_rule"));
        }
        var task = f.task(project, recurring("Oil", "RRULE:FREQ=WEEKLY;BYDAY=MO", null));
        assertThat(task.recurrenceRule()).isEqualTo("FREQ=WEEKLY;BYDAY=MO");
        var patched = f.api.patch("/api/tasks/" + task.id())
                .as(f.signedIn)
                .ifMatch("*")
                .body(Map.of("recurrence_rule", "FREQ=WEEKLY;BYDAY=XX"))
                .send();
        assertThat(patched.status()).isEqualTo(422);
        assertThat(patched.json().toString()).contains("recurrence_rule");
    }

    @Test
    void completingCreatesTheNextOccurrenceOnceWithAFreshChecklist() {
        UUID project = UUID.randomUUID();
        var task = f.task(
                project,
                new Tasks.NewTask(
                        null,
                        null,
                        "Clean saw",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        15,
                        LocalDate.of(2030, 1, 7),
                        "FREQ=WEEKLY",
                        List.of(),
                        List.of("Blade", "Table")));
        for (var item : task.checklist()) {
            f.post("/api/tasks/" + task.id() + "/checklist/" + item.id(), Map.of("done", true));
        }

        assertThat(f.post("/api/tasks/" + task.id() + "/complete", null).status())
                .isEqualTo(200);
        assertThat(f.post("/api/tasks/" + task.id() + "/reopen", null).status()).isEqualTo(200);
        assertThat(f.post("/api/tasks/" + task.id() + "/complete", null).status())
                .isEqualTo(200);

        var all = f.admin.call(() -> f.tasks.ofProject(project));
        assertThat(all).hasSize(2);
        var next =
                all.stream().filter(t -> !t.id().equals(task.id())).findFirst().orElseThrow();
        assertThat(next.dueDate()).isEqualTo(LocalDate.of(2030, 1, 14));
        assertThat(next.title()).isEqualTo("Clean saw");
        assertThat(next.status()).isEqualTo(Tasks.Status.TODO);
        assertThat(next.recurrenceRule()).isEqualTo("FREQ=WEEKLY");
        assertThat(next.estimateMinutes()).isEqualTo(15);
        assertThat(next.checklist()).extracting(Tasks.ChecklistItem::label).containsExactly("Blade", "Table");
        assertThat(next.checklist()).noneMatch(Tasks.ChecklistItem::done);
    }

    @Test
    void parallelCompletionsCreateOneNextOccurrence() {
        UUID project = UUID.randomUUID();
        var task = f.task(project, recurring("Empty bins", "FREQ=DAILY", LocalDate.of(2030, 3, 1)));

        var answers = Parallel.run(8, i -> f.post("/api/tasks/" + task.id() + "/complete", null));

        assertThat(answers).extracting(Api.Response::status).containsOnly(200);
        var all = f.admin.call(() -> f.tasks.ofProject(project));
        assertThat(all).hasSize(2);
        assertThat(all)
                .extracting(Tasks.TaskView::dueDate)
                .containsExactlyInAnyOrder(LocalDate.of(2030, 3, 1), LocalDate.of(2030, 3, 2));
    }

    @Test
    void aCountEndsTheSeriesAcrossOccurrences() {
        UUID project = UUID.randomUUID();
        var first = f.task(project, recurring("Audit", "FREQ=MONTHLY;COUNT=2", LocalDate.of(2030, 5, 15)));
        f.post("/api/tasks/" + first.id() + "/complete", null);
        var second = f.admin.call(() -> f.tasks.ofProject(project)).stream()
                .filter(t -> !t.id().equals(first.id()))
                .findFirst()
                .orElseThrow();
        assertThat(second.dueDate()).isEqualTo(LocalDate.of(2030, 6, 15));

        f.post("/api/tasks/" + second.id() + "/complete", null);

        assertThat(f.admin.call(() -> f.tasks.ofProject(project)))
                .as("the series had two")
                .hasSize(2);
    }

    @Test
    void anOverdueRoutineMovesToItsNextDateAfterToday() {
        UUID project = UUID.randomUUID();
        var late = f.task(project, recurring("Check extinguisher", "FREQ=WEEKLY;BYDAY=MO", LocalDate.of(2020, 1, 6)));

        f.post("/api/tasks/" + late.id() + "/complete", null);

        var next = f.admin.call(() -> f.tasks.ofProject(project)).stream()
                .filter(t -> !t.id().equals(late.id()))
                .findFirst()
                .orElseThrow();
        assertThat(next.dueDate().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(next.dueDate())
                .isAfter(LocalDate.now().minusDays(1))
                .isBefore(LocalDate.now().plusDays(9));
    }

    private static Tasks.NewTask recurring(String title, String rule, LocalDate due) {
        return new Tasks.NewTask(
                null, null, title, null, null, null, null, null, null, null, due, rule, List.of(), List.of());
    }
}
