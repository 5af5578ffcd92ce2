package io.traveler.projects.internal;

import io.traveler.projects.ProjectCompleted;
import io.traveler.projects.ProjectStarted;
import io.traveler.projects.StageCompleted;
import io.traveler.projects.StageEntered;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.security.Callers;
import io.traveler.tasks.Tasks;
import io.traveler.workflows.Workflows;
import io.traveler.workflows.Workflows.StageAction;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's way through its stages. Every move locks the project's row first, so moves of one project take turns:
 * of eight simultaneous {@code move_stage} calls, the first advances and the others find the next stage and its own
 * gates. A stage is left forward only when the required tasks and stage actions of its current entry are done; a
 * rework move goes back to an earlier stage with a reason. Entering a stage (also again) makes its station's
 * template tasks for that entry, once. Each move writes one {@link StageMove} and publishes its events in the same
 * transaction.
 */
@Service
public class StageFlow {
    public static final int MAX_REASON = 2000;
    static final int MAX_VALUE = 2000;

    /** Something that keeps a stage from being left: a required task or stage action of its current entry. */
    public record Missing(String kind, UUID id, String title) {}

    /** What a stage action record says: a text (scan, checklist, sign-off note), a measured value or a file key. */
    public record ActionInput(String value, BigDecimal measuredValue, String fileKey) {}

    private final ProjectService projects;
    private final ProjectRepository rows;
    private final StageInstances stages;
    private final StageMoves moves;
    private final ActionRecords records;
    private final Workflows workflows;
    private final Tasks tasks;
    private final ApplicationEventPublisher events;
    private final Callers callers;

    StageFlow(
            ProjectService projects,
            ProjectRepository rows,
            StageInstances stages,
            StageMoves moves,
            ActionRecords records,
            Workflows workflows,
            Tasks tasks,
            ApplicationEventPublisher events,
            Callers callers) {
        this.projects = projects;
        this.rows = rows;
        this.stages = stages;
        this.moves = moves;
        this.records = records;
        this.workflows = workflows;
        this.tasks = tasks;
        this.events = events;
        this.callers = callers;
    }

    /** The first stage in progress (entry 1, its template tasks made), the project ACTIVE. */
    @Transactional
    public Project start(UUID projectId, ExpectedVersion expected) {
        Project project = projects.locked(projectId);
        expected.checkIfGiven(project.version());
        if (project.status() != Project.Status.DRAFT) {
            throw new ConflictException("The project was started already; it is " + project.status());
        }
        List<StageInstance> all = stages.findOfProject(projectId);
        if (all.isEmpty()) {
            throw new ConflictException("The project has no stages");
        }
        Instant now = now();
        UUID actor = ProjectService.actor();
        StageInstance first = all.getFirst();
        first.enter(actor, now);
        stages.saveAndFlush(first);
        project.start(first.id(), now);
        rows.saveAndFlush(project);
        moves.save(new StageMove(project, null, first, StageMove.Kind.START, null, actor, now));
        generateTasks(project, first);
        events.publishEvent(
                new ProjectStarted(project.orgId(), project.id(), project.code(), project.orderId(), actor, now));
        announceEntry(project, first, false, actor, now);
        return project;
    }

    /**
     * Forward to the next stage ({@code toStageId} null, or naming the next stage), gated by what the current entry
     * still misses (409 listing it); leaving the last stage completes the project. Back to an earlier stage (or the
     * current one again) with a reason: the stages from there on wait again and the target is entered anew.
     */
    @Transactional
    public Project move(UUID projectId, UUID toStageId, String reason, ExpectedVersion expected) {
        Project project = projects.locked(projectId);
        expected.checkIfGiven(project.version());
        project.requireActive("moved between stages");
        List<StageInstance> all = stages.findOfProject(projectId);
        StageInstance current = all.stream()
                .filter(s -> s.id().equals(project.currentStageId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("An ACTIVE project has a current stage"));
        StageInstance next = all.stream()
                .filter(s -> s.position() > current.position())
                .min(Comparator.comparingInt(StageInstance::position))
                .orElse(null);
        if (toStageId == null || (next != null && named(next, toStageId))) {
            return advance(project, current, next);
        }
        StageInstance target = all.stream()
                .filter(s -> named(s, toStageId))
                .findFirst()
                .orElseThrow(() -> new ValidationException("to_stage_id", "must name a stage of this project"));
        if (target.position() > current.position()) {
            throw new ValidationException(
                    "to_stage_id",
                    "must name the next stage, an earlier one or the current one; stages are not skipped");
        }
        return rework(project, all, current, target, reason(reason));
    }

    private static boolean named(StageInstance stage, UUID id) {
        return stage.id().equals(id) || stage.stageId().equals(id);
    }

    /**
     * Moves an ACTIVE project's stages after its units (see {@link io.traveler.projects.ProjectStages#followUnits}):
     * forward through the stages before {@code earliestOpenPosition} without the project-level gates, back to it
     * as a rework, or to completion when it is null.
     */
    @Transactional
    public void followUnits(UUID projectId, Integer earliestOpenPosition) {
        Project project = projects.locked(projectId);
        if (project.status() != Project.Status.ACTIVE) {
            return;
        }
        List<StageInstance> all = stages.findOfProject(projectId);
        StageInstance current = currentOf(project, all);
        if (earliestOpenPosition != null && earliestOpenPosition < current.position()) {
            StageInstance target = all.stream()
                    .filter(s -> s.position() == earliestOpenPosition)
                    .findFirst()
                    .orElseThrow(() -> new ValidationException("stage_position", "names no stage of the project"));
            rework(project, all, current, target, "A unit went back to " + target.name() + " for rework");
            return;
        }
        while (project.status() == Project.Status.ACTIVE
                && (earliestOpenPosition == null || current.position() < earliestOpenPosition)) {
            StageInstance from = current;
            StageInstance next = all.stream()
                    .filter(s -> s.position() > from.position())
                    .min(Comparator.comparingInt(StageInstance::position))
                    .orElse(null);
            advanceUngated(project, current, next);
            if (next == null) {
                return;
            }
            current = next;
        }
    }

    private static StageInstance currentOf(Project project, List<StageInstance> all) {
        return all.stream()
                .filter(s -> s.id().equals(project.currentStageId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("An ACTIVE project has a current stage"));
    }

    private Project advance(Project project, StageInstance current, StageInstance next) {
        List<Missing> missing = missing(project, current);
        if (!missing.isEmpty()) {
            throw new StageGateException(current.name(), missing);
        }
        return advanceUngated(project, current, next);
    }

    private Project advanceUngated(Project project, StageInstance current, StageInstance next) {
        Instant now = now();
        UUID actor = ProjectService.actor();
        current.finish(actor, now);
        stages.saveAndFlush(current);
        events.publishEvent(new StageCompleted(
                project.orgId(),
                project.id(),
                current.id(),
                current.stageId(),
                current.name(),
                current.position(),
                current.stationId(),
                current.entries(),
                next == null,
                actor,
                now));
        if (next == null) {
            project.complete(now);
            rows.saveAndFlush(project);
            moves.save(new StageMove(project, current, null, StageMove.Kind.COMPLETE, null, actor, now));
            events.publishEvent(
                    new ProjectCompleted(project.orgId(), project.id(), project.code(), project.orderId(), actor, now));
            return project;
        }
        next.enter(actor, now);
        stages.saveAndFlush(next);
        project.enter(next.id());
        rows.saveAndFlush(project);
        moves.save(new StageMove(project, current, next, StageMove.Kind.ADVANCE, null, actor, now));
        generateTasks(project, next);
        announceEntry(project, next, false, actor, now);
        return project;
    }

    private Project rework(
            Project project, List<StageInstance> all, StageInstance current, StageInstance target, String reason) {
        Instant now = now();
        UUID actor = ProjectService.actor();
        for (StageInstance stage : all) {
            if (stage.position() >= target.position() && stage.status() != StageInstance.Status.PENDING) {
                stage.reset(actor);
            }
        }
        stages.saveAllAndFlush(all);
        target.enter(actor, now);
        stages.saveAndFlush(target);
        project.enter(target.id());
        rows.saveAndFlush(project);
        moves.save(new StageMove(project, current, target, StageMove.Kind.REWORK, reason, actor, now));
        generateTasks(project, target);
        announceEntry(project, target, true, actor, now);
        return project;
    }

    private void generateTasks(Project project, StageInstance stage) {
        List<Tasks.TemplateTask> templates = workflows.taskTemplates(stage.stationId()).stream()
                .map(t -> new Tasks.TemplateTask(
                        t.id(),
                        t.title(),
                        t.description(),
                        t.sequence(),
                        t.estimateMinutes(),
                        t.checklistItems(),
                        t.required()))
                .toList();
        if (!templates.isEmpty()) {
            tasks.createForStageEntry(project.id(), stage.id(), stage.entries(), stage.stationId(), templates);
        }
    }

    private void announceEntry(Project project, StageInstance stage, boolean rework, UUID actor, Instant at) {
        events.publishEvent(new StageEntered(
                project.orgId(),
                project.id(),
                stage.id(),
                stage.name(),
                stage.stationId(),
                stage.entries(),
                rework,
                actor,
                at));
    }

    // --- gates -----------------------------------------------------------------------------------------------

    /** What the current stage of an ACTIVE project still misses before it may be left (empty otherwise). */
    @Transactional(readOnly = true)
    public List<Missing> missing(UUID projectId) {
        Project project = projects.project(projectId);
        if (project.status() != Project.Status.ACTIVE || project.currentStageId() == null) {
            return List.of();
        }
        return stages.findById(project.currentStageId())
                .map(stage -> missing(project, stage))
                .orElse(List.of());
    }

    /**
     * The required tasks of the stage's current entry not done, and its required stage actions without a record
     * for this entry (a measurement out of tolerance counts as missing).
     */
    private List<Missing> missing(Project project, StageInstance stage) {
        List<Missing> missing = new ArrayList<>();
        for (Tasks.TaskView task : tasks.openRequired(stage.id(), stage.entries())) {
            missing.add(new Missing("task", task.id(), task.title()));
        }
        Map<UUID, ActionRecord> done = records.findOfEntry(stage.id(), stage.entries()).stream()
                .collect(Collectors.toMap(ActionRecord::actionId, Function.identity()));
        for (StageAction action : actionsOf(project, stage)) {
            if (!action.required()) {
                continue;
            }
            ActionRecord record = done.get(action.id());
            if (record == null) {
                missing.add(new Missing("action", action.id(), action.label()));
            } else if (!record.satisfies()) {
                missing.add(new Missing("action", action.id(), action.label() + " (out of tolerance)"));
            }
        }
        return missing;
    }

    private List<StageAction> actionsOf(Project project, StageInstance stage) {
        return workflows.workflow(project.workflowId()).stream()
                .flatMap(w -> w.stages().stream())
                .filter(s -> s.id().equals(stage.stageId()))
                .findFirst()
                .map(Workflows.Stage::actions)
                .orElse(List.of());
    }

    // --- stage actions ---------------------------------------------------------------------------------------

    /**
     * Records a stage action for the current entry of the stage in progress (again: replaces the earlier record of
     * this entry). A scan needs its {@code value}, a measurement its {@code measured_value} (kept with whether it is
     * within the action's tolerance), a photo its {@code file_key}; a sign-off needs the action's permission.
     */
    @Transactional
    public ActionRecord record(UUID projectId, UUID stageInstanceId, UUID actionId, ActionInput sent) {
        Project project = projects.locked(projectId);
        StageInstance stage = stages.findOfProject(projectId).stream()
                .filter(s -> named(s, stageInstanceId))
                .findFirst()
                .orElseThrow(() -> NotFoundException.of("Stage", stageInstanceId));
        StageAction action = actionsOf(project, stage).stream()
                .filter(a -> a.id().equals(actionId))
                .findFirst()
                .orElseThrow(() -> NotFoundException.of("Stage action", actionId));
        project.requireActive("recorded at");
        if (stage.status() != StageInstance.Status.IN_PROGRESS) {
            throw new ConflictException(
                    "Stage actions are recorded at the stage in progress; " + stage.name() + " is " + stage.status());
        }
        String value = text("value", sent.value());
        BigDecimal measured = null;
        Boolean within = null;
        switch (action.kind()) {
            case SCAN -> {
                if (value == null) {
                    throw new ValidationException("value", "is required: the scanned code");
                }
            }
            case MEASUREMENT -> {
                measured = sent.measuredValue();
                if (measured == null) {
                    throw new ValidationException("measured_value", "is required");
                }
                if (measured.abs().compareTo(new BigDecimal("1000000000000")) >= 0
                        || measured.stripTrailingZeros().scale() > 6) {
                    throw new ValidationException("measured_value", "must be below 10^12 with at most 6 decimals");
                }
                within = withinTolerance(action, measured);
            }
            case PHOTO -> {
                value = text("file_key", sent.fileKey());
                if (value == null) {
                    throw new ValidationException("file_key", "is required: the photo's file key");
                }
            }
            case SIGN_OFF -> requirePermission(action);
            case CHECKLIST -> {}
        }
        ActionRecord record = records.findOne(stage.id(), stage.entries(), action.id())
                .orElseGet(() -> new ActionRecord(stage, action.id(), action.kind()));
        record.record(value, measured, within, ProjectService.actor(), now());
        return records.saveAndFlush(record);
    }

    @Transactional(readOnly = true)
    public List<ActionRecord> records(UUID projectId) {
        projects.project(projectId);
        return records.findOfProject(projectId);
    }

    @Transactional(readOnly = true)
    public List<StageMove> moves(UUID projectId) {
        projects.project(projectId);
        return moves.findOfProject(projectId);
    }

    static boolean withinTolerance(StageAction action, BigDecimal measured) {
        if (action.targetValue() == null || action.tolerance() == null) {
            return true;
        }
        return measured.subtract(action.targetValue())
                        .abs()
                        .compareTo(action.tolerance().abs())
                <= 0;
    }

    private void requirePermission(StageAction action) {
        if (action.permission() == null || action.permission().isBlank()) {
            return;
        }
        callers.require(action.permission(), "Signing off " + action.label());
    }

    private static String reason(String reason) {
        String trimmed = reason == null || reason.isBlank() ? null : reason.strip();
        if (trimmed == null) {
            throw new ValidationException("reason", "is required to go back to an earlier stage");
        }
        if (trimmed.length() > MAX_REASON) {
            throw new ValidationException("reason", "must be at most " + MAX_REASON + " characters");
        }
        return trimmed;
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_VALUE) {
            throw new ValidationException(field, "must be at most " + MAX_VALUE + " characters");
        }
        return value.strip();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
