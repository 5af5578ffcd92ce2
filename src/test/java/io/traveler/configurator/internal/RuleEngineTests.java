package io.traveler.configurator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.catalog.Catalog;
import io.traveler.configurator.internal.ConfigurationRule.Type;
import io.traveler.configurator.internal.Evaluation.ChangeKind;
import io.traveler.configurator.internal.Evaluation.Problem;
import io.traveler.shared.errors.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The engine on its own (options, rules and values in memory): how values are checked against options, the order
 * rules fire in, what each action does, and what happens when a rule cannot be evaluated.
 */
class RuleEngineTests {
    private final Expressions expressions = new Expressions();
    private final RuleEngine engine = new RuleEngine(expressions, null, null, null);
    private final UUID productId = UUID.randomUUID();
    private final UUID categoryId = UUID.randomUUID();
    private final Catalog.ProductRef sink = new Catalog.ProductRef(
            productId, "SINK-CUSTOM", "Custom sink", "ACTIVE", new BigDecimal("1000.00"), categoryId);

    private final List<ProductOption> options = List.of(
            number("length", 24, 120, 1, null, 0),
            number("basin_count", 1, 3, 1, "1", 1),
            choice("basin_type", 2, "undermount", "drop_in", "integrated"),
            bool("lifter", "false", 3),
            bool("lights", null, 4),
            text("engraving", "[A-Z ]{1,20}", false, "values.lights", 5));

    private static ProductOption number(String code, int min, int max, int step, String defaultValue, int position) {
        return new ProductOption(
                UUID.randomUUID(),
                code,
                new ProductOption.Definition(
                        code,
                        ProductOption.Type.NUMBER,
                        BigDecimal.valueOf(min),
                        BigDecimal.valueOf(max),
                        BigDecimal.valueOf(step),
                        "in",
                        "[]",
                        null,
                        defaultValue,
                        null,
                        position,
                        null,
                        true,
                        null));
    }

    private static ProductOption choice(String code, int position, String... values) {
        String choices = Arrays.stream(values)
                .map(v -> "{\"value\":\"" + v + "\",\"label\":\"" + v + "\"}")
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();
        return new ProductOption(
                UUID.randomUUID(),
                code,
                new ProductOption.Definition(
                        code,
                        ProductOption.Type.CHOICE,
                        null,
                        null,
                        null,
                        null,
                        "[" + choices + "]",
                        null,
                        "\"" + values[0] + "\"",
                        null,
                        position,
                        null,
                        true,
                        null));
    }

    private static ProductOption bool(String code, String defaultValue, int position) {
        return new ProductOption(
                UUID.randomUUID(),
                code,
                new ProductOption.Definition(
                        code,
                        ProductOption.Type.BOOLEAN,
                        null,
                        null,
                        null,
                        null,
                        "[]",
                        null,
                        defaultValue,
                        null,
                        position,
                        null,
                        defaultValue != null,
                        null));
    }

    private static ProductOption text(String code, String pattern, boolean required, String visibleWhen, int position) {
        return new ProductOption(
                UUID.randomUUID(),
                code,
                new ProductOption.Definition(
                        code,
                        ProductOption.Type.TEXT,
                        null,
                        null,
                        null,
                        null,
                        "[]",
                        pattern,
                        null,
                        null,
                        position,
                        null,
                        required,
                        visibleWhen));
    }

    private ConfigurationRule rule(Type type, int priority, String condition, String actions) {
        return new ConfigurationRule(
                productId,
                null,
                new ConfigurationRule.Definition(
                        type + " " + priority, null, type, priority, condition, actions, true, "{}"));
    }

    private Evaluation evaluate(Map<String, Object> values, ConfigurationRule... rules) {
        return engine.evaluate(sink, options, List.of(rules), values);
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    private static List<String> messagesOf(Evaluation e, String option) {
        return e.errors().stream()
                .filter(p -> option.equals(p.option()))
                .map(Problem::message)
                .toList();
    }

    @Test
    void valuesAreCheckedAgainstTheirOptionsAndDefaultsFillIn() {
        var good = evaluate(values("length", 72, "basin_type", "drop_in"));
        assertThat(good.valid()).as("%s", good.errors()).isTrue();
        assertThat(good.values())
                .containsEntry("length", 72L)
                .containsEntry("basin_count", 1L)
                .containsEntry("lifter", false)
                .doesNotContainKey("lights")
                .doesNotContainKey("engraving");
        assertThat(good.price()).isEqualByComparingTo("1000");

        var bad = evaluate(values(
                "length",
                23,
                "basin_count",
                new BigDecimal("1.5"),
                "basin_type",
                "round",
                "lifter",
                "yes",
                "colour",
                "red"));
        assertThat(bad.valid()).isFalse();
        assertThat(messagesOf(bad, "length")).containsExactly("length must be at least 24");
        assertThat(messagesOf(bad, "basin_count")).containsExactly("basin_count must be 1 plus a multiple of 1");
        assertThat(messagesOf(bad, "basin_type")).singleElement().asString().contains("undermount, drop_in");
        assertThat(messagesOf(bad, "lifter")).containsExactly("lifter must be true or false");
        assertThat(messagesOf(bad, "colour")).containsExactly("The product has no option 'colour'");
        assertThat(messagesOf(evaluate(values()), "length")).containsExactly("length is required");
        assertThat(messagesOf(evaluate(values("length", 121)), "length")).containsExactly("length must be at most 120");
        assertThat(evaluate(values("length", "72", "lifter", "true")).valid())
                .as("numbers and bools as forms send them")
                .isTrue();
    }

    @Test
    void anOptionHiddenByItsConditionIsLeftOutAndNotChecked() {
        var hidden = evaluate(values("length", 72, "lights", false, "engraving", "not checked"));
        assertThat(hidden.valid()).as("%s", hidden.errors()).isTrue();
        assertThat(hidden.values()).doesNotContainKey("engraving");

        var shown = evaluate(values("length", 72, "lights", true, "engraving", "lower case"));
        assertThat(messagesOf(shown, "engraving")).containsExactly("engraving must match [A-Z ]{1,20}");
        assertThat(evaluate(values("length", 72, "lights", true, "engraving", "TORVAN"))
                        .values())
                .containsEntry("engraving", "TORVAN");
    }

    @Test
    void aPatternMatchesInLinearTimeWhateverItIs() {
        ProductOption catastrophic = text("code", "(a+)+$", true, null, 9);
        String attack = "a".repeat(990) + "!";
        long started = System.nanoTime();
        var e = engine.evaluate(sink, List.of(catastrophic), List.of(), values("code", attack));
        assertThat(messagesOf(e, "code")).containsExactly("code must match (a+)+$");
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    }

    @Test
    void priorityDecidesTheOrderPricesApplyIn() {
        var add = rule(Type.PRICING, 10, "true", "[{\"price_add\":\"values.length * 12.5\"}]");
        var times = rule(Type.PRICING, 20, "values.lifter", "[{\"price_multiply\":\"1.1\"}]");
        var lifted = values("length", 72, "lifter", true);
        // (1000 + 900) × 1.1
        assertThat(evaluate(lifted, times, add).price()).isEqualByComparingTo("2090");
        var addLast = rule(Type.PRICING, 30, "true", "[{\"price_add\":\"values.length * 12.5\"}]");
        // 1000 × 1.1 + 900
        assertThat(evaluate(lifted, addLast, times).price()).isEqualByComparingTo("2000");
        assertThat(evaluate(lifted, addLast, times).fired())
                .extracting(Evaluation.Firing::priority)
                .containsExactly(20, 30);
        assertThat(evaluate(values("length", 72), times, add).price()).isEqualByComparingTo("1900");
    }

    @Test
    void inactiveRulesNeverFire() {
        var inactive = new ConfigurationRule(
                productId,
                null,
                new ConfigurationRule.Definition(
                        "off", null, Type.VALIDATION, 1, "true", "[{\"error\":\"never\"}]", false, "{}"));
        var e = evaluate(values("length", 72), inactive);
        assertThat(e.valid()).isTrue();
        assertThat(e.fired()).isEmpty();
    }

    @Test
    void validationAndCompatibilityRulesAddErrorsWhenTheirConditionHolds() {
        var basins = rule(
                Type.VALIDATION,
                1,
                "values.basin_count == 3 && values.length < 72",
                "[{\"error\":\"Three basins need a top of 72 in or more\"}]");
        var excludes = rule(
                Type.COMPATIBILITY,
                2,
                "values.basin_type == 'integrated'",
                "[{\"option\":\"lifter\",\"excludes\":[true],\"error\":\"An integrated basin has no lifter\"}]");
        var requires = rule(
                Type.COMPATIBILITY, 3, "values.length > 100", "[{\"option\":\"basin_count\",\"requires\":[2, 3]}]");

        var fine = evaluate(values("length", 80, "basin_count", 3, "basin_type", "integrated"), basins, excludes);
        assertThat(fine.valid()).as("%s", fine.errors()).isTrue();
        assertThat(fine.fired()).extracting(Evaluation.Firing::name).containsExactly("COMPATIBILITY 2");

        var wrong = evaluate(
                values("length", 60, "basin_count", 3, "basin_type", "integrated", "lifter", true),
                basins,
                excludes,
                requires);
        assertThat(wrong.errors())
                .extracting(Problem::option, Problem::ruleId, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                null, basins.id(), "Three basins need a top of 72 in or more"),
                        org.assertj.core.groups.Tuple.tuple(
                                "lifter", excludes.id(), "An integrated basin has no lifter"));

        var tooFew = evaluate(values("length", 110, "basin_count", 1), requires);
        assertThat(tooFew.errors()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("basin_count must be one of 2, 3, not 1 (COMPATIBILITY 3)"));
        assertThat(evaluate(values("length", 110, "basin_count", 2), requires).valid())
                .isTrue();
    }

    @Test
    void componentSelectionAddsRemovesAndReplacesWithComputedQuantities() {
        UUID liftKit = UUID.randomUUID();
        UUID ledStrip = UUID.randomUUID();
        UUID drain = UUID.randomUUID();
        UUID brackets = UUID.randomUUID();
        UUID heavyBrackets = UUID.randomUUID();
        var select = rule(
                Type.COMPONENT_SELECTION,
                1,
                "values.lifter",
                ("[{\"add\":{\"component_type\":\"PRODUCT\",\"component_id\":\"%s\",\"quantity\":1}},"
                                + "{\"add\":{\"component_type\":\"PART\",\"component_id\":\"%s\","
                                + "\"quantity\":\"values.length / 12.0\"}},"
                                + "{\"remove\":{\"component_id\":\"%s\"}},"
                                + "{\"replace\":{\"component_id\":\"%s\",\"with\":{\"component_type\":\"PART\","
                                + "\"component_id\":\"%s\",\"quantity\":\"values.basin_count * 2\"}}}]")
                        .formatted(liftKit, ledStrip, drain, brackets, heavyBrackets));
        var e = evaluate(values("length", 90, "basin_count", 2, "lifter", true), select);
        assertThat(e.valid()).as("%s", e.errors()).isTrue();
        assertThat(e.components())
                .extracting(
                        Evaluation.ComponentChange::kind,
                        Evaluation.ComponentChange::componentId,
                        Evaluation.ComponentChange::componentType,
                        Evaluation.ComponentChange::newComponentId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                ChangeKind.ADD, liftKit, Catalog.ComponentType.PRODUCT, null),
                        org.assertj.core.groups.Tuple.tuple(ChangeKind.ADD, ledStrip, Catalog.ComponentType.PART, null),
                        org.assertj.core.groups.Tuple.tuple(ChangeKind.REMOVE, drain, null, null),
                        org.assertj.core.groups.Tuple.tuple(
                                ChangeKind.REPLACE, brackets, Catalog.ComponentType.PART, heavyBrackets));
        assertThat(e.components())
                .extracting(Evaluation.ComponentChange::quantity)
                .usingElementComparator((a, b) -> a == null || b == null ? (a == b ? 0 : 1) : a.compareTo(b))
                .containsExactly(BigDecimal.ONE, new BigDecimal("7.5"), null, new BigDecimal("4"));
        assertThat(e.fired()).singleElement().satisfies(f -> assertThat(f.effects())
                .hasSize(4));
        assertThat(evaluate(values("length", 90), select).components()).isEmpty();
    }

    @Test
    void customPartRulesComputeTheirNameCostQuantityAndSpecifications() {
        var top = rule(
                Type.CUSTOM_PART,
                1,
                "true",
                "[{\"custom_part\":{\"name\":\"'Sink top ' + string(values.length) + ' in, ' +"
                        + " string(values.basin_count) + 'x ' + values.basin_type\","
                        + "\"unit_cost\":\"values.length * 4.2\",\"quantity\":\"1\","
                        + "\"specifications\":{\"length\":\"values.length\",\"basins\":\"values.basin_type\"},"
                        + "\"unit_of_measure\":\"EA\"}}]");
        var e = evaluate(values("length", 96, "basin_count", 2, "basin_type", "undermount"), top);
        assertThat(e.valid()).as("%s", e.errors()).isTrue();
        assertThat(e.customParts()).singleElement().satisfies(part -> {
            assertThat(part.ruleId()).isEqualTo(top.id());
            assertThat(part.name()).isEqualTo("Sink top 96 in, 2x undermount");
            assertThat(part.unitCost()).isEqualByComparingTo("403.2");
            assertThat(part.quantity()).isEqualByComparingTo("1");
            assertThat(part.unitOfMeasure()).isEqualTo("EA");
            assertThat(part.specifications())
                    .containsExactly(Map.entry("basins", "undermount"), Map.entry("length", "96"));
        });
    }

    @Test
    void aRuleThatCannotBeEvaluatedIsSkippedAndMakesTheConfigurationInvalid() {
        var needsLights = rule(Type.PRICING, 1, "values.lights", "[{\"price_add\":\"180\"}]");
        var e = evaluate(values("length", 72), needsLights);
        assertThat(e.skipped()).singleElement().satisfies(s -> {
            assertThat(s.ruleId()).isEqualTo(needsLights.id());
            assertThat(s.reason()).contains("lights");
        });
        assertThat(e.valid()).isFalse();
        assertThat(e.errors()).singleElement().satisfies(p -> {
            assertThat(p.ruleId()).isEqualTo(needsLights.id());
            assertThat(p.message()).startsWith("The rule 'PRICING 1' could not be checked: ");
        });
        assertThat(e.price()).isEqualByComparingTo("1000");

        var guarded = rule(Type.PRICING, 1, "values.lifter && values.lights", "[{\"price_add\":\"180\"}]");
        assertThat(evaluate(values("length", 72), guarded).valid())
                .as("false && missing is false")
                .isTrue();

        var divides = rule(Type.PRICING, 1, "true", "[{\"price_add\":\"10 / (values.basin_count - 1)\"}]");
        var failed = evaluate(values("length", 72), divides);
        assertThat(failed.valid()).isFalse();
        assertThat(failed.skipped()).singleElement().satisfies(s -> assertThat(s.reason())
                .contains("by zero"));
    }

    @Test
    void aRuleAppliesWholeOrNotAtAll() {
        var half = rule(
                Type.PRICING, 1, "true", "[{\"price_add\":\"500\"},{\"price_multiply\":\"values.basin_count / 0\"}]");
        var e = evaluate(values("length", 72), half);
        assertThat(e.price()).isEqualByComparingTo("1000");
        assertThat(e.fired()).isEmpty();
        assertThat(e.skipped()).hasSize(1);
    }

    @Test
    void aCostlyOrEndlessLookingRuleStopsWithAClearError() {
        var costly = rule(
                Type.VALIDATION,
                1,
                "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10]"
                        + ".all(c, [1,2,3,4,5,6,7,8,9,10].all(d, a + b + c + d + values.length > 0))))",
                "[{\"error\":\"never\"}]");
        long started = System.nanoTime();
        var e = evaluate(values("length", 72), costly);
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
        assertThat(e.valid()).isFalse();
        assertThat(e.skipped()).singleElement().satisfies(s -> assertThat(s.reason())
                .containsAnyOf("too costly", "iterations"));
        assertThat(e.errors()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("could not be checked"));
    }

    @Test
    void aPriceThatRunsAwayStopsTheRuleInsteadOfGrowingWithoutBound() {
        String times = "{\"price_multiply\":\"1e300\"}";
        var runaway =
                rule(Type.PRICING, 1, "true", "[" + String.join(",", java.util.Collections.nCopies(50, times)) + "]");
        long started = System.nanoTime();
        var e = evaluate(values("length", 72), runaway, runaway, runaway);
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
        assertThat(e.valid()).isFalse();
        assertThat(e.price()).isEqualByComparingTo("1000");
        assertThat(e.skipped()).hasSize(3).allSatisfy(s -> assertThat(s.reason())
                .contains("more than"));
    }

    @Test
    void aCategoryRuleSeesTheValuesAsAMap() {
        var category = new ConfigurationRule(
                null,
                categoryId,
                new ConfigurationRule.Definition(
                        "long tops",
                        null,
                        Type.PRICING,
                        1,
                        "has(values.length) && values.length > 100",
                        "[{\"price_add\":\"values.length * 2\"}]",
                        true,
                        "{}"));
        assertThat(evaluate(values("length", 110), category).price()).isEqualByComparingTo("1220");
        assertThat(evaluate(values("length", 90), category).price()).isEqualByComparingTo("1000");
        assertThatThrownBy(() -> expressions.compile("condition", "values.length >", Expressions.Result.BOOL, null))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void aRuleThatNoLongerCompilesIsSkippedWithTheReason() {
        var stale = rule(Type.PRICING, 1, "values.width > 3", "[{\"price_add\":\"1\"}]");
        var e = evaluate(values("length", 72), stale);
        assertThat(e.valid()).isFalse();
        assertThat(e.skipped()).singleElement().satisfies(s -> assertThat(s.reason())
                .contains("no longer compiles")
                .contains("no option 'width'"));
    }

    @Test
    void twoHundredRulesOverThirtyOptionsAllApply() {
        var product = twoHundredRulesOverThirtyOptions();
        var first = engine.evaluate(sink, product.options(), product.rules(), product.values());
        assertThat(first.valid()).as("%s", first.errors()).isTrue();
        assertThat(first.fired()).hasSizeGreaterThan(50);
        assertThat(first.price()).isPositive();
    }

    /**
     * The engine's speed, for bench/rule-engine.sh only (never a timed unit test): 200 rules alternating with the
     * same values checked against the options alone, p50/p95 of both printed.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "traveler.bench", matches = "rule-engine")
    void measureTwoHundredRulesOverThirtyOptions() {
        var product = twoHundredRulesOverThirtyOptions();
        var thirty = product.options();
        var rules = product.rules();
        var values = product.values();
        var first = engine.evaluate(sink, thirty, rules, values);
        // side by side, alternating: the 200 rules, and the same values checked against the options alone
        long[] nanos = new long[400];
        long[] baseline = new long[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            long started = System.nanoTime();
            engine.evaluate(sink, thirty, rules, values);
            nanos[i] = System.nanoTime() - started;
            started = System.nanoTime();
            engine.evaluate(sink, thirty, List.of(), values);
            baseline[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        Arrays.sort(baseline);
        long median = nanos[nanos.length / 2];
        System.out.printf(
                "rule-engine: 200 rules over 30 options p50 %d µs p95 %d µs; options alone p50 %d µs p95 %d µs;"
                        + " %d rules fired%n",
                median / 1000,
                nanos[nanos.length * 95 / 100] / 1000,
                baseline[baseline.length / 2] / 1000,
                baseline[baseline.length * 95 / 100] / 1000,
                first.fired().size());
    }

    /** A NUMBER option with a min and a step and no max: the step check subtracts and takes a remainder. */
    private static ProductOption shelves() {
        return new ProductOption(
                UUID.randomUUID(),
                "shelves",
                new ProductOption.Definition(
                        "Shelves",
                        ProductOption.Type.NUMBER,
                        new BigDecimal("1.000000"),
                        null,
                        BigDecimal.ONE,
                        null,
                        "[]",
                        null,
                        null,
                        null,
                        0,
                        null,
                        true,
                        null));
    }

    private static void refusedOn(String field, org.junit.jupiter.api.function.Executable attempt) {
        assertThatThrownBy(() -> org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                        java.time.Duration.ofSeconds(5), attempt))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .singleElement()
                        .satisfies(error -> assertThat(error.field()).isEqualTo(field)));
    }

    @Test
    void aNumberOfMoreThanFortyDigitsIsRefusedBeforeAnyArithmetic() {
        List<ProductOption> shelf = List.of(shelves());
        for (Object huge : List.of(
                "1e99999999",
                "-1e99999999",
                "1e-99999999",
                new BigDecimal("1e99999999"),
                java.math.BigInteger.TEN.pow(41),
                new BigDecimal("1." + "0".repeat(40) + "1"),
                1e300)) {
            refusedOn("values.shelves", () -> engine.evaluate(sink, shelf, List.of(), values("shelves", huge)));
        }
        assertThat(engine.evaluate(sink, shelf, List.of(), values("shelves", "4" + "0".repeat(39)))
                        .valid())
                .as("forty digits are a number like any other")
                .isTrue();
        assertThat(engine.evaluate(sink, shelf, List.of(), values("shelves", "2.5"))
                        .errors())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("Shelves must be 1 plus a multiple of 1"));
    }

    @Test
    void aDefaultOfMoreThanFortyDigitsIsRefusedAsTheDefault() {
        var d = shelves().definition();
        var huge = new ProductOption.Definition(
                d.label(),
                d.type(),
                d.minValue(),
                d.maxValue(),
                d.step(),
                null,
                "[]",
                null,
                "\"1e99999999\"",
                null,
                0,
                null,
                true,
                null);
        refusedOn("default", () -> OptionDefinitions.check(expressions, "shelves", huge, Map.of()));
    }

    @Test
    void aValueThatIsNotAFiniteNumberIsRefusedNamingTheOption() {
        for (Object infinite : List.of(Double.POSITIVE_INFINITY, Double.NaN, Float.NEGATIVE_INFINITY)) {
            refusedOn("values.length", () -> evaluate(values("length", infinite)));
        }
    }

    @Test
    void aValueKeyIsNeverCompiledAsAPattern() {
        var needsLights = rule(Type.PRICING, 1, "values.lights", "[{\"price_add\":\"180\"}]");
        for (String key : List.of("(", "[", "a{1", "\\", "*")) {
            var e = evaluate(values("length", 72, key, 1), needsLights);
            assertThat(e.valid()).isFalse();
            assertThat(messagesOf(e, key)).containsExactly("The product has no option '" + key + "'");
            assertThat(e.skipped()).singleElement().satisfies(s -> assertThat(s.reason())
                    .contains("lights"));
        }
    }

    @Test
    void aRuleThatMissesAValueAlreadyReportedWrongAddsNoSecondError() {
        var byLength = rule(Type.PRICING, 1, "values.length > 30", "[{\"price_add\":\"values.length\"}]");
        var e = evaluate(values("length", "x"), byLength);
        assertThat(e.skipped()).singleElement().satisfies(s -> assertThat(s.reason())
                .isEqualTo("needs a value for length"));
        assertThat(e.errors()).singleElement().satisfies(p -> assertThat(p.option())
                .isEqualTo("length"));

        var category = new ConfigurationRule(
                null,
                categoryId,
                new ConfigurationRule.Definition(
                        "by length",
                        null,
                        Type.PRICING,
                        1,
                        "values.length > 30",
                        "[{\"price_add\":\"1\"}]",
                        true,
                        "{}"));
        var viaMap = evaluate(values("length", "x"), category);
        assertThat(viaMap.skipped()).hasSize(1);
        assertThat(viaMap.errors())
                .as("the category rule missed length, already reported: %s", viaMap.skipped())
                .singleElement()
                .satisfies(p -> assertThat(p.option()).isEqualTo("length"));
    }

    @Test
    void valuesFromARequestAreCheckedBeforeTheEngineSeesThem() {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        java.util.function.Function<String, ValidationException> refusal = body -> {
            try {
                RuleEngine.valuesFrom("values", json.readTree(body));
                throw new AssertionError(body + " was taken");
            } catch (ValidationException e) {
                return e;
            }
        };
        assertThat(refusal.apply("{\"(\": 1}").errors().getFirst().field()).isEqualTo("values.(");
        assertThat(refusal.apply("{\"" + "a".repeat(51) + "\": 1}")
                        .errors()
                        .getFirst()
                        .field())
                .isEqualTo("values");
        assertThat(refusal.apply("{\"length\": 1e400}").errors().getFirst().field())
                .isEqualTo("values.length");
        assertThat(refusal.apply("{\"length\": -1e400}").errors().getFirst().field())
                .isEqualTo("values.length");
        assertThat(refusal.apply("{\"length\": 1" + "0".repeat(41) + "}")
                        .errors()
                        .getFirst()
                        .field())
                .isEqualTo("values.length");
        assertThat(refusal.apply("{\"length\": [1]}").errors().getFirst().field())
                .isEqualTo("values.length");
        assertThat(refusal.apply("{\"length\": {\"a\": 1}}").errors().getFirst().field())
                .isEqualTo("values.length");
        assertThat(RuleEngine.valuesFrom(
                        "values",
                        json.readTree(
                                "{\"" + "a".repeat(50) + "\": 2.5, \"b\": \"1e99999999\", \"c\": null, \"d\": true}")))
                .containsEntry("a".repeat(50), new BigDecimal("2.5"))
                .containsEntry("b", "1e99999999")
                .containsEntry("d", true)
                .doesNotContainKey("c");
    }

    @Test
    void unsavedRulesAreEvaluatedWithoutEnteringAnyCache() {
        String condition = "values.length > 70 && '" + UUID.randomUUID() + "' != ''";
        var draft = rule(Type.PRICING, 1, condition, "[{\"price_add\":\"values.length + 0.5\"}]");
        var e = engine.evaluateUnsaved(sink, options, List.of(draft), values("length", 72));
        assertThat(e.price()).isEqualByComparingTo("1072.5");
        assertThat(engine.keepsRule(condition)).isFalse();
        assertThat(expressions.keeps(condition)).isFalse();
        assertThat(expressions.keeps("values.length + 0.5")).isFalse();

        var console = new RuleConsole(null, null, new RuleService(null, null, null, expressions), engine);
        String tried = "values.length > 71 && '" + UUID.randomUUID() + "' != ''";
        var request = new RuleService.RuleRequest(
                null, null, "Draft", null, Type.PRICING, 1, tried, "[{\"price_add\":\"7\"}]", true, null);
        assertThat(console.tryRules(sink, options, values("length", 72), List.of(request))
                        .price())
                .isEqualByComparingTo("1007");
        assertThat(engine.keepsRule(tried)).isFalse();
        assertThat(expressions.keeps(tried)).isFalse();

        evaluate(values("length", 72), draft);
        assertThat(engine.keepsRule(condition))
                .as("saved rules are still prepared once")
                .isTrue();
        assertThat(expressions.keeps(condition)).isTrue();
    }

    @Test
    void theConsoleTriesAtMostSixtyFourKilobytesOfRulesAtOnce() {
        var console = new RuleConsole(null, null, new RuleService(null, null, null, expressions), engine);
        String condition = "values.length > 0 || " + "values.length == 1 || ".repeat(150) + "false";
        var request = new RuleService.RuleRequest(
                null, null, "Big", null, Type.PRICING, 1, condition, "[{\"price_add\":\"1\"}]", true, null);
        int fit = (int) (RuleConsole.MAX_SOURCE / (condition.length() + 20));
        assertThat(console.tryRules(sink, options, values("length", 72), java.util.Collections.nCopies(fit, request))
                        .price())
                .isEqualByComparingTo(BigDecimal.valueOf(1000 + fit));
        assertThatThrownBy(() -> console.tryRules(
                        sink, options, values("length", 72), java.util.Collections.nCopies(fit + 1, request)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .singleElement()
                        .satisfies(error -> assertThat(error.field()).isEqualTo("rules")));
    }

    private record Sized(List<ProductOption> options, List<ConfigurationRule> rules, Map<String, Object> values) {}

    private Sized twoHundredRulesOverThirtyOptions() {
        List<ProductOption> thirty = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            thirty.add(number("n" + i, 0, 1000, 1, null, i));
            values.put("n" + i, BigDecimal.valueOf(i * 10));
        }
        List<ConfigurationRule> rules = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int a = i % 30;
            int b = (i * 7) % 30;
            Type type = Type.values()[i % 5];
            String actions =
                    switch (type) {
                        case VALIDATION -> "[{\"error\":\"n%d too big\"}]".formatted(a);
                        case COMPATIBILITY -> "[{\"option\":\"n%d\",\"excludes\":[1001]}]".formatted(b);
                        case PRICING -> "[{\"price_add\":\"values.n%d * 1.5 + values.n%d\"}]".formatted(a, b);
                        case COMPONENT_SELECTION ->
                            "[{\"add\":{\"component_type\":\"PART\",\"component_id\":\"%s\",\"quantity\":\"values.n%d + 1\"}}]"
                                    .formatted(UUID.randomUUID(), a);
                        case CUSTOM_PART ->
                            "[{\"custom_part\":{\"name\":\"'Top ' + string(values.n%d)\",\"unit_cost\":\"values.n%d * 4.2\","
                                            .formatted(a, b)
                                    + "\"quantity\":\"1\",\"specifications\":{\"a\":\"values.n%d\"}}}]".formatted(a);
                    };
            String condition = type == Type.VALIDATION
                    ? "values.n%d > 5000".formatted(a)
                    : "values.n%d >= values.n%d || values.n%d < 100".formatted(a, b, b);
            rules.add(new ConfigurationRule(
                    productId,
                    null,
                    new ConfigurationRule.Definition("r" + i, null, type, i % 17, condition, actions, true, "{}")));
        }
        return new Sized(thirty, rules, values);
    }
}
