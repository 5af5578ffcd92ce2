package io.traveler.workflows.internal;

import io.traveler.workflows.Workflows;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One workflow version read whole inside its transaction: what the API, the pages and other modules are given. */
public record WorkflowSnapshot(
        UUID id,
        UUID familyId,
        int versionNo,
        String name,
        String description,
        WorkflowVersion.Status status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        UUID createdBy,
        List<Workflows.Stage> stages) {

    static WorkflowSnapshot of(WorkflowVersion w) {
        return new WorkflowSnapshot(
                w.id(),
                w.familyId(),
                w.versionNo(),
                w.name(),
                w.description(),
                w.status(),
                w.version(),
                w.createdAt(),
                w.updatedAt(),
                w.createdBy(),
                w.stages().stream().map(WorkflowSnapshot::stageOf).toList());
    }

    private static Workflows.Stage stageOf(WorkflowStage s) {
        return new Workflows.Stage(
                s.id(),
                s.position(),
                s.name(),
                s.stationId(),
                s.expectedMinutes(),
                s.requiredQcProcessId(),
                s.actions().stream().map(WorkflowSnapshot::actionOf).toList());
    }

    private static Workflows.StageAction actionOf(WorkflowStageAction a) {
        return new Workflows.StageAction(
                a.id(),
                a.position(),
                a.kind(),
                a.label(),
                a.required(),
                a.checklistItems(),
                a.unit(),
                a.targetValue(),
                a.tolerance(),
                a.permission());
    }

    /** The facade's form: the status as stored (upper case). */
    Workflows.Workflow toFacade() {
        return new Workflows.Workflow(id, familyId, versionNo, name, status.name(), stages);
    }

    public int totalExpectedMinutes() {
        return stages.stream().mapToInt(Workflows.Stage::expectedMinutes).sum();
    }
}
