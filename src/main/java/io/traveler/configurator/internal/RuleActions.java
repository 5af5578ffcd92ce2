package io.traveler.configurator.internal;

import io.traveler.catalog.Catalog;
import io.traveler.shared.errors.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rule's actions, read from their JSON and compiled: what a rule of each type may do, each CEL value checked
 * against the product's options. Refused with a 422 naming the action's field ({@code actions[1].price_add}).
 */
public final class RuleActions {
    /** The most actions one rule holds. */
    public static final int MAX_ACTIONS = 50;

    static final int MAX_MESSAGE = 500;
    static final int MAX_SPECIFICATIONS = 50;
    static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RuleActions() {}

    /** One thing a rule does when its condition holds. */
    public sealed interface Action {}

    /** VALIDATION: the configuration is not valid, for this reason. */
    public record Refusal(String message) implements Action {}

    /**
     * COMPATIBILITY: the option's value must be one of {@code values} ({@code excludes} false), or none of them
     * ({@code excludes} true); {@code message} null for the default wording.
     */
    public record Compatibility(String option, boolean excludes, List<Object> values, String message)
            implements Action {}

    /** PRICING: the price so far plus, or times, the computed number. */
    public record PriceChange(boolean multiply, Expressions.Compiled amount) implements Action {}

    /** A quantity as written: a fixed number, or a CEL expression computing it. */
    public record Quantity(BigDecimal fixed, Expressions.Compiled computed) {}

    /** COMPONENT_SELECTION: a component added, removed, or replaced by another. */
    public record ComponentAction(
            Evaluation.ChangeKind kind,
            UUID componentId,
            Catalog.ComponentType componentType,
            UUID newComponentId,
            Quantity quantity)
            implements Action {}

    /** CUSTOM_PART: the part to mint or reuse, each part of it computed from the values. */
    public record CustomPart(
            Expressions.Compiled name,
            Expressions.Compiled unitCost,
            Expressions.Compiled quantity,
            Map<String, Expressions.Compiled> specifications,
            String unitOfMeasure)
            implements Action {}

    /**
     * Reads and compiles the actions of a rule of {@code type}. {@code options} types the product's options (null:
     * a category's rule, any code may be named); {@code choices} the values of each CHOICE option, to check a
     * COMPATIBILITY rule's values (null: not checked).
     */
    public static List<Action> parse(
            Expressions expressions,
            ConfigurationRule.Type type,
            String actionsJson,
            Map<String, Expressions.ValueType> options,
            String field) {
        JsonNode root = read(field, actionsJson);
        if (!root.isArray()) {
            throw new ValidationException(field, "must be a JSON array of actions");
        }
        if (root.isEmpty()) {
            throw new ValidationException(field, "must hold at least one action");
        }
        if (root.size() > MAX_ACTIONS) {
            throw new ValidationException(field, "must hold at most " + MAX_ACTIONS + " actions");
        }
        List<Action> actions = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            String at = field + "[" + i + "]";
            JsonNode node = root.get(i);
            if (!node.isObject()) {
                throw new ValidationException(at, "must be a JSON object");
            }
            actions.add(new Reader(expressions, options, at, node).read(type));
        }
        return List.copyOf(actions);
    }

    /** The JSON text of an actions array; null or blank is refused. */
    static JsonNode read(String field, String json) {
        if (json == null || json.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            throw new ValidationException(field, "must be JSON");
        }
    }

    private record Reader(
            Expressions expressions, Map<String, Expressions.ValueType> options, String at, JsonNode node) {

        Action read(ConfigurationRule.Type type) {
            return switch (type) {
                case VALIDATION -> refusal();
                case COMPATIBILITY -> compatibility();
                case PRICING -> priceChange();
                case COMPONENT_SELECTION -> componentAction();
                case CUSTOM_PART -> customPart();
            };
        }

        private Action refusal() {
            only("error");
            return new Refusal(message("error", true));
        }

        private Action compatibility() {
            only("option", "requires", "excludes", "error");
            String option = text("option");
            if (options != null && !options.containsKey(option)) {
                throw new ValidationException(at + ".option", "the product has no option '" + option + "'");
            }
            boolean requires = node.has("requires");
            boolean excludes = node.has("excludes");
            if (requires == excludes) {
                throw new ValidationException(at, "must have either \"requires\" or \"excludes\"");
            }
            String key = requires ? "requires" : "excludes";
            JsonNode list = node.get(key);
            if (!list.isArray() || list.isEmpty() || list.size() > 200) {
                throw new ValidationException(at + "." + key, "must be a list of 1 to 200 values");
            }
            List<Object> values = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                JsonNode value = list.get(i);
                Object plain = scalar(value);
                if (plain == null) {
                    throw new ValidationException(at + "." + key + "[" + i + "]", "must be a text, number or bool");
                }
                Expressions.ValueType expected = options == null ? null : options.get(option);
                if (expected != null && !fits(expected, plain)) {
                    throw new ValidationException(
                            at + "." + key + "[" + i + "]",
                            "must be a " + expected.name().toLowerCase() + " as the option '" + option + "' is");
                }
                values.add(plain);
            }
            return new Compatibility(option, excludes, List.copyOf(values), message("error", false));
        }

        private Action priceChange() {
            only("price_add", "price_multiply");
            boolean add = node.has("price_add");
            if (add == node.has("price_multiply")) {
                throw new ValidationException(at, "must have either \"price_add\" or \"price_multiply\"");
            }
            String key = add ? "price_add" : "price_multiply";
            return new PriceChange(!add, cel(key, Expressions.Result.NUMBER));
        }

        private Action componentAction() {
            only("add", "remove", "replace");
            if (node.size() != 1) {
                throw new ValidationException(at, "must have one of \"add\", \"remove\" or \"replace\"");
            }
            if (node.has("add")) {
                Reader add = nested("add");
                add.only("component_type", "component_id", "quantity");
                return new ComponentAction(
                        Evaluation.ChangeKind.ADD,
                        add.uuid("component_id"),
                        add.componentType(),
                        null,
                        add.quantity(true));
            }
            if (node.has("remove")) {
                Reader remove = nested("remove");
                remove.only("component_id");
                return new ComponentAction(Evaluation.ChangeKind.REMOVE, remove.uuid("component_id"), null, null, null);
            }
            Reader replace = nested("replace");
            replace.only("component_id", "with");
            Reader with = replace.nested("with");
            with.only("component_type", "component_id", "quantity");
            return new ComponentAction(
                    Evaluation.ChangeKind.REPLACE,
                    replace.uuid("component_id"),
                    with.componentType(),
                    with.uuid("component_id"),
                    with.quantity(false));
        }

        private Action customPart() {
            only("custom_part");
            Reader part = nested("custom_part");
            part.only("name", "unit_cost", "quantity", "specifications", "unit_of_measure");
            Map<String, Expressions.Compiled> specifications = new LinkedHashMap<>();
            if (part.node.has("specifications")
                    && !part.node.get("specifications").isNull()) {
                Reader specs = part.nested("specifications");
                if (specs.node.size() > MAX_SPECIFICATIONS) {
                    throw new ValidationException(
                            specs.at, "must hold at most " + MAX_SPECIFICATIONS + " specifications");
                }
                for (String key : specs.node.propertyNames()) {
                    if (key.isBlank() || key.length() > 100) {
                        throw new ValidationException(specs.at, "keys must be 1 to 100 characters");
                    }
                    specifications.put(key, specs.cel(key, Expressions.Result.TEXT));
                }
            }
            String unit = part.node.has("unit_of_measure") ? part.text("unit_of_measure") : "EA";
            if (unit.length() > 20) {
                throw new ValidationException(part.at + ".unit_of_measure", "must be at most 20 characters");
            }
            return new CustomPart(
                    part.cel("name", Expressions.Result.TEXT),
                    part.cel("unit_cost", Expressions.Result.NUMBER),
                    part.node.has("quantity")
                            ? part.cel("quantity", Expressions.Result.NUMBER)
                            : expressions.compile(part.at + ".quantity", "1", Expressions.Result.NUMBER, options),
                    Map.copyOf(specifications),
                    unit);
        }

        private Reader nested(String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.isObject()) {
                throw new ValidationException(at + "." + key, "must be a JSON object");
            }
            return new Reader(expressions, options, at + "." + key, value);
        }

        private void only(String... keys) {
            List<String> allowed = List.of(keys);
            for (String key : node.propertyNames()) {
                if (!allowed.contains(key)) {
                    throw new ValidationException(
                            at + "." + key, "is not known here (expected " + String.join(", ", allowed) + ")");
                }
            }
        }

        private String text(String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.isString() || value.asString().isBlank()) {
                throw new ValidationException(at + "." + key, "is required (a text)");
            }
            return value.asString();
        }

        private String message(String key, boolean required) {
            if (!required && (!node.has(key) || node.get(key).isNull())) {
                return null;
            }
            String message = text(key);
            if (message.length() > MAX_MESSAGE) {
                throw new ValidationException(at + "." + key, "must be at most " + MAX_MESSAGE + " characters");
            }
            return message;
        }

        private UUID uuid(String key) {
            String text = text(key);
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw new ValidationException(at + "." + key, "must be an id");
            }
        }

        private Catalog.ComponentType componentType() {
            if (!node.has("component_type")) {
                return Catalog.ComponentType.PART;
            }
            String text = text("component_type");
            try {
                return Catalog.ComponentType.valueOf(text);
            } catch (IllegalArgumentException e) {
                throw new ValidationException(at + ".component_type", "must be PART or PRODUCT");
            }
        }

        private Quantity quantity(boolean required) {
            JsonNode value = node.get("quantity");
            if (value == null || value.isNull()) {
                if (required) {
                    throw new ValidationException(at + ".quantity", "is required (a number or a CEL expression)");
                }
                return null;
            }
            if (value.isNumber()) {
                BigDecimal fixed = value.decimalValue();
                if (fixed.signum() <= 0 || fixed.compareTo(MAX_QUANTITY) > 0) {
                    throw new ValidationException(at + ".quantity", "must be above 0 and at most " + MAX_QUANTITY);
                }
                return new Quantity(fixed, null);
            }
            return new Quantity(null, cel("quantity", Expressions.Result.NUMBER));
        }

        private Expressions.Compiled cel(String key, Expressions.Result result) {
            JsonNode value = node.get(key);
            String field = at + "." + key;
            if (value != null && value.isNumber() && result == Expressions.Result.NUMBER) {
                return expressions.compile(field, value.decimalValue().toPlainString(), result, options);
            }
            if (value == null || !value.isString()) {
                throw new ValidationException(field, "is required (a CEL expression, as a text)");
            }
            return expressions.compile(field, value.asString(), result, options);
        }
    }

    /** A JSON scalar as a value: text, bool, or number (as {@link Expressions#value}); null for anything else. */
    static Object scalar(JsonNode value) {
        if (value.isString()) {
            return value.asString();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return Expressions.value(value.decimalValue());
        }
        return null;
    }

    private static boolean fits(Expressions.ValueType type, Object value) {
        return switch (type) {
            case NUMBER -> value instanceof Number;
            case STRING -> value instanceof String;
            case BOOL -> value instanceof Boolean;
        };
    }
}
