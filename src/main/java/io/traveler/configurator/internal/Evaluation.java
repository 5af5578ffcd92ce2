package io.traveler.configurator.internal;

import io.traveler.catalog.Catalog;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a product's rules make of one set of values: the values as the rules saw them (defaults filled in, hidden
 * options left out), whether they are valid and why not, the price, the rules that fired and why, and what BOM
 * generation will do with them (component changes and custom parts, in the order the rules fired).
 *
 * @param values the values by option code, as expressions saw them ({@link Expressions#value})
 * @param price the product's base price (zero when it has none) after every PRICING rule that fired
 * @param skipped active rules not applied, and why (a value they need is missing, or they failed to evaluate)
 */
public record Evaluation(
        Map<String, Object> values,
        boolean valid,
        List<Problem> errors,
        BigDecimal price,
        List<Firing> fired,
        List<ComponentChange> components,
        List<CustomPartSpec> customParts,
        List<Skipped> skipped) {

    /** An error: of an option ({@code option} its code), of a rule ({@code ruleId}), or of both. */
    public record Problem(String option, UUID ruleId, String message) {}

    /** A rule whose condition held: what it did, in words ({@code effects}), and the condition that held. */
    public record Firing(
            UUID ruleId,
            String name,
            ConfigurationRule.Type type,
            int priority,
            String condition,
            List<String> effects) {}

    public enum ChangeKind {
        ADD,
        REMOVE,
        REPLACE
    }

    /**
     * A COMPONENT_SELECTION action: ADD the component ({@code quantity} per product), REMOVE every base line of
     * {@code componentId}, or REPLACE every base line of {@code componentId} by the component given (its quantity,
     * or the replaced line's when {@code quantity} is null).
     */
    public record ComponentChange(
            UUID ruleId,
            ChangeKind kind,
            UUID componentId,
            Catalog.ComponentType componentType,
            UUID newComponentId,
            BigDecimal quantity) {}

    /** A CUSTOM_PART action, computed: the part to mint (or reuse) and how many go into one product. */
    public record CustomPartSpec(
            UUID ruleId,
            String name,
            BigDecimal unitCost,
            BigDecimal quantity,
            String unitOfMeasure,
            Map<String, Object> specifications) {}

    public record Skipped(UUID ruleId, String name, String reason) {}
}
