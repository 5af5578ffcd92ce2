package io.traveler.configurator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.configurator.internal.Expressions.EvaluationFailure;
import io.traveler.configurator.internal.Expressions.Result;
import io.traveler.configurator.internal.Expressions.ValueType;
import io.traveler.shared.errors.ValidationException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CEL environment on its own: what it accepts, what it refuses where, and the sandbox's limits. */
class ExpressionsTests {
    private final Expressions expressions = new Expressions();
    private final Map<String, ValueType> sink = Map.of(
            "length",
            ValueType.NUMBER,
            "basin_count",
            ValueType.NUMBER,
            "lifter",
            ValueType.BOOL,
            "basin_type",
            ValueType.STRING);
    private final Map<String, Object> values = Map.of(
            "length",
            Expressions.value(new BigDecimal("72.5")),
            "basin_count",
            Expressions.value(new BigDecimal("2")),
            "lifter",
            true,
            "basin_type",
            "undermount");

    @Test
    void conditionsAndComputedValuesSeeTheValuesTypedByTheirOptions() {
        var condition = expressions.compile("condition", "values.length > 60 && values.lifter", Result.BOOL, sink);
        assertThat(expressions.test(condition, values)).isTrue();
        var price =
                expressions.compile("price_add", "values.length * 3 + values.basin_count * 2.5", Result.NUMBER, sink);
        assertThat(expressions.number(price, values)).isEqualByComparingTo("222.5");
        var name = expressions.compile(
                "name", "'Basin ' + values.basin_type + ' ' + string(values.basin_count)", Result.TEXT, sink);
        assertThat(expressions.text(name, values)).isEqualTo("Basin undermount 2");
        assertThat(expressions.test(expressions.compile("c", "values.basin_count == 2", Result.BOOL, sink), values))
                .isTrue();
    }

    @Test
    void badCelIsRefusedNamingTheFieldAndThePosition() {
        assertThatThrownBy(() -> expressions.compile("condition", "values.length >", Result.BOOL, sink))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("condition");
                        assertThat(error.message()).startsWith("line 1, column 16:");
                    });
                });
        assertThatThrownBy(() -> expressions.compile("condition", "values.lenght > 60", Result.BOOL, sink))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("no option 'lenght'");
        assertThatThrownBy(() -> expressions.compile("condition", "values.basin_type > 3", Result.BOOL, sink))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("no matching overload");
        assertThatThrownBy(() -> expressions.compile("condition", "values.basin_type + 's'", Result.BOOL, sink))
                .hasMessageContaining("must give true or false");
    }

    @Test
    void nothingButTheValuesCanBeReached() {
        for (String escape : new String[] {"env.HOME == ''", "request.user == 'x'", "getClass() == null", "x"}) {
            assertThatThrownBy(() -> expressions.compile("condition", escape, Result.BOOL, sink))
                    .as(escape)
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("undeclared reference");
        }
    }

    @Test
    void heavyExpressionsStopWithAClearError() {
        var nested = expressions.compile(
                "condition",
                "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, a + b + c > 0)))",
                Result.BOOL,
                sink);
        assertThatThrownBy(() -> expressions.test(nested, values))
                .isInstanceOf(EvaluationFailure.class)
                .hasMessageContaining("too costly");
        var wide =
                expressions.compile("condition", "[" + "1,".repeat(1500) + "1].exists(x, x == 2)", Result.BOOL, sink);
        assertThatThrownBy(() -> expressions.test(wide, values)).isInstanceOf(EvaluationFailure.class);
    }

    @Test
    void aMissingValueFailsTheEvaluationNotTheApplication() {
        var condition = expressions.compile("condition", "values.length > 60", Result.BOOL, sink);
        assertThatThrownBy(() -> expressions.test(condition, Map.of())).isInstanceOf(EvaluationFailure.class);
    }

    @Test
    void aComputedTextThatIsNotAFiniteNumberFailsTheEvaluation() {
        var width = expressions.compile("width_mm", "values.length * 1e308 * 10.0", Result.TEXT, sink);
        assertThatThrownBy(() -> expressions.text(width, values))
                .isInstanceOf(EvaluationFailure.class)
                .hasMessageContaining("not a finite number");
        var nan = expressions.compile(
                "width_mm", "values.length * 1e308 * 10.0 - values.length * 1e308 * 10.0", Result.TEXT, sink);
        assertThatThrownBy(() -> expressions.text(nan, values)).isInstanceOf(EvaluationFailure.class);
        assertThat(expressions.text(expressions.compile("w", "values.length * 2", Result.TEXT, sink), values))
                .isEqualTo("145");
    }

    @Test
    void aFailureForAMissingValueNamesTheOptionsItMissed() {
        var needs = expressions.compile(
                "condition", "values.lifter && values.length > values.basin_count", Result.BOOL, sink);
        assertThatThrownBy(() -> expressions.test(needs, Map.of("lifter", true, "basin_count", 2L)))
                .isInstanceOfSatisfying(
                        EvaluationFailure.class, e -> assertThat(e.missing()).containsExactly("length"));
        var divides = expressions.compile("n", "10 / (values.basin_count - 2)", Result.NUMBER, sink);
        assertThatThrownBy(() -> expressions.number(divides, values))
                .isInstanceOfSatisfying(
                        EvaluationFailure.class, e -> assertThat(e.missing()).isEmpty());
    }

    @Test
    void whatIsCompiledUncachedIsKeptNowhere() {
        String source = "values.length > 10 && '" + java.util.UUID.randomUUID() + "' != ''";
        var once = expressions.compileUncached("condition", source, Result.BOOL, sink);
        assertThat(expressions.test(once, values)).isTrue();
        assertThat(expressions.uncached().compile("condition", source, Result.BOOL, sink))
                .isNotSameAs(once);
        assertThat(expressions.keeps(source)).isFalse();
        assertThatThrownBy(() -> expressions.compileUncached("condition", "values.length >", Result.BOOL, sink))
                .isInstanceOf(ValidationException.class);

        var kept = expressions.compile("condition", source, Result.BOOL, sink);
        assertThat(expressions.keeps(source)).isTrue();
        assertThat(expressions.compile("condition", source, Result.BOOL, sink)).isSameAs(kept);
        assertThat(expressions.compileUncached("condition", source, Result.BOOL, sink))
                .as("what was kept is found, not compiled again")
                .isSameAs(kept);
    }
}
