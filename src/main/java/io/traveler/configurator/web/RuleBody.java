package io.traveler.configurator.web;

import io.traveler.configurator.internal.ConfigurationRule;
import io.traveler.configurator.internal.RuleService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A rule as sent: of a product ({@code product_id}) or of a category ({@code category_id}); {@code actions} a JSON
 * array of actions of its type, {@code example_values} a JSON object of values by option code.
 */
record RuleBody(
        UUID productId,
        UUID categoryId,
        @Size(max = 200) String name,
        @Size(max = 4000) String description,
        ConfigurationRule.Type type,
        @Min(-1_000_000) @Max(1_000_000) Integer priority,
        @Size(max = 4000) String condition,
        JsonNode actions,
        Boolean active,
        JsonNode exampleValues) {

    RuleService.RuleRequest request() {
        return new RuleService.RuleRequest(
                productId,
                categoryId,
                name,
                description,
                type,
                priority,
                condition,
                json(actions),
                active,
                json(exampleValues));
    }

    private static String json(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.toString();
    }
}
