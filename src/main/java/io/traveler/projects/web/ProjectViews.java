package io.traveler.projects.web;

import io.traveler.projects.internal.ActionRecord;
import io.traveler.projects.internal.DesignDoc;
import io.traveler.projects.internal.Project;
import io.traveler.projects.internal.ProjectProgress;
import io.traveler.projects.internal.StageFlow;
import io.traveler.projects.internal.StageInstance;
import io.traveler.projects.internal.StageMove;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.web.JsonObjects;
import io.traveler.tasks.Tasks;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The JSON of projects, their stages, moves, records, documents, tasks and time: enum values in lower case. */
final class ProjectViews {
    private ProjectViews() {}

    static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /** An enum value as sent, in any case; 422 on {@code field} naming the values allowed. */
    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
                    .map(ProjectViews::lower)
                    .toList();
            throw new ValidationException(field, "must be one of " + String.join(", ", allowed));
        }
    }

    record StageView(
            UUID id,
            UUID stageId,
            int position,
            String name,
            UUID stationId,
            int expectedMinutes,
            String status,
            int entries,
            Instant startedAt,
            Instant endedAt,
            UUID movedBy) {
        static StageView of(StageInstance s) {
            return new StageView(
                    s.id(),
                    s.stageId(),
                    s.position(),
                    s.name(),
                    s.stationId(),
                    s.expectedMinutes(),
                    lower(s.status()),
                    s.entries(),
                    s.startedAt(),
                    s.endedAt(),
                    s.movedBy());
        }
    }

    /** A project in a list: no stages. */
    record ProjectSummary(
            UUID id,
            String code,
            String name,
            String status,
            UUID customerId,
            UUID orderId,
            UUID orderLineId,
            UUID productId,
            UUID bomId,
            UUID workflowId,
            BigDecimal quantity,
            LocalDate dueDate,
            BigDecimal estimatedPrice,
            BigDecimal estimatedCost,
            UUID currentStageId,
            Instant startedAt,
            Instant completedAt,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        static ProjectSummary of(Project p) {
            return new ProjectSummary(
                    p.id(),
                    p.code(),
                    p.name(),
                    lower(p.status()),
                    p.customerId(),
                    p.orderId(),
                    p.orderLineId(),
                    p.productId(),
                    p.bomId(),
                    p.workflowId(),
                    p.quantity(),
                    p.dueDate(),
                    p.estimatedPrice(),
                    p.estimatedCost(),
                    p.currentStageId(),
                    p.startedAt(),
                    p.completedAt(),
                    p.version(),
                    p.createdAt(),
                    p.updatedAt());
        }
    }

    /** A project with its stages, the one in progress, and what still keeps it from being left. */
    record ProjectDetail(
            UUID id,
            String code,
            String name,
            String status,
            UUID customerId,
            UUID orderId,
            UUID orderLineId,
            UUID productId,
            UUID bomId,
            UUID workflowId,
            BigDecimal quantity,
            LocalDate dueDate,
            BigDecimal estimatedPrice,
            BigDecimal estimatedCost,
            BigDecimal materialsCost,
            String notes,
            UUID currentStageId,
            StageView currentStage,
            List<StageView> stages,
            List<MissingView> missing,
            Instant startedAt,
            Instant completedAt,
            UUID createdBy,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        static ProjectDetail of(Project p, List<StageInstance> stages, List<StageFlow.Missing> missing) {
            List<StageView> views = stages.stream().map(StageView::of).toList();
            StageView current = views.stream()
                    .filter(s -> s.id().equals(p.currentStageId()))
                    .findFirst()
                    .orElse(null);
            return new ProjectDetail(
                    p.id(),
                    p.code(),
                    p.name(),
                    lower(p.status()),
                    p.customerId(),
                    p.orderId(),
                    p.orderLineId(),
                    p.productId(),
                    p.bomId(),
                    p.workflowId(),
                    p.quantity(),
                    p.dueDate(),
                    p.estimatedPrice(),
                    p.estimatedCost(),
                    p.materialsCost(),
                    p.notes(),
                    p.currentStageId(),
                    current,
                    views,
                    missing.stream().map(MissingView::of).toList(),
                    p.startedAt(),
                    p.completedAt(),
                    p.createdBy(),
                    p.version(),
                    p.createdAt(),
                    p.updatedAt());
        }
    }

    record MissingView(String kind, UUID id, String title) {
        static MissingView of(StageFlow.Missing m) {
            return new MissingView(m.kind(), m.id(), m.title());
        }
    }

    record MoveView(UUID id, String kind, UUID fromStageId, UUID toStageId, String reason, UUID actorId, Instant at) {
        static MoveView of(StageMove m) {
            return new MoveView(
                    m.id(), lower(m.kind()), m.fromStageId(), m.toStageId(), m.reason(), m.actorId(), m.at());
        }
    }

    record ActionRecordView(
            UUID id,
            UUID stageInstanceId,
            int stageEntry,
            UUID actionId,
            String kind,
            String value,
            BigDecimal measuredValue,
            Boolean withinTolerance,
            UUID actorId,
            Instant at) {
        static ActionRecordView of(ActionRecord r) {
            return new ActionRecordView(
                    r.id(),
                    r.stageInstanceId(),
                    r.stageEntry(),
                    r.actionId(),
                    lower(r.kind()),
                    r.valueText(),
                    r.measuredValue(),
                    r.withinTolerance(),
                    r.actorId(),
                    r.at());
        }
    }

    record DesignDocView(
            UUID id,
            UUID projectId,
            String fileKey,
            String fileName,
            String contentType,
            Long sizeBytes,
            JsonNode metadata,
            UUID createdBy,
            Instant createdAt) {
        static DesignDocView of(DesignDoc d) {
            return new DesignDocView(
                    d.id(),
                    d.projectId(),
                    d.fileKey(),
                    d.fileName(),
                    d.contentType(),
                    d.sizeBytes(),
                    JsonObjects.read(d.metadata()),
                    d.createdBy(),
                    d.createdAt());
        }
    }

    record ChecklistItemView(UUID id, int position, String label, boolean done) {}

    record TaskView(
            UUID id,
            UUID projectId,
            UUID stageInstanceId,
            Integer stageEntry,
            UUID templateId,
            String title,
            String description,
            int sequence,
            String assigneeType,
            UUID stationId,
            UUID employeeId,
            String status,
            boolean required,
            Integer estimateMinutes,
            LocalDate dueDate,
            String recurrenceRule,
            List<UUID> dependsOn,
            List<ChecklistItemView> checklist,
            Instant startedAt,
            Instant completedAt,
            long version) {
        static TaskView of(Tasks.TaskView t) {
            return new TaskView(
                    t.id(),
                    t.projectId(),
                    t.stageInstanceId(),
                    t.stageEntry(),
                    t.templateId(),
                    t.title(),
                    t.description(),
                    t.sequence(),
                    lower(t.assigneeType()),
                    t.stationId(),
                    t.employeeId(),
                    lower(t.status()),
                    t.required(),
                    t.estimateMinutes(),
                    t.dueDate(),
                    t.recurrenceRule(),
                    t.dependsOn() == null ? List.of() : t.dependsOn(),
                    t.checklist() == null
                            ? List.of()
                            : t.checklist().stream()
                                    .map(c -> new ChecklistItemView(c.id(), c.position(), c.label(), c.done()))
                                    .toList(),
                    t.startedAt(),
                    t.completedAt(),
                    t.version());
        }
    }

    record StageTimeView(
            UUID stageInstanceId,
            String name,
            int position,
            String status,
            int plannedMinutes,
            BigDecimal actualMinutes,
            BigDecimal labourCost) {}

    record TimeView(
            BigDecimal totalMinutes,
            BigDecimal labourCost,
            BigDecimal materialsCost,
            int plannedMinutes,
            BigDecimal unstagedMinutes,
            List<StageTimeView> stages) {
        static TimeView of(ProjectProgress.ProjectTime t) {
            return new TimeView(
                    t.totalMinutes(),
                    t.labourCost(),
                    t.materialsCost(),
                    t.plannedMinutes(),
                    t.unstagedMinutes(),
                    t.stages().stream()
                            .map(s -> new StageTimeView(
                                    s.stageInstanceId(),
                                    s.name(),
                                    s.position(),
                                    lower(s.status()),
                                    s.plannedMinutes(),
                                    s.actualMinutes(),
                                    s.labourCost()))
                            .toList());
        }
    }
}
