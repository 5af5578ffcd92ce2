package io.traveler.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** What other modules may ask the tasks module, in the current organization. */
public interface Tasks {
    /** In JSON lowercase ({@code "station"}), read in any case. */
    enum AssigneeType {
        STATION,
        EMPLOYEE,
        NONE;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static AssigneeType of(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** In JSON lowercase ({@code "in_progress"}), read in any case. */
    enum Status {
        TODO,
        IN_PROGRESS,
        BLOCKED,
        DONE;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Status of(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** A station's template task to create for one entry of a stage. */
    record TemplateTask(
            UUID templateId,
            String title,
            String description,
            int sequence,
            Integer estimateMinutes,
            List<String> checklistItems,
            boolean required) {}

    /** A task someone adds to a project ({@code stageInstanceId} and {@code stageEntry} already checked by the caller). */
    record NewTask(
            UUID stageInstanceId,
            Integer stageEntry,
            String title,
            String description,
            Integer sequence,
            AssigneeType assigneeType,
            UUID stationId,
            UUID employeeId,
            Boolean required,
            Integer estimateMinutes,
            LocalDate dueDate,
            String recurrenceRule,
            List<UUID> dependsOn,
            List<String> checklistItems) {}

    record ChecklistItem(UUID id, int position, String label, boolean done) {}

    /** A task as other modules read it. */
    record TaskView(
            UUID id,
            UUID projectId,
            UUID stageInstanceId,
            Integer stageEntry,
            UUID templateId,
            String title,
            String description,
            int sequence,
            AssigneeType assigneeType,
            UUID stationId,
            UUID employeeId,
            Status status,
            boolean required,
            Integer estimateMinutes,
            LocalDate dueDate,
            String recurrenceRule,
            List<UUID> dependsOn,
            List<ChecklistItem> checklist,
            Instant startedAt,
            Instant completedAt,
            long version) {}

    /**
     * Creates the station's template tasks for one entry of a stage instance, assigned to the station, once: a
     * repeated or concurrent call for the same entry creates nothing more and answers the tasks already there.
     */
    List<TaskView> createForStageEntry(
            UUID projectId, UUID stageInstanceId, int stageEntry, UUID stationId, List<TemplateTask> templates);

    TaskView create(UUID projectId, NewTask task);

    /** The project's tasks, by sequence. */
    List<TaskView> ofProject(UUID projectId);

    /** The required tasks of this entry of a stage instance that are not done. */
    List<TaskView> openRequired(UUID stageInstanceId, int stageEntry);

    /** Minutes and labour cost of a project, in all and per stage instance (null key: time on no stage). */
    record TimeTotals(
            BigDecimal totalMinutes,
            BigDecimal labourCost,
            Map<UUID, BigDecimal> minutesByStageInstance,
            Map<UUID, BigDecimal> costByStageInstance) {}

    /** Ticks or unticks one checklist item of the task. */
    ChecklistItem tick(UUID taskId, UUID itemId, boolean done);

    /** Computed from the time logs on each call; nothing is stored. */
    TimeTotals timeOfProject(UUID projectId);

    /** The same, for several projects in one query. */
    Map<UUID, TimeTotals> timeOfProjects(java.util.Collection<UUID> projectIds);

    /** One task; not found (404) when it is not of this organization. */
    TaskView task(UUID taskId);

    /** Starts a task (as {@code POST /api/tasks/{id}/start}): refused while a task it depends on is not done. */
    TaskView start(UUID taskId);

    /**
     * Completes a task (as {@code POST /api/tasks/{id}/complete}): refused while a dependency is open or a checklist
     * item unticked; stops the timers running on it; a recurring task gets its next occurrence. Done already: no-op.
     */
    TaskView complete(UUID taskId);

    /** Time to log on a task: {@code minutes}, or {@code startedAt} and {@code endedAt}; an optional note. */
    record TimeEntry(UUID employeeId, BigDecimal minutes, Instant startedAt, Instant endedAt, String note) {}

    /** A time log as written: its rate is the one in force now, its cost {@code minutes / 60 × rate}. */
    record LoggedTime(
            UUID id, UUID taskId, UUID employeeId, BigDecimal minutes, BigDecimal hourlyRate, BigDecimal labourCost) {}

    /** Logs time on a task (as {@code POST /api/tasks/{id}/log_time}), for demo data and other modules' pages. */
    LoggedTime logTime(UUID taskId, TimeEntry entry);
}
