package io.traveler.configurator.internal;

import io.traveler.catalog.Catalog;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rules as data, of a product or of a category. A rule is saved only when its condition and every CEL value of its
 * actions compile against the product's options (a category's rule against any values), its actions fit its type
 * and the components they name exist: a 422 naming the field and, for CEL, the line and column.
 */
@Service
public class RuleService {
    /** The most rules one product or category has. */
    public static final int MAX_RULES = 1000;

    static final int DEFAULT_PRIORITY = 100;
    static final int MAX_PRIORITY = 1_000_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A rule as sent: on creation exactly one of {@code productId} and {@code categoryId}; on a change a null
     * field is left as it was (the scope never changes). {@code actionsJson} is the JSON array text of the actions,
     * {@code exampleValuesJson} the JSON object text of example values.
     */
    public record RuleRequest(
            UUID productId,
            UUID categoryId,
            String name,
            String description,
            ConfigurationRule.Type type,
            Integer priority,
            String condition,
            String actionsJson,
            Boolean active,
            String exampleValuesJson) {}

    private final ConfigurationRules rules;
    private final OptionService options;
    private final Catalog catalog;
    private final Expressions expressions;

    RuleService(ConfigurationRules rules, OptionService options, Catalog catalog, Expressions expressions) {
        this.rules = rules;
        this.options = options;
        this.catalog = catalog;
        this.expressions = expressions;
    }

    @Transactional
    public ConfigurationRule create(RuleRequest r) {
        if ((r.productId() == null) == (r.categoryId() == null)) {
            throw new ValidationException("product_id", "give either product_id or category_id");
        }
        Map<String, Expressions.ValueType> types = scopeTypes(r.productId(), r.categoryId());
        ConfigurationRule.Definition d = check(
                new ConfigurationRule.Definition(
                        r.name(),
                        r.description(),
                        r.type(),
                        r.priority() == null ? DEFAULT_PRIORITY : r.priority(),
                        r.condition() == null ? "true" : r.condition(),
                        r.actionsJson(),
                        r.active() == null || r.active(),
                        r.exampleValuesJson()),
                types);
        if (countInScope(r.productId(), r.categoryId()) >= MAX_RULES) {
            throw new io.traveler.shared.errors.ConflictException(
                    "A product or category has at most " + MAX_RULES + " rules");
        }
        return rules.saveAndFlush(new ConfigurationRule(r.productId(), r.categoryId(), d));
    }

    @Transactional
    public ConfigurationRule change(UUID id, ExpectedVersion expected, RuleRequest r) {
        ConfigurationRule rule = rule(id);
        if ((r.productId() != null && !Objects.equals(r.productId(), rule.productId()))
                || (r.categoryId() != null && !Objects.equals(r.categoryId(), rule.categoryId()))) {
            throw new ValidationException(
                    r.productId() != null ? "product_id" : "category_id", "a rule's product or category never changes");
        }
        ConfigurationRule.Definition was = rule.definition();
        ConfigurationRule.Definition d = check(
                new ConfigurationRule.Definition(
                        r.name() == null ? was.name() : r.name(),
                        r.description() == null ? was.description() : r.description(),
                        r.type() == null ? was.type() : r.type(),
                        r.priority() == null ? was.priority() : r.priority(),
                        r.condition() == null ? was.condition() : r.condition(),
                        r.actionsJson() == null ? was.actions() : r.actionsJson(),
                        r.active() == null ? was.active() : r.active(),
                        r.exampleValuesJson() == null ? was.exampleValues() : r.exampleValuesJson()),
                scopeTypes(rule.productId(), rule.categoryId()));
        return VersionedChanges.change(rules, rule, expected, changed -> changed.define(d));
    }

    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        VersionedChanges.delete(rules, rule(id), expected);
    }

    @Transactional(readOnly = true)
    public ConfigurationRule rule(UUID id) {
        return rules.findById(id).orElseThrow(() -> NotFoundException.of("Rule", id));
    }

    /** The rules that apply to the product, its own and its category's, active or not, in priority order. */
    @Transactional(readOnly = true)
    public List<ConfigurationRule> rulesOf(UUID productId) {
        Catalog.ProductRef product =
                catalog.productRef(productId).orElseThrow(() -> NotFoundException.of("Product", productId));
        return rules.applyingTo(productId, product.categoryId());
    }

    /** The rules of a category (those every product of it follows), in priority order. */
    @Transactional(readOnly = true)
    public List<ConfigurationRule> rulesOfCategory(UUID categoryId) {
        if (!catalog.categoryExists(categoryId)) {
            throw NotFoundException.of("Category", categoryId);
        }
        return rules.ofCategory(categoryId);
    }

    /**
     * A rule as written, checked against the product's options ({@code types}; null for a category's rule) as
     * {@link #create} checks it, without saving it: what the test console runs. Field names start with {@code
     * prefix} ({@code rules[0].}).
     */
    public ConfigurationRule.Definition check(
            ConfigurationRule.Definition d, Map<String, Expressions.ValueType> types) {
        return check(d, types, "");
    }

    public ConfigurationRule.Definition check(
            ConfigurationRule.Definition d, Map<String, Expressions.ValueType> types, String prefix) {
        return check(expressions, d, types, prefix);
    }

    /** As {@link #check}, for a rule tried and not saved: its compiled expressions are kept in no cache. */
    ConfigurationRule.Definition checkUnsaved(
            ConfigurationRule.Definition d, Map<String, Expressions.ValueType> types, String prefix) {
        return check(expressions.uncached(), d, types, prefix);
    }

    private ConfigurationRule.Definition check(
            Expressions expressions,
            ConfigurationRule.Definition d,
            Map<String, Expressions.ValueType> types,
            String prefix) {
        String name = d.name() == null ? null : d.name().trim();
        if (name == null || name.isEmpty()) {
            throw new ValidationException(prefix + "name", "is required");
        }
        if (name.length() > 200) {
            throw new ValidationException(prefix + "name", "must be at most 200 characters");
        }
        if (d.description() != null && d.description().length() > 4000) {
            throw new ValidationException(prefix + "description", "must be at most 4000 characters");
        }
        if (d.type() == null) {
            throw new ValidationException(
                    prefix + "type",
                    "is required (VALIDATION, COMPATIBILITY, COMPONENT_SELECTION, PRICING or CUSTOM_PART)");
        }
        if (Math.abs((long) d.priority()) > MAX_PRIORITY) {
            throw new ValidationException(prefix + "priority", "must be between -1000000 and 1000000");
        }
        expressions.compile(prefix + "condition", d.condition(), Expressions.Result.BOOL, types);
        List<RuleActions.Action> actions =
                RuleActions.parse(expressions, d.type(), d.actions(), types, prefix + "actions");
        requireComponents(actions, prefix + "actions");
        String examples = exampleValues(prefix + "example_values", d.exampleValues());
        return new ConfigurationRule.Definition(
                name,
                d.description() == null || d.description().isBlank() ? null : d.description(),
                d.type(),
                d.priority(),
                d.condition(),
                JSON.readTree(d.actions()).toString(),
                d.active(),
                examples);
    }

    private void requireComponents(List<RuleActions.Action> actions, String field) {
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i) instanceof RuleActions.ComponentAction c) {
                String at = field + "[" + i + "]." + c.kind().name().toLowerCase();
                if (c.kind() == Evaluation.ChangeKind.ADD) {
                    requireComponent(at + ".component_id", c.componentType(), c.componentId());
                } else {
                    if (!catalog.partExists(c.componentId()) && !catalog.productExists(c.componentId())) {
                        throw new ValidationException(at + ".component_id", "names no part or product");
                    }
                    if (c.kind() == Evaluation.ChangeKind.REPLACE) {
                        requireComponent(at + ".with.component_id", c.componentType(), c.newComponentId());
                    }
                }
            }
        }
    }

    private void requireComponent(String field, Catalog.ComponentType type, UUID id) {
        boolean exists = type == Catalog.ComponentType.PRODUCT ? catalog.productExists(id) : catalog.partExists(id);
        if (!exists) {
            throw new ValidationException(field, "names no " + type.name().toLowerCase());
        }
    }

    private static String exampleValues(String field, String json) {
        if (json == null || json.isBlank()) {
            return "{}";
        }
        if (json.length() > 100_000) {
            throw new ValidationException(field, "is too long");
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node.isNull()) {
                return "{}";
            }
            if (!node.isObject()) {
                throw new ValidationException(field, "must be a JSON object of values by option code");
            }
            return node.toString();
        } catch (JacksonException e) {
            throw new ValidationException(field, "must be a JSON object of values by option code");
        }
    }

    private Map<String, Expressions.ValueType> scopeTypes(UUID productId, UUID categoryId) {
        if (productId != null) {
            return options.typesOf(productId);
        }
        if (!catalog.categoryExists(categoryId)) {
            throw NotFoundException.of("Category", categoryId);
        }
        return null;
    }

    private long countInScope(UUID productId, UUID categoryId) {
        return productId != null ? rules.countByProductId(productId) : rules.countByCategoryId(categoryId);
    }
}
