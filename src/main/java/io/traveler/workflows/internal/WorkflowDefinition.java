package io.traveler.workflows.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A workflow as a client or the editor sends it: its name and its stages in order, each with its actions. Enum
 * values (the action kinds) are read case-insensitively; {@link WorkflowRules} checks it all and names the fields.
 */
public record WorkflowDefinition(String name, String description, List<StageDefinition> stages) {
    public record StageDefinition(
            String name,
            UUID stationId,
            Integer expectedMinutes,
            UUID requiredQcProcessId,
            List<ActionDefinition> actions) {}

    public record ActionDefinition(
            String kind,
            String label,
            Boolean required,
            List<String> checklistItems,
            String unit,
            BigDecimal targetValue,
            BigDecimal tolerance,
            String permission) {}
}
