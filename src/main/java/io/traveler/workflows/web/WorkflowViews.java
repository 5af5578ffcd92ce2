package io.traveler.workflows.web;

import io.traveler.accounts.Accounts;
import io.traveler.workflows.Workflows;
import io.traveler.workflows.internal.StationTaskTemplate;
import io.traveler.workflows.internal.WorkflowSnapshot;
import io.traveler.workflows.internal.WorkflowVersion;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The workflows module's JSON: snake_case fields, enum values in lower case. */
final class WorkflowViews {
    private WorkflowViews() {}

    static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /** A status named in any case; null when none was given, a 422 naming {@code field} when it is no status. */
    static WorkflowVersion.Status statusOf(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (WorkflowVersion.Status status : WorkflowVersion.Status.values()) {
            if (status.name().equalsIgnoreCase(text.strip())) {
                return status;
            }
        }
        throw new io.traveler.shared.errors.ValidationException(
                field, "must be one of draft, active, superseded, archived");
    }

    record ActionView(
            UUID id,
            int position,
            String kind,
            String label,
            boolean required,
            List<String> checklistItems,
            String unit,
            BigDecimal targetValue,
            BigDecimal tolerance,
            String permission) {
        static ActionView of(Workflows.StageAction a) {
            return new ActionView(
                    a.id(),
                    a.position(),
                    lower(a.kind()),
                    a.label(),
                    a.required(),
                    a.checklistItems(),
                    a.unit(),
                    a.targetValue(),
                    a.tolerance(),
                    a.permission());
        }
    }

    record StageView(
            UUID id,
            int position,
            String name,
            UUID stationId,
            String stationName,
            int expectedMinutes,
            UUID requiredQcProcessId,
            List<ActionView> actions) {
        static StageView of(Workflows.Stage s, Map<UUID, Accounts.StationRef> stations) {
            var station = stations.get(s.stationId());
            return new StageView(
                    s.id(),
                    s.position(),
                    s.name(),
                    s.stationId(),
                    station == null ? null : station.name(),
                    s.expectedMinutes(),
                    s.requiredQcProcessId(),
                    s.actions().stream().map(ActionView::of).toList());
        }
    }

    record WorkflowView(
            UUID id,
            UUID familyId,
            int versionNo,
            String name,
            String description,
            String status,
            int expectedMinutes,
            List<StageView> stages,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        static WorkflowView of(WorkflowSnapshot w, Map<UUID, Accounts.StationRef> stations) {
            return new WorkflowView(
                    w.id(),
                    w.familyId(),
                    w.versionNo(),
                    w.name(),
                    w.description(),
                    lower(w.status()),
                    w.totalExpectedMinutes(),
                    w.stages().stream().map(s -> StageView.of(s, stations)).toList(),
                    w.version(),
                    w.createdAt(),
                    w.updatedAt());
        }
    }

    /** A version in a list: without its stages' actions. */
    record WorkflowSummary(
            UUID id,
            UUID familyId,
            int versionNo,
            String name,
            String status,
            int stageCount,
            int expectedMinutes,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        static WorkflowSummary of(WorkflowSnapshot w) {
            return new WorkflowSummary(
                    w.id(),
                    w.familyId(),
                    w.versionNo(),
                    w.name(),
                    lower(w.status()),
                    w.stages().size(),
                    w.totalExpectedMinutes(),
                    w.version(),
                    w.createdAt(),
                    w.updatedAt());
        }
    }

    record TemplateView(
            UUID id,
            UUID stationId,
            String title,
            String description,
            int sequence,
            Integer estimateMinutes,
            List<String> checklistItems,
            boolean required,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        static TemplateView of(StationTaskTemplate t) {
            return new TemplateView(
                    t.id(),
                    t.stationId(),
                    t.title(),
                    t.description(),
                    t.sequence(),
                    t.estimateMinutes(),
                    t.checklistItems(),
                    t.required(),
                    t.version(),
                    t.createdAt(),
                    t.updatedAt());
        }
    }
}
