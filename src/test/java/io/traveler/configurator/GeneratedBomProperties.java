package io.traveler.configurator;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.configurator.internal.BomGeneration;
import io.traveler.configurator.internal.ConfigurationRule.Type;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.SpringForJqwik;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Generated rule sets over a generated base BOM: the generated BOM must equal the base with the additions, removals
 * and replacements of the rules whose condition holds, applied in priority order (ties in creation order), as
 * computed here from the rules alone.
 */
@ApplicationTest
class GeneratedBomProperties {
    private static final int PARTS = 5;

    @Autowired
    ApplicationContext context;

    Workshop shop;
    List<UUID> parts;

    @BeforeProperty
    void inTheApplication() {
        SpringForJqwik.inject(this);
        shop = Workshop.of(context);
        parts = IntStream.range(0, PARTS)
                .mapToObj(i ->
                        shop.part("P" + i + "-" + UUID.randomUUID().toString().substring(0, 6), "1"))
                .toList();
    }

    enum Kind {
        ADD,
        REMOVE,
        REPLACE
    }

    /**
     * A rule firing when {@code x >= threshold}: ADD {@code quantity} of part {@code part}, REMOVE it, or REPLACE it
     * by part {@code with} ({@code quantity} 0: keep the replaced line's).
     */
    record Rule(int priority, int threshold, Kind kind, int part, int with, int quantity) {}

    /** A line as the model keeps it: the part's index and its quantity. */
    record Line(int part, int quantity) {}

    record Case(List<Line> base, List<Rule> rules, int x) {}

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Line> line = Combinators.combine(
                        Arbitraries.integers().between(0, PARTS - 1),
                        Arbitraries.integers().between(1, 4))
                .as(Line::new);
        Arbitrary<Rule> rule = Combinators.combine(
                        Arbitraries.integers().between(1, 5),
                        Arbitraries.integers().between(0, 10),
                        Arbitraries.of(Kind.class),
                        Arbitraries.integers().between(0, PARTS - 1),
                        Arbitraries.integers().between(0, PARTS - 1),
                        Arbitraries.integers().between(0, 3))
                .as(Rule::new);
        return Combinators.combine(
                        line.list().ofMaxSize(6),
                        rule.list().ofMaxSize(6),
                        Arbitraries.integers().between(0, 10))
                .as(Case::new);
    }

    @Property(tries = 25)
    void theGeneratedBomIsTheBaseWithTheFiredSelectionsInPriorityOrder(@ForAll("cases") Case c) {
        UUID product = shop.product("GEN-" + UUID.randomUUID().toString().substring(0, 8), "10");
        if (!c.base().isEmpty()) {
            shop.activeBom(
                    product,
                    c.base().stream()
                            .map(l -> Workshop.line(parts.get(l.part()), String.valueOf(l.quantity())))
                            .toList());
        }
        shop.numberOption(product, "x", 0, 10);
        for (Rule r : c.rules()) {
            shop.rule(product, Type.COMPONENT_SELECTION, r.priority(), "values.x >= " + r.threshold(), action(r));
        }

        var configuration = shop.configure(product, Map.of("x", c.x()));
        BomGeneration.Generated generated = shop.generate(configuration.id());

        assertThat(generated.lines())
                .extracting(
                        l -> parts.indexOf(l.componentId()), l -> l.quantity().intValueExact())
                .containsExactlyElementsOf(expected(c).stream()
                        .map(l -> org.assertj.core.groups.Tuple.tuple(l.part(), l.quantity()))
                        .toList());
    }

    private String action(Rule r) {
        String part = parts.get(r.part()).toString();
        String with = parts.get(r.with()).toString();
        int quantity = Math.max(r.quantity(), 1);
        return switch (r.kind()) {
            case ADD ->
                "[{\"add\": {\"component_type\": \"PART\", \"component_id\": \"" + part + "\", \"quantity\": \""
                        + quantity + " * 1\"}}]";
            case REMOVE -> "[{\"remove\": {\"component_id\": \"" + part + "\"}}]";
            case REPLACE ->
                "[{\"replace\": {\"component_id\": \"" + part + "\", \"with\": {\"component_type\":"
                        + " \"PART\", \"component_id\": \"" + with + "\""
                        + (r.quantity() == 0 ? "" : ", \"quantity\": " + r.quantity()) + "}}}]";
        };
    }

    /** The model: the firing rules, stably sorted by priority, each rewriting the whole line list anew. */
    private static List<Line> expected(Case c) {
        List<Rule> firing = c.rules().stream()
                .filter(r -> c.x() >= r.threshold())
                .sorted(Comparator.comparingInt(Rule::priority))
                .toList();
        List<Line> lines = c.base();
        for (Rule r : firing) {
            lines = switch (r.kind()) {
                case REMOVE -> lines.stream().filter(l -> l.part() != r.part()).toList();
                case REPLACE ->
                    lines.stream()
                            .map(l -> l.part() != r.part()
                                    ? l
                                    : new Line(r.with(), r.quantity() == 0 ? l.quantity() : r.quantity()))
                            .toList();
                case ADD -> added(lines, r.part(), Math.max(r.quantity(), 1));
            };
        }
        return lines;
    }

    private static List<Line> added(List<Line> lines, int part, int quantity) {
        int at = IntStream.range(0, lines.size())
                .filter(i -> lines.get(i).part() == part)
                .findFirst()
                .orElse(-1);
        if (at < 0) {
            return Stream.concat(lines.stream(), Stream.of(new Line(part, quantity)))
                    .toList();
        }
        List<Line> out = new ArrayList<>(lines);
        out.set(at, new Line(part, lines.get(at).quantity() + quantity));
        return out;
    }
}
