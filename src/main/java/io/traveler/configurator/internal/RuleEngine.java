package io.traveler.configurator.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.traveler.catalog.Catalog;
import io.traveler.configurator.internal.Evaluation.ComponentChange;
import io.traveler.configurator.internal.Evaluation.CustomPartSpec;
import io.traveler.configurator.internal.Evaluation.Firing;
import io.traveler.configurator.internal.Evaluation.Problem;
import io.traveler.configurator.internal.Evaluation.Skipped;
import io.traveler.configurator.internal.RuleActions.Action;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * What a product's rules make of a set of values. The values are checked against the options first (type, bounds,
 * step, choices, pattern; defaults filled in; options hidden by {@code visible_when} left out; unknown codes refused),
 * then the active rules run in priority order (ties in the order given): a rule whose condition holds fires, and
 * its actions add errors, change the price (in firing order, from the base price), select components or specify a
 * custom part. A rule that cannot be evaluated (a value it needs is missing, a type error, the cost limit) is
 * skipped and, since the configuration could not be checked against it, makes it invalid.
 *
 * <p>Options' checks and rules' compiled conditions and actions are cached by their definitions, so evaluating reads
 * no JSON and compiles nothing once a product's rules have been seen.
 */
@Service
public class RuleEngine {
    /** Prices are kept to this many decimals between rules, and answered to {@value #PRICE_SCALE}. */
    static final int WORKING_SCALE = 10;

    static final int PRICE_SCALE = 4;
    static final int QUANTITY_SCALE = 6;
    static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000000");
    static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000");
    static final int MAX_NAME = 200;
    static final int MAX_SPECIFICATION = 1000;

    private final Expressions expressions;
    private final Catalog catalog;
    private final ProductOptions options;
    private final ConfigurationRules rules;

    private final Cache<OptionKey, OptionCheck> optionChecks =
            Caffeine.newBuilder().maximumSize(20_000).build();
    private final Cache<RuleKey, Prepared> preparedRules =
            Caffeine.newBuilder().maximumSize(20_000).build();

    private final Cache<Map<String, Expressions.ValueType>, Types> canonicalTypes =
            Caffeine.newBuilder().maximumSize(5_000).build();

    /**
     * A product's option types, one instance per distinct set: cache keys compare it by identity and hash it once,
     * not entry by entry for each of a product's rules.
     */
    private static final class Types {
        final Map<String, Expressions.ValueType> map;

        Types(Map<String, Expressions.ValueType> map) {
            this.map = Map.copyOf(map);
        }
    }

    private record OptionKey(String code, ProductOption.Definition definition, Types types) {}

    private record OptionCheck(OptionDefinitions.Check check, Expressions.Compiled visibleWhen, String broken) {}

    private record RuleKey(ConfigurationRule.Type type, String condition, String actions, Types types) {}

    /** A rule compiled, or why it no longer compiles (an option it names was changed or deleted since). */
    private record Prepared(Expressions.Compiled condition, List<Action> actions, String broken) {}

    RuleEngine(Expressions expressions, Catalog catalog, ProductOptions options, ConfigurationRules rules) {
        this.expressions = expressions;
        this.catalog = catalog;
        this.options = options;
        this.rules = rules;
    }

    /** Evaluates the values against the product's options and its (and its category's) active rules. */
    @Transactional(readOnly = true)
    public Evaluation evaluate(UUID productId, Map<String, Object> values) {
        Catalog.ProductRef product =
                catalog.productRef(productId).orElseThrow(() -> NotFoundException.of("Product", productId));
        List<ConfigurationRule> active = rules.applyingTo(productId, product.categoryId()).stream()
                .filter(ConfigurationRule::active)
                .toList();
        return evaluate(product, options.ofProduct(productId), active, values);
    }

    /**
     * Evaluates the values against these options and rules (inactive ones are left out), reading nothing: what the
     * test console runs with unsaved rules, and what benches time.
     */
    public Evaluation evaluate(
            Catalog.ProductRef product,
            List<ProductOption> options,
            List<ConfigurationRule> rules,
            Map<String, Object> values) {
        return new Run(product, options, values == null ? Map.of() : values, true).rules(rules);
    }

    /**
     * Evaluates rules that are not saved (the test console's): as {@link #evaluate(Catalog.ProductRef, List, List,
     * Map)}, but the rules are compiled for this evaluation only and kept in no cache, so any number of distinct
     * unsaved rules leaves nothing behind.
     */
    public Evaluation evaluateUnsaved(
            Catalog.ProductRef product,
            List<ProductOption> options,
            List<ConfigurationRule> rules,
            Map<String, Object> values) {
        return new Run(product, options, values == null ? Map.of() : values, false).rules(rules);
    }

    /** One evaluation, from the values given to the answer. */
    private final class Run {
        private final Map<String, Expressions.ValueType> types = new LinkedHashMap<>();
        private final Map<String, String> labels = new HashMap<>();
        private final Types typesKey;
        private final Map<String, Object> seen = new LinkedHashMap<>();
        private final Map<String, Object> view = Collections.unmodifiableMap(seen);
        private final List<Problem> errors = new ArrayList<>();
        private final Set<String> faulty = new HashSet<>();
        private final List<Firing> fired = new ArrayList<>();
        private final List<ComponentChange> components = new ArrayList<>();
        private final List<CustomPartSpec> customParts = new ArrayList<>();
        private final List<Skipped> skipped = new ArrayList<>();
        private BigDecimal price;
        private Expressions.Bound bound;
        private final boolean saved;

        Run(Catalog.ProductRef product, List<ProductOption> options, Map<String, Object> given, boolean saved) {
            this.saved = saved;
            this.price = product.basePrice() == null ? BigDecimal.ZERO : product.basePrice();
            List<ProductOption> ordered = new ArrayList<>(options);
            ordered.sort(Comparator.comparingInt(ProductOption::position).thenComparing(ProductOption::code));
            ordered.forEach(o -> {
                types.put(o.code(), o.type().valueType());
                labels.put(o.code(), o.label());
            });
            typesKey = canonicalTypes.get(types, Types::new);
            given.keySet().stream()
                    .filter(code -> !types.containsKey(code))
                    .sorted()
                    .forEach(code -> {
                        faulty.add(code);
                        errors.add(new Problem(code, null, "The product has no option '" + code + "'"));
                    });
            List<OptionCheck> checks = new ArrayList<>(ordered.size());
            Map<String, Object> raws = new LinkedHashMap<>();
            for (ProductOption option : ordered) {
                OptionCheck check = checkOf(option, typesKey);
                checks.add(check);
                Object raw = given.get(option.code());
                if (raw == null) {
                    raw = check.check().defaultValue();
                }
                raws.put(option.code(), raw);
                Object value = raw == null ? null : check.check().accept(raw);
                if (value != null) {
                    seen.put(option.code(), value);
                }
            }
            for (OptionCheck check : checks) {
                String code = check.check().code();
                if (!visible(check)) {
                    seen.remove(code);
                    continue;
                }
                Object raw = raws.get(code);
                if (raw == null) {
                    if (check.check().definition().required()) {
                        faulty.add(code);
                        errors.add(new Problem(code, null, labelOf(code) + " is required"));
                    }
                } else if (!seen.containsKey(code)) {
                    faulty.add(code);
                    errors.add(new Problem(
                            code, null, labelOf(code) + " " + check.check().problemWith(raw)));
                }
            }
        }

        private String labelOf(String code) {
            return labels.getOrDefault(code, code);
        }

        private boolean visible(OptionCheck check) {
            if (check.broken() != null) {
                errors.add(new Problem(
                        check.check().code(),
                        null,
                        labelOf(check.check().code()) + " cannot be shown or hidden: " + check.broken()));
                return true;
            }
            if (check.visibleWhen() == null) {
                return true;
            }
            try {
                return expressions.test(check.visibleWhen(), view);
            } catch (Expressions.EvaluationFailure e) {
                return false;
            }
        }

        Evaluation rules(List<ConfigurationRule> rules) {
            List<ConfigurationRule> ordered = new ArrayList<>(rules.size());
            for (ConfigurationRule rule : rules) {
                if (rule.active()) {
                    ordered.add(rule);
                }
            }
            ordered.sort(Comparator.comparingInt(ConfigurationRule::priority));
            bound = Expressions.bind(view);
            for (ConfigurationRule rule : ordered) {
                apply(rule);
            }
            BigDecimal answered = price.setScale(PRICE_SCALE, RoundingMode.HALF_UP);
            if (answered.abs().compareTo(MAX_PRICE) >= 0) {
                errors.add(new Problem(null, null, "The price comes to more than " + MAX_PRICE.toPlainString()));
                answered = null;
            } else if (answered.signum() < 0) {
                errors.add(new Problem(null, null, "The price comes to below zero (" + answered.toPlainString() + ")"));
            }
            return new Evaluation(
                    Collections.unmodifiableMap(new LinkedHashMap<>(seen)),
                    errors.isEmpty(),
                    List.copyOf(errors),
                    answered,
                    List.copyOf(fired),
                    List.copyOf(components),
                    List.copyOf(customParts),
                    List.copyOf(skipped));
        }

        private void apply(ConfigurationRule rule) {
            Types scope = rule.categoryId() == null ? typesKey : null;
            Prepared prepared = saved ? prepare(rule, scope) : compile(expressions.uncached(), rule, scope);
            if (prepared.broken() != null) {
                skip(rule, "no longer compiles: " + prepared.broken());
                return;
            }
            try {
                if (!expressions.test(prepared.condition(), bound)) {
                    return;
                }
                Effects effects = new Effects(rule, price);
                for (Action action : prepared.actions()) {
                    effects.apply(action);
                }
                price = effects.price;
                errors.addAll(effects.errors);
                components.addAll(effects.components);
                customParts.addAll(effects.customParts);
                fired.add(new Firing(
                        rule.id(), rule.name(), rule.type(), rule.priority(), rule.condition(), effects.said));
            } catch (Expressions.EvaluationFailure e) {
                skip(rule, e.getMessage(), e.missing());
            }
        }

        /**
         * The rule is not applied; the configuration is invalid, since it could not be checked against it, unless
         * what the rule missed is a value already reported wrong (the error says it already).
         */
        private void skip(ConfigurationRule rule, String reason) {
            skip(rule, reason, Set.of());
        }

        /** {@code missing}: the options the rule needed a value of and had none (from the failure, never parsed). */
        private void skip(ConfigurationRule rule, String reason, Set<String> missing) {
            skipped.add(new Skipped(rule.id(), rule.name(), reason));
            if (!missing.isEmpty() && missing.stream().anyMatch(faulty::contains)) {
                return;
            }
            errors.add(new Problem(null, rule.id(), "The rule '" + rule.name() + "' could not be checked: " + reason));
        }

        /** What one firing rule does, gathered before any of it applies: a rule applies whole or not at all. */
        private final class Effects {
            private final ConfigurationRule rule;
            private BigDecimal price;
            private final List<Problem> errors = new ArrayList<>();
            private final List<ComponentChange> components = new ArrayList<>();
            private final List<CustomPartSpec> customParts = new ArrayList<>();
            private final List<String> said = new ArrayList<>();

            Effects(ConfigurationRule rule, BigDecimal price) {
                this.rule = rule;
                this.price = price;
            }

            void apply(Action action) {
                switch (action) {
                    case RuleActions.Refusal r -> {
                        errors.add(new Problem(null, rule.id(), r.message()));
                        said.add("error: " + r.message());
                    }
                    case RuleActions.Compatibility c -> compatibility(c);
                    case RuleActions.PriceChange p -> {
                        BigDecimal amount = expressions.number(p.amount(), bound);
                        BigDecimal before = price;
                        price = (p.multiply() ? price.multiply(amount) : price.add(amount))
                                .setScale(WORKING_SCALE, RoundingMode.HALF_UP);
                        if (price.abs().compareTo(MAX_PRICE) >= 0) {
                            // kept bounded: the next rule multiplies a number of at most 16 digits, not of millions
                            throw new Expressions.EvaluationFailure(
                                    "the price came to more than " + MAX_PRICE.toPlainString());
                        }
                        said.add((p.multiply() ? "price × " : "price + ") + plain(amount) + ": " + plain(before) + " → "
                                + plain(price));
                    }
                    case RuleActions.ComponentAction c -> component(c);
                    case RuleActions.CustomPart p -> customPart(p);
                }
            }

            private void compatibility(RuleActions.Compatibility c) {
                Object value = view.get(c.option());
                boolean among = value != null && c.values().stream().anyMatch(v -> same(v, value));
                boolean holds = c.excludes() != among;
                String allowed = c.values().stream()
                        .map(String::valueOf)
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("");
                if (holds) {
                    said.add(c.option() + (c.excludes() ? " is none of " : " is one of ") + allowed + ": compatible");
                    return;
                }
                String message = c.message() != null
                        ? c.message()
                        : labelOf(c.option())
                                + (value == null
                                        ? " must be one of " + allowed
                                        : (c.excludes() ? " cannot be " : " must be one of " + allowed + ", not ")
                                                + value)
                                + " (" + rule.name() + ")";
                errors.add(new Problem(c.option(), rule.id(), message));
                said.add(c.option() + " = " + value + ": incompatible");
            }

            private void component(RuleActions.ComponentAction c) {
                BigDecimal quantity = c.quantity() == null ? null : quantity(c.quantity());
                components.add(new ComponentChange(
                        rule.id(), c.kind(), c.componentId(), c.componentType(), c.newComponentId(), quantity));
                said.add(
                        switch (c.kind()) {
                            case ADD ->
                                "adds " + plain(quantity) + " × "
                                        + c.componentType().name().toLowerCase() + " " + c.componentId();
                            case REMOVE -> "removes " + c.componentId();
                            case REPLACE ->
                                "replaces " + c.componentId() + " by "
                                        + c.componentType().name().toLowerCase() + " " + c.newComponentId()
                                        + (quantity == null ? "" : " (" + plain(quantity) + ")");
                        });
            }

            private void customPart(RuleActions.CustomPart p) {
                String name = expressions.text(p.name(), bound).trim();
                if (name.isEmpty() || name.length() > MAX_NAME) {
                    throw new Expressions.EvaluationFailure(
                            "the custom part's name must be 1 to " + MAX_NAME + " characters, not '" + name + "'");
                }
                BigDecimal unitCost =
                        expressions.number(p.unitCost(), bound).setScale(PRICE_SCALE, RoundingMode.HALF_UP);
                if (unitCost.signum() < 0 || unitCost.compareTo(MAX_PRICE) >= 0) {
                    throw new Expressions.EvaluationFailure(
                            "the custom part's unit cost came to " + plain(unitCost) + ", not a cost");
                }
                BigDecimal quantity = checked(expressions.number(p.quantity(), bound));
                Map<String, Object> specifications = new TreeMap<>();
                p.specifications().forEach((key, value) -> {
                    String text = expressions.text(value, bound);
                    if (text.length() > MAX_SPECIFICATION) {
                        throw new Expressions.EvaluationFailure("the specification '" + key + "' came to "
                                + text.length() + " characters; at most " + MAX_SPECIFICATION);
                    }
                    specifications.put(key, text);
                });
                customParts.add(new CustomPartSpec(
                        rule.id(),
                        name,
                        unitCost,
                        quantity,
                        p.unitOfMeasure(),
                        Collections.unmodifiableMap(new LinkedHashMap<>(specifications))));
                said.add("custom part " + name + " × " + plain(quantity) + " at " + plain(unitCost));
            }

            private BigDecimal quantity(RuleActions.Quantity q) {
                return q.fixed() != null ? q.fixed() : checked(expressions.number(q.computed(), bound));
            }

            private BigDecimal checked(BigDecimal quantity) {
                BigDecimal rounded = quantity.setScale(QUANTITY_SCALE, RoundingMode.HALF_UP);
                if (rounded.signum() <= 0 || rounded.compareTo(MAX_QUANTITY) > 0) {
                    throw new Expressions.EvaluationFailure("the quantity came to " + plain(quantity)
                            + "; it must be above 0 and at most " + MAX_QUANTITY.toPlainString());
                }
                return rounded.stripTrailingZeros();
            }
        }
    }

    private OptionCheck checkOf(ProductOption option, Types types) {
        ProductOption.Definition definition = option.definition();
        return optionChecks.get(new OptionKey(option.code(), definition, types), key -> {
            var check = new OptionDefinitions.Check(option.code(), definition);
            if (definition.visibleWhen() == null) {
                return new OptionCheck(check, null, null);
            }
            try {
                return new OptionCheck(
                        check,
                        expressions.compile(
                                "visible_when", definition.visibleWhen(), Expressions.Result.BOOL, key.types().map),
                        null);
            } catch (ValidationException e) {
                return new OptionCheck(check, null, e.getMessage());
            }
        });
    }

    private Prepared prepare(ConfigurationRule rule, Types types) {
        return preparedRules.get(
                new RuleKey(rule.type(), rule.condition(), rule.actions(), types),
                key -> compile(expressions, rule, types));
    }

    /** Whether a rule with this condition is kept prepared (tests: what unsaved rules leave behind). */
    boolean keepsRule(String condition) {
        return preparedRules.asMap().keySet().stream()
                .anyMatch(key -> key.condition().equals(condition));
    }

    private static Prepared compile(Expressions expressions, ConfigurationRule rule, Types types) {
        Map<String, Expressions.ValueType> declared = types == null ? null : types.map;
        try {
            return new Prepared(
                    expressions.compile("condition", rule.condition(), Expressions.Result.BOOL, declared),
                    RuleActions.parse(expressions, rule.type(), rule.actions(), declared, "actions"),
                    null);
        } catch (ValidationException e) {
            return new Prepared(null, List.of(), e.getMessage());
        }
    }

    /** The most values one evaluation takes. */
    public static final int MAX_VALUES = 500;

    /** The longest option code (as {@link OptionDefinitions#requireCode}). */
    static final int MAX_CODE = 50;

    /**
     * Values as a request sends them, a JSON object of option code to text, number, bool or null (left out), as the
     * engine takes them; anything else is refused with a 422 naming {@code field} (and the code): a key that cannot
     * be an option code, a nested list or object, a number that is not finite or has more than {@value
     * OptionDefinitions.Check#MAX_DIGITS} digits before or after the point.
     */
    public static Map<String, Object> valuesFrom(String field, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new ValidationException(field, "must be a JSON object of values by option code");
        }
        if (node.size() > MAX_VALUES) {
            throw new ValidationException(field, "must hold at most " + MAX_VALUES + " values");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (var entry : node.properties()) {
            String code = entry.getKey();
            if (code.length() > MAX_CODE) {
                throw new ValidationException(
                        field, "names an option of more than " + MAX_CODE + " characters; no option has such a code");
            }
            if (!OptionDefinitions.isCode(code)) {
                throw new ValidationException(
                        field + "." + code,
                        "is not an option of the product (codes are lowercase letters, digits and _)");
            }
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isNumber()) {
                values.put(code, number(field + "." + code, value));
            } else if (value.isString() && value.asString().length() <= OptionDefinitions.MAX_TEXT * 2) {
                values.put(code, value.asString());
            } else if (value.isBoolean()) {
                values.put(code, value.booleanValue());
            } else {
                throw new ValidationException(
                        field + "." + code, "must be a text (at most 2000 characters), a number or a bool");
            }
        }
        return values;
    }

    private static BigDecimal number(String field, JsonNode value) {
        if (value.isFloatingPointNumber() && !value.isBigDecimal() && !Double.isFinite(value.doubleValue())) {
            throw new ValidationException(field, "must be a finite number");
        }
        BigDecimal number = value.decimalValue();
        int most = OptionDefinitions.Check.MAX_DIGITS;
        if (number.scale() > most || (long) number.precision() - number.scale() > most) {
            throw new ValidationException(field, "must have at most " + most + " digits before and after the point");
        }
        return number;
    }

    /** Two values the same: numbers by value (2 and 2.0 alike), others by equality. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return a.equals(b);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "—" : value.stripTrailingZeros().toPlainString();
    }
}
