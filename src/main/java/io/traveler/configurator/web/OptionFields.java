package io.traveler.configurator.web;

import io.traveler.configurator.internal.Evaluation;
import io.traveler.configurator.internal.Expressions;
import io.traveler.configurator.internal.OptionDefinitions;
import io.traveler.configurator.internal.ProductOption;
import io.traveler.configurator.internal.RuleEngine;
import io.traveler.shared.errors.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A product's options as the fields of a form (the line configurator's, the test console's), and the values such a
 * form sends back. Each option is the request parameter {@code v_<code>}; an unticked BOOLEAN sends nothing and is
 * false. A number that does not parse is passed on as typed, so that the rules say what is wrong with it.
 */
final class OptionFields {
    static final String PREFIX = "v_";
    private static final int MAX_TEXT = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One field: the option, the value to show (as text), its choices (value → label) and its error, if any. */
    record Field(ProductOption option, String name, String value, Map<String, String> choices, String error) {
        public boolean checked() {
            return "true".equals(value);
        }

        public String type() {
            return option.type().name();
        }
    }

    private OptionFields() {}

    /** The fields of these options showing {@code values} (else each option's default) and the evaluation's errors. */
    static List<Field> of(List<ProductOption> options, Map<String, Object> values, Evaluation evaluation) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (evaluation != null) {
            evaluation.errors().stream()
                    .filter(p -> p.option() != null)
                    .forEach(p -> errors.putIfAbsent(p.option(), p.message()));
        }
        List<Field> fields = new ArrayList<>();
        for (ProductOption option : options) {
            Object value = values.containsKey(option.code()) ? values.get(option.code()) : defaultOf(option);
            fields.add(new Field(
                    option,
                    PREFIX + option.code(),
                    text(value),
                    option.type() == ProductOption.Type.CHOICE ? OptionDefinitions.choicesOf(option) : Map.of(),
                    errors.get(option.code())));
        }
        return fields;
    }

    /** The values a form sent for these options; an empty field is left out (the default or "required" applies). */
    static Map<String, Object> valuesFrom(List<ProductOption> options, MultiValueMap<String, String> form) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ProductOption option : options) {
            String sent = form.getFirst(PREFIX + option.code());
            if (option.type() == ProductOption.Type.BOOLEAN) {
                values.put(option.code(), "true".equals(sent));
                continue;
            }
            if (sent == null || sent.isBlank()) {
                continue;
            }
            String text = sent.length() > MAX_TEXT ? sent.substring(0, MAX_TEXT) : sent.strip();
            values.put(option.code(), option.type() == ProductOption.Type.NUMBER ? number(text) : text);
        }
        return values;
    }

    /**
     * The rules' answer to values typed into a page. Values the engine refuses outright (a number of more than 40
     * digits, say) are shown as the form's errors, as any other invalid value is, rather than as an error page the
     * live form could not swap in.
     */
    static Evaluation evaluate(RuleEngine engine, UUID productId, Map<String, Object> values) {
        try {
            return engine.evaluate(productId, values);
        } catch (ValidationException refused) {
            List<Evaluation.Problem> problems = refused.errors().stream()
                    .map(e -> new Evaluation.Problem(
                            e.field().startsWith("values.") ? e.field().substring("values.".length()) : null,
                            null,
                            e.message()))
                    .toList();
            return new Evaluation(values, false, problems, null, List.of(), List.of(), List.of(), List.of());
        }
    }

    /** The values of a configuration's JSON object text. */
    static Map<String, Object> valuesOf(String json) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return values;
        }
        JSON.readTree(json).properties().forEach(e -> values.put(e.getKey(), scalar(e.getValue())));
        return values;
    }

    private static Object scalar(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return Expressions.value(node.decimalValue());
        }
        return node.isNull() ? null : node.asString();
    }

    private static Object number(String text) {
        try {
            BigDecimal number = new BigDecimal(text);
            boolean bounded =
                    Math.abs((long) number.precision() - number.scale()) <= 40 && Math.abs(number.scale()) <= 40;
            // an unbounded one goes to the rules as typed, which refuse it by name (as a double it would be infinite)
            return bounded ? Expressions.value(number) : text;
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Object defaultOf(ProductOption option) {
        return option.defaultValue() == null ? null : scalar(JSON.readTree(option.defaultValue()));
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double d && !d.isInfinite() && !d.isNaN()) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
