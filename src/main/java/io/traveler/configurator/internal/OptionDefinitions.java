package io.traveler.configurator.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.traveler.shared.errors.ValidationException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What makes an option's definition sound (checked when it is saved, a 422 naming the field) and what makes a value
 * fit it (checked on every evaluation, by a {@link Check} made once per definition). Patterns are RE2
 * ({@code com.google.re2j}): matching is linear in the text, whatever pattern an administrator writes.
 */
public final class OptionDefinitions {
    static final int MAX_TEXT = 1000;
    /** A position that places a new option after the product's others. */
    public static final int AT_THE_END = -1;

    static final int MAX_CHOICES = 200;
    private static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1000000000000");
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("^[a-z][a-z0-9_]{0,49}$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OptionDefinitions() {}

    /** Whether {@code code} is a well-formed option code (whatever product it is asked of). */
    static boolean isCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    public static void requireCode(String code) {
        if (code == null || code.isBlank()) {
            throw new ValidationException("code", "is required");
        }
        if (!CODE.matcher(code).matches()) {
            throw new ValidationException(
                    "code", "must start with a lowercase letter, then lowercase letters, digits or _ (at most 50)");
        }
    }

    /**
     * The definition, checked and tidied (label trimmed, choices as {@code {"value","label"}} objects). {@code
     * others} types the product's other options, which {@code visible_when} may name.
     */
    public static ProductOption.Definition check(
            Expressions expressions,
            String code,
            ProductOption.Definition d,
            Map<String, Expressions.ValueType> others) {
        String label = d.label() == null ? null : d.label().trim();
        if (label == null || label.isEmpty()) {
            throw new ValidationException("label", "is required");
        }
        if (label.length() > 200) {
            throw new ValidationException("label", "must be at most 200 characters");
        }
        if (d.type() == null) {
            throw new ValidationException("type", "is required (NUMBER, CHOICE, BOOLEAN or TEXT)");
        }
        boolean number = d.type() == ProductOption.Type.NUMBER;
        requireOnly(number, "min", d.minValue(), "a NUMBER option");
        requireOnly(number, "max", d.maxValue(), "a NUMBER option");
        requireOnly(number, "step", d.step(), "a NUMBER option");
        requireOnly(number, "unit", d.unit(), "a NUMBER option");
        requireOnly(d.type() == ProductOption.Type.TEXT, "pattern", d.pattern(), "a TEXT option");
        bounded("min", d.minValue());
        bounded("max", d.maxValue());
        bounded("step", d.step());
        if (d.minValue() != null && d.maxValue() != null && d.minValue().compareTo(d.maxValue()) > 0) {
            throw new ValidationException("max", "must not be below min");
        }
        if (d.step() != null && d.step().signum() <= 0) {
            throw new ValidationException("step", "must be above 0");
        }
        length("unit", d.unit(), 20);
        length("help", d.help(), 2000);
        length("group", d.groupName(), 100);
        if (d.position() < 0 || d.position() > 100_000) {
            throw new ValidationException("position", "must be between 0 and 100000");
        }
        if (d.pattern() != null) {
            length("pattern", d.pattern(), 500);
            try {
                Pattern.compile(d.pattern());
            } catch (PatternSyntaxException e) {
                throw new ValidationException("pattern", "is not a valid pattern: " + e.getDescription());
            }
        }
        String choices = choices(d.type(), d.choices());
        String visibleWhen = d.visibleWhen() == null || d.visibleWhen().isBlank() ? null : d.visibleWhen();
        if (visibleWhen != null) {
            if (others.isEmpty()) {
                throw new ValidationException("visible_when", "the product has no other option to depend on");
            }
            expressions.compile("visible_when", visibleWhen, Expressions.Result.BOOL, others);
        }
        var tidy = new ProductOption.Definition(
                label,
                d.type(),
                d.minValue(),
                d.maxValue(),
                d.step(),
                blankToNull(d.unit()),
                choices,
                d.pattern(),
                null,
                blankToNull(d.help()),
                d.position(),
                blankToNull(d.groupName()),
                d.required(),
                visibleWhen);
        String defaultValue = null;
        if (d.defaultValue() != null) {
            JsonNode node = readJson("default", d.defaultValue());
            if (!node.isNull()) {
                Object value = RuleActions.scalar(node);
                if (value == null) {
                    throw new ValidationException("default", "must be a text, number or bool");
                }
                String problem;
                try {
                    problem = new Check(code, tidy).problemWith(value);
                } catch (ValidationException e) {
                    throw new ValidationException("default", e.getMessage());
                }
                if (problem != null) {
                    throw new ValidationException("default", problem);
                }
                defaultValue = node.toString();
            }
        }
        return new ProductOption.Definition(
                label,
                d.type(),
                d.minValue(),
                d.maxValue(),
                d.step(),
                tidy.unit(),
                choices,
                d.pattern(),
                defaultValue,
                tidy.help(),
                d.position(),
                tidy.groupName(),
                d.required(),
                visibleWhen);
    }

    private static String choices(ProductOption.Type type, String json) {
        JsonNode node =
                json == null || json.isBlank() ? JsonNodeFactory.instance.arrayNode() : readJson("choices", json);
        if (!node.isArray()) {
            throw new ValidationException("choices", "must be a list");
        }
        if (type != ProductOption.Type.CHOICE) {
            if (!node.isEmpty()) {
                throw new ValidationException("choices", "only a CHOICE option has choices");
            }
            return "[]";
        }
        if (node.isEmpty() || node.size() > MAX_CHOICES) {
            throw new ValidationException("choices", "a CHOICE option has 1 to " + MAX_CHOICES + " choices");
        }
        ArrayNode tidy = JsonNodeFactory.instance.arrayNode();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "choices[" + i + "]";
            JsonNode choice = node.get(i);
            String value;
            String label;
            if (choice.isString()) {
                value = choice.asString();
                label = value;
            } else if (choice.isObject()
                    && choice.path("value").isString()
                    && (choice.path("label").isMissingNode()
                            || choice.path("label").isNull()
                            || choice.path("label").isString())) {
                value = choice.get("value").asString();
                label = choice.path("label").isString() ? choice.get("label").asString() : value;
                for (String key : choice.propertyNames()) {
                    if (!key.equals("value") && !key.equals("label")) {
                        throw new ValidationException(field + "." + key, "is not known (a choice has value and label)");
                    }
                }
            } else {
                throw new ValidationException(field, "must be a text or {\"value\", \"label\"}");
            }
            if (value.isBlank() || value.length() > 100) {
                throw new ValidationException(field, "value must be 1 to 100 characters");
            }
            if (label.isBlank() || label.length() > 200) {
                throw new ValidationException(field, "label must be 1 to 200 characters");
            }
            if (!seen.add(value)) {
                throw new ValidationException(field, "repeats the value '" + value + "'");
            }
            tidy.addObject().put("value", value).put("label", label.trim());
        }
        return tidy.toString();
    }

    private static JsonNode readJson(String field, String json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            throw new ValidationException(field, "must be JSON");
        }
    }

    private static void requireOnly(boolean allowed, String field, Object value, String holder) {
        if (!allowed && value != null && !(value instanceof String s && s.isBlank())) {
            throw new ValidationException(field, "only " + holder + " has one");
        }
    }

    private static void bounded(String field, BigDecimal value) {
        if (value != null
                && (value.abs().compareTo(MAX_MAGNITUDE) >= 0
                        || value.stripTrailingZeros().scale() > 6)) {
            throw new ValidationException(field, "must be below 10^12 with at most 6 decimals");
        }
    }

    private static void length(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new ValidationException(field, "must be at most " + max + " characters");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The checks of one option's values, made once from its definition: its type, bounds and step, choices,
     * pattern, and its default (as an expression sees it; null: none).
     */
    public static final class Check {
        /** The most digits a number has before, and after, the point: more is refused before any arithmetic. */
        public static final int MAX_DIGITS = 40;

        private final String code;
        private final ProductOption.Definition definition;
        private final Set<String> choices;
        private final Pattern pattern;
        private final Object defaultValue;

        public Check(String code, ProductOption.Definition definition) {
            this.code = code;
            this.definition = definition;
            this.choices =
                    definition.type() == ProductOption.Type.CHOICE ? choiceValues(definition.choices()) : Set.of();
            this.pattern = definition.pattern() == null ? null : Pattern.compile(definition.pattern());
            this.defaultValue = defaultOf(definition.defaultValue());
        }

        public String code() {
            return code;
        }

        public ProductOption.Definition definition() {
            return definition;
        }

        public Object defaultValue() {
            return defaultValue;
        }

        /**
         * The value as an expression sees it ({@link Expressions#value}); a NUMBER may come as the text of a number
         * and a BOOLEAN as "true" or "false" (as forms send them). Null when it does not fit: see {@link
         * #problemWith}.
         */
        public Object accept(Object raw) {
            return switch (definition.type()) {
                case NUMBER -> {
                    BigDecimal number = decimal(raw);
                    yield number == null || numberProblem(number) != null ? null : Expressions.value(number);
                }
                case BOOLEAN -> bool(raw);
                case CHOICE -> raw instanceof String s && choices.contains(s) ? s : null;
                case TEXT -> raw instanceof String s && textProblem(s) == null ? s : null;
            };
        }

        /** Why the value does not fit the option, in words; null when it fits. */
        public String problemWith(Object raw) {
            return switch (definition.type()) {
                case NUMBER -> {
                    BigDecimal number = decimal(raw);
                    yield number == null ? "must be a number" : numberProblem(number);
                }
                case BOOLEAN -> bool(raw) == null ? "must be true or false" : null;
                case CHOICE ->
                    raw instanceof String s && choices.contains(s)
                            ? null
                            : "must be one of " + String.join(", ", choices);
                case TEXT -> raw instanceof String s ? textProblem(s) : "must be a text";
            };
        }

        private String numberProblem(BigDecimal number) {
            BigDecimal min = definition.minValue();
            BigDecimal max = definition.maxValue();
            if (min != null && number.compareTo(min) < 0) {
                return "must be at least " + min.stripTrailingZeros().toPlainString();
            }
            if (max != null && number.compareTo(max) > 0) {
                return "must be at most " + max.stripTrailingZeros().toPlainString();
            }
            BigDecimal step = definition.step();
            if (step != null) {
                BigDecimal from = min == null ? BigDecimal.ZERO : min;
                if (number.subtract(from).remainder(step).signum() != 0) {
                    return "must be " + from.stripTrailingZeros().toPlainString() + " plus a multiple of "
                            + step.stripTrailingZeros().toPlainString();
                }
            }
            return null;
        }

        private String textProblem(String text) {
            if (text.length() > MAX_TEXT) {
                return "must be at most " + MAX_TEXT + " characters";
            }
            if (pattern != null && !pattern.matches(text)) {
                return "must match " + definition.pattern();
            }
            return null;
        }

        /**
         * The value as a number, null when it is none. A number of more than {@value #MAX_DIGITS} digits before or
         * after the point ({@code "1e99999999"} written as text, a huge BigInteger) is refused with a 422 naming
         * {@code values.<code>} before anything is computed with it: the step check alone would expand it to
         * millions of digits.
         */
        private BigDecimal decimal(Object raw) {
            BigDecimal number;
            try {
                if (raw instanceof BigDecimal d) {
                    number = d;
                } else if (raw instanceof Long || raw instanceof Integer || raw instanceof Short) {
                    return BigDecimal.valueOf(((Number) raw).longValue());
                } else if (raw instanceof java.math.BigInteger b) {
                    if (b.bitLength() > 4 * MAX_DIGITS) {
                        throw tooManyDigits();
                    }
                    number = new BigDecimal(b);
                } else if (raw instanceof Double || raw instanceof Float) {
                    double d = ((Number) raw).doubleValue();
                    if (!Double.isFinite(d)) {
                        throw new ValidationException("values." + code, "must be a finite number");
                    }
                    number = new BigDecimal(raw.toString());
                } else if (raw instanceof String s && !s.isBlank() && s.length() <= MAX_DIGITS) {
                    number = new BigDecimal(s.trim());
                } else {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
            if (number.scale() > MAX_DIGITS || (long) number.precision() - number.scale() > MAX_DIGITS) {
                throw tooManyDigits();
            }
            return number;
        }

        private ValidationException tooManyDigits() {
            return new ValidationException(
                    "values." + code, "must have at most " + MAX_DIGITS + " digits before and after the point");
        }

        private static Boolean bool(Object raw) {
            if (raw instanceof Boolean b) {
                return b;
            }
            if ("true".equals(raw)) {
                return Boolean.TRUE;
            }
            return "false".equals(raw) ? Boolean.FALSE : null;
        }

        private static Set<String> choiceValues(String json) {
            Set<String> values = new java.util.LinkedHashSet<>();
            JSON.readTree(json)
                    .forEach(choice -> values.add(choice.path("value").asString()));
            return values;
        }

        private static Object defaultOf(String json) {
            if (json == null) {
                return null;
            }
            JsonNode node = JSON.readTree(json);
            return node.isNull() ? null : RuleActions.scalar(node);
        }
    }

    /** The choices of a CHOICE option as value → label, in order. */
    public static Map<String, String> choicesOf(ProductOption option) {
        Map<String, String> choices = new LinkedHashMap<>();
        JSON.readTree(option.choices())
                .forEach(c ->
                        choices.put(c.path("value").asString(), c.path("label").asString()));
        return choices;
    }
}
