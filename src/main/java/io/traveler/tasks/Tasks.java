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

    /** Starts the task: refused (409) while one of its dependencies is not done. */
    TaskView start(UUID taskId, io.traveler.shared.jpa.ExpectedVersion expected);

    /** Completes the task (its running timers stopped and logged, its next occurrence made when it recurs). */
    TaskView complete(UUID taskId, io.traveler.shared.jpa.ExpectedVersion expected);

    /** Ticks or unticks one checklist item of the task. */
    ChecklistItem tick(UUID taskId, UUID itemId, boolean done);

    /**
     * Logs minutes of an employee's work on the task by hand, at the employee's rate of now (or the organization's
     * default); answers the log's id.
     */
    UUID logTime(UUID taskId, UUID employeeId, BigDecimal minutes, String note);

    /** Computed from the time logs on each call; nothing is stored. */
    TimeTotals timeOfProject(UUID projectId);

    /** The same, for several projects in one query. */
    Map<UUID, TimeTotals> timeOfProjects(java.util.Collection<UUID> projectIds);
}
