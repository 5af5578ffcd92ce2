package io.traveler.configurator.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.traveler.shared.errors.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import org.springframework.stereotype.Component;

/**
 * The CEL environment of conditions and computed values. An expression sees nothing but the configuration's values:
 * each option as {@code values.<code>}, typed by its option (NUMBER: a number, CHOICE and TEXT: a string, BOOLEAN: a bool), so a
 * misspelt option or a string compared with a number is refused when the rule is saved, at its line and column.
 * Numbers mix: {@code values.length * 2.5} works whether the length is whole or not (CEL alone has no int × double).
 *
 * <p>Evaluation is sandboxed: no functions but CEL's standard ones and those four operators, no I/O, comprehensions
 * stop after {@value #MAX_ITERATIONS} iterations and an evaluation after {@value #MAX_STEPS} steps (each
 * sub-expression evaluated is a step), with a clear error. Compiled programs are cached by their source and the
 * option types they were checked against.
 */
@Component
public class Expressions {
    /** The longest expression accepted (as the database's check). */
    public static final int MAX_LENGTH = 4000;

    static final int MAX_ITERATIONS = 1000;
    static final int MAX_STEPS = 10_000;

    /** How an option's value looks to an expression. */
    public enum ValueType {
        NUMBER,
        STRING,
        BOOL
    }

    /** What an expression must produce. */
    public enum Result {
        BOOL,
        NUMBER,
        TEXT
    }

    /** A checked expression, ready to evaluate any number of times. */
    public record Compiled(String source, Result result, CelRuntime.Program program) {}

    /** An evaluation that failed: a missing value, a wrong type at run time, or a limit reached. */
    public static final class EvaluationFailure extends RuntimeException {
        private final Set<String> missing;

        EvaluationFailure(String message) {
            this(message, Set.of());
        }

        EvaluationFailure(String message, Set<String> missing) {
            super(message);
            this.missing = Set.copyOf(missing);
        }

        /** The options the expression named and had no value for, when that is why it failed. */
        public Set<String> missing() {
            return missing;
        }
    }

    /**
     * CEL's options and runtime, made on the first compilation rather than with the bean: they load most of CEL,
     * protobuf and Guava, which took about a second of every start whether or not a rule was ever compiled.
     */
    private static final class Cel {
        static final CelOptions OPTIONS = CelOptions.newBuilder()
                .enableHeterogeneousNumericComparisons(true)
                .enableUnsignedLongs(true)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .maxExpressionCodePointSize(MAX_LENGTH)
                .maxParseRecursionDepth(64)
                .maxRegexProgramSize(200)
                .build();

        static final Set<CelKind> NUMERIC = EnumSet.of(CelKind.INT, CelKind.UINT, CelKind.DOUBLE, CelKind.DYN);

        static final CelRuntime RUNTIME = runtime();

        private static CelRuntime runtime() {
            var builder = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS);
            for (var operator : MixedArithmetic.values()) {
                builder.addFunctionBindings(
                        CelFunctionBinding.from(
                                operator.overload + "_int_double",
                                Long.class,
                                Double.class,
                                (a, b) -> operator.apply.apply(a.doubleValue(), b)),
                        CelFunctionBinding.from(
                                operator.overload + "_double_int",
                                Double.class,
                                Long.class,
                                (a, b) -> operator.apply.apply(a, b.doubleValue())));
            }
            return builder.build();
        }
    }

    private final Cache<SortedMap<String, ValueType>, CelCompiler> compilers;
    private final Cache<Key, Compiled> compiled;
    /** Whether what this compiles is kept in {@link #compiled}: not for unsaved rules (see {@link #uncached}). */
    private final boolean keeps;

    private final Expressions uncached;

    private record Key(String source, Result result, SortedMap<String, ValueType> options) {}

    public Expressions() {
        this.compilers = Caffeine.newBuilder().maximumSize(1_000).build();
        this.compiled = Caffeine.newBuilder().maximumSize(20_000).build();
        this.keeps = true;
        this.uncached = new Expressions(this);
    }

    private Expressions(Expressions keeping) {
        this.compilers = keeping.compilers;
        this.compiled = keeping.compiled;
        this.keeps = false;
        this.uncached = this;
    }

    /**
     * The same environment, but what it compiles is kept nowhere (it still finds what was compiled and kept before):
     * for expressions nobody saved, such as the test console's, which would otherwise fill the cache with whatever
     * a request sends.
     */
    public Expressions uncached() {
        return uncached;
    }

    /** As {@link #compile}, keeping nothing: {@code uncached().compile(…)}. */
    public Compiled compileUncached(String field, String source, Result result, Map<String, ValueType> options) {
        return uncached.compile(field, source, result, options);
    }

    /** Whether an expression with this source is kept compiled (tests: what unsaved rules leave behind). */
    boolean keeps(String source) {
        return compiled.asMap().keySet().stream().anyMatch(key -> key.source().equals(source));
    }

    /**
     * Checks {@code source} as an expression producing {@code result}. {@code options} types each option the
     * expression may name as {@code values.<code>}; null (or empty) for a rule that applies to many products (a
     * category's): then {@code values} is a map any code may be asked of, and a missing one fails at evaluation. Refused with a 422 naming
     * {@code field} and the line and column of each error.
     */
    public Compiled compile(String field, String source, Result result, Map<String, ValueType> options) {
        if (source == null || source.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        if (source.length() > MAX_LENGTH) {
            throw new ValidationException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        SortedMap<String, ValueType> declared = options == null ? new TreeMap<>() : new TreeMap<>(options);
        Key key = new Key(source, result, declared);
        Compiled known = compiled.getIfPresent(key);
        if (known != null) {
            return known;
        }
        CelCompiler compiler = compilers.get(declared, Expressions::compilerFor);
        CelAbstractSyntaxTree ast;
        try {
            ast = compiler.compile(source).getAst();
        } catch (CelValidationException e) {
            throw new ValidationException(field, describe(source, e.getErrors()));
        }
        requireResult(field, ast.getResultType(), result);
        try {
            var made = new Compiled(source, result, Cel.RUNTIME.createProgram(ast));
            if (keeps) {
                compiled.put(key, made);
            }
            return made;
        } catch (CelEvaluationException e) {
            throw new ValidationException(field, e.getMessage());
        }
    }

    /** Evaluates a condition: true or false. */
    public boolean test(Compiled expression, Map<String, Object> values) {
        return test(expression, bind(values));
    }

    public boolean test(Compiled expression, Bound values) {
        Object answer = evaluate(expression, values);
        if (answer instanceof Boolean b) {
            return b;
        }
        throw new EvaluationFailure("gave " + describe(answer) + ", not true or false");
    }

    /** Evaluates a computed number. */
    public BigDecimal number(Compiled expression, Map<String, Object> values) {
        return number(expression, bind(values));
    }

    public BigDecimal number(Compiled expression, Bound values) {
        Object answer = evaluate(expression, values);
        if (answer instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (answer instanceof Double d && !d.isNaN() && !d.isInfinite()) {
            return BigDecimal.valueOf(d);
        }
        if (answer instanceof com.google.common.primitives.UnsignedLong u) {
            return new BigDecimal(u.bigIntegerValue());
        }
        throw new EvaluationFailure("gave " + describe(answer) + ", not a number");
    }

    /** Evaluates a computed text (a number or a bool is written out). */
    public String text(Compiled expression, Map<String, Object> values) {
        return text(expression, bind(values));
    }

    public String text(Compiled expression, Bound values) {
        Object answer = evaluate(expression, values);
        return switch (answer) {
            case String s -> s;
            case Long l -> Long.toString(l);
            case Double d -> {
                if (!Double.isFinite(d)) {
                    throw new EvaluationFailure("gave " + d + ", not a finite number");
                }
                yield BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            }
            case Boolean b -> Boolean.toString(b);
            default -> throw new EvaluationFailure("gave " + describe(answer) + ", not a text");
        };
    }

    /**
     * Evaluates within the step limit. {@code values} are the configuration's values by option code, as
     * {@link #value} makes them.
     */
    public Object evaluate(Compiled expression, Map<String, Object> values) {
        return evaluate(expression, bind(values));
    }

    /**
     * Values made ready for any number of evaluations ({@link #bind}): what an expression sees, built once for all
     * the rules of one evaluation rather than once per expression.
     */
    public static final class Bound {
        private final Map<String, Object> values;
        private final Map<String, Object> activation;

        private Bound(Map<String, Object> values) {
            this.values = values;
            this.activation = new HashMap<>(values.size() * 2 + 2);
            activation.put("values", values);
            values.forEach((code, value) -> activation.put("values." + code, value));
        }
    }

    /** The values as expressions see them; {@code values} must not change while the binding is in use. */
    public static Bound bind(Map<String, Object> values) {
        return new Bound(values);
    }

    /** Evaluates within the step limit, on values bound once ({@link #bind}). */
    public Object evaluate(Compiled expression, Bound bound) {
        Map<String, Object> values = bound.values;
        int[] steps = {0};
        try {
            Object answer = expression.program().trace(bound.activation, (expr, value) -> {
                if (++steps[0] > MAX_STEPS) {
                    throw new StepLimitReached();
                }
            });
            if (answer instanceof dev.cel.runtime.CelUnknownSet) {
                Set<String> missing = missing(expression.source(), values);
                throw new EvaluationFailure(
                        missing.isEmpty()
                                ? "a value it needs is missing"
                                : "needs a value for " + String.join(", ", missing),
                        missing);
            }
            return answer;
        } catch (EvaluationFailure e) {
            throw e;
        } catch (StepLimitReached e) {
            throw new EvaluationFailure("stopped after " + MAX_STEPS + " steps: the expression is too costly");
        } catch (CelEvaluationException e) {
            if (e.getCause() instanceof StepLimitReached) {
                throw new EvaluationFailure("stopped after " + MAX_STEPS + " steps: the expression is too costly");
            }
            throw failure(plain(e.getMessage()), expression.source(), values);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof StepLimitReached) {
                throw new EvaluationFailure("stopped after " + MAX_STEPS + " steps: the expression is too costly");
            }
            throw failure(plain(String.valueOf(e.getMessage())), expression.source(), values);
        }
    }

    /**
     * A value as expressions see it: a number as an int when whole, else a double; a bool; a string. Null stays
     * null (the caller leaves the option out).
     */
    public static Object value(Object raw) {
        if (raw instanceof BigDecimal d) {
            return wholeOrDouble(d);
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Number n) {
            return wholeOrDouble(new BigDecimal(n.toString()));
        }
        return raw;
    }

    private static Object wholeOrDouble(BigDecimal d) {
        BigDecimal plain = d.stripTrailingZeros();
        if (plain.scale() <= 0 && plain.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            return plain.longValueExact();
        }
        return d.doubleValue();
    }

    private static final class StepLimitReached extends RuntimeException {
        StepLimitReached() {
            super(null, null, false, false);
        }
    }

    private enum MixedArithmetic {
        ADD("_+_", "add", Double::sum),
        SUBTRACT("_-_", "subtract", (a, b) -> a - b),
        MULTIPLY("_*_", "multiply", (a, b) -> a * b),
        DIVIDE("_/_", "divide", (a, b) -> a / b);

        final String function;
        final String overload;
        final BinaryOperator<Double> apply;

        MixedArithmetic(String function, String overload, BinaryOperator<Double> apply) {
            this.function = function;
            this.overload = "traveler_" + overload;
            this.apply = apply;
        }
    }

    private static CelCompiler compilerFor(SortedMap<String, ValueType> options) {
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(Cel.OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        if (options.isEmpty()) {
            builder.addVar("values", MapType.create(SimpleType.STRING, SimpleType.DYN));
        }
        options.forEach((code, type) -> builder.addVar(
                "values." + code,
                switch (type) {
                    case NUMBER -> SimpleType.DYN;
                    case STRING -> SimpleType.STRING;
                    case BOOL -> SimpleType.BOOL;
                }));
        for (var operator : MixedArithmetic.values()) {
            builder.addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration(
                    operator.function,
                    CelOverloadDecl.newGlobalOverload(
                            operator.overload + "_int_double", SimpleType.DOUBLE, SimpleType.INT, SimpleType.DOUBLE),
                    CelOverloadDecl.newGlobalOverload(
                            operator.overload + "_double_int", SimpleType.DOUBLE, SimpleType.DOUBLE, SimpleType.INT)));
        }
        return builder.build();
    }

    private static void requireResult(String field, CelType type, Result result) {
        CelKind kind = type.kind();
        boolean fits =
                switch (result) {
                    case BOOL -> kind == CelKind.BOOL || kind == CelKind.DYN;
                    case NUMBER -> Cel.NUMERIC.contains(kind);
                    case TEXT -> true;
                };
        if (!fits) {
            throw new ValidationException(
                    field,
                    "must give " + (result == Result.BOOL ? "true or false" : "a number") + ", not " + type.name());
        }
    }

    private static final java.util.regex.Pattern OPTION_AT = java.util.regex.Pattern.compile("^values\\.(\\w+)");

    private static String describe(String source, List<CelIssue> issues) {
        List<String> parts = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (CelIssue issue : issues.subList(0, Math.min(issues.size(), 5))) {
            var at = issue.getSourceLocation();
            String message = issue.getMessage();
            if (message.startsWith("undeclared reference to 'values'")
                    && at.getLine() >= 1
                    && at.getLine() <= lines.length) {
                var option = OPTION_AT.matcher(lines[at.getLine() - 1].substring(Math.max(0, at.getColumn())));
                if (option.find()) {
                    message = "the product has no option '" + option.group(1) + "'";
                }
            }
            parts.add("line " + at.getLine() + ", column " + (at.getColumn() + 1) + ": " + message);
        }
        return String.join("; ", parts);
    }

    private static final java.util.regex.Pattern OPTION_NAMED =
            java.util.regex.Pattern.compile("\\bvalues\\.([a-z][a-z0-9_]*)");

    /** The options an expression names and has no value for (CEL answers "unknown" for them). */
    private static Set<String> missing(String source, Map<String, Object> values) {
        var named = OPTION_NAMED.matcher(source);
        Set<String> missing = new java.util.TreeSet<>();
        while (named.find()) {
            if (!values.containsKey(named.group(1))) {
                missing.add(named.group(1));
            }
        }
        return missing;
    }

    /**
     * A failure at run time; the options it names (a category's rule asking its {@code values} map for a key that is
     * not there) and that have no value are what it missed. Codes are compared as plain text, never as patterns.
     */
    private static EvaluationFailure failure(String message, String source, Map<String, Object> values) {
        Set<String> missed = new java.util.TreeSet<>();
        for (String code : missing(source, values)) {
            if (mentions(message, code)) {
                missed.add(code);
            }
        }
        return new EvaluationFailure(message, missed);
    }

    /** Whether {@code text} has {@code word} as a whole word (not inside a longer name). */
    static boolean mentions(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || !wordChar(text.charAt(at - 1))) && (end == text.length() || !wordChar(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static String describe(Object answer) {
        return answer == null ? "null" : answer.getClass().getSimpleName().toLowerCase() + " " + answer;
    }

    private static String plain(String message) {
        // CEL prefixes "evaluation error at <input>:N: "; the rule and field already say where
        return message == null
                ? "could not be evaluated"
                : message.replaceFirst("^evaluation error at <input>:\\d+: ", "");
    }
}
