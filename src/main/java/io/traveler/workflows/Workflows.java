package io.traveler.workflows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What other modules may ask the workflows module, in the current organization. */
public interface Workflows {
    enum ActionKind {
        SCAN,
        CHECKLIST,
        MEASUREMENT,
        PHOTO,
        SIGN_OFF
    }

    /** What must be done at a stage before it may be left. */
    record StageAction(
            UUID id,
            int position,
            ActionKind kind,
            String label,
            boolean required,
            List<String> checklistItems,
            String unit,
            BigDecimal targetValue,
            BigDecimal tolerance,
            String permission) {}

    record Stage(
            UUID id,
            int position,
            String name,
            UUID stationId,
            int expectedMinutes,
            UUID requiredQcProcessId,
            List<StageAction> actions) {}

    /** One version of a workflow, its stages in order. */
    record Workflow(UUID id, UUID familyId, int versionNo, String name, String status, List<Stage> stages) {}

    /** A task a station always does when one of its stages becomes active. */
    record TaskTemplate(
            UUID id,
            UUID stationId,
            String title,
            String description,
            int sequence,
            Integer estimateMinutes,
            List<String> checklistItems,
            boolean required) {}

    /** This version of a workflow, whatever its status (a running project keeps a superseded version). */
    Optional<Workflow> workflow(UUID workflowId);

    /** The ACTIVE version of the workflow family that {@code workflowId} (any of its versions) belongs to. */
    Optional<Workflow> activeVersionOf(UUID workflowId);

    /** A workflow version as a list or a picker names it. */
    record WorkflowSummary(UUID id, UUID familyId, int versionNo, String name, String status) {}

    /** These versions (any status) of the current organization's workflows, in one query. */
    List<WorkflowSummary> summaries(java.util.Collection<UUID> workflowIds);

    /** The ACTIVE versions, by name: what a new project may run. */
    List<WorkflowSummary> activeWorkflows();

    /** The station's task templates, by sequence. */
    List<TaskTemplate> taskTemplates(UUID stationId);
}
