package io.traveler.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.SpringForJqwik;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Explosions of random BOM trees against a computation made here: each line's quantity × (1 + waste) multiplied
 * down the path and by the ordered quantity, priced and weighed at the leaves; and the line count that guards the
 * explosion's size equals the size of the explosion. jqwik generates the trees, shrinks a failing one and reports
 * its seed; the trees are built through the services of the shared application context.
 */
@ApplicationTest
class ExplosionProperties {
    @Autowired
    ApplicationContext context;

    @Autowired
    BomService boms;

    @Autowired
    BomGraphs graphs;

    @Autowired
    TransactionTemplate transactions;

    Tenants.Member owner;
    DirectCatalog fixtures;
    int tries;

    @BeforeProperty
    void inTheApplication() {
        SpringForJqwik.inject(this);
        owner = Tenants.in(context).organization("FACTORY");
        fixtures = DirectCatalog.of(context, owner);
    }

    record PartSpec(BigDecimal cost, BigDecimal weight) {}

    /** A line as generated: {@code pick} chooses among the parts or the deeper products once their numbers are known. */
    record RawLine(boolean ofPart, int pick, BigDecimal quantity, BigDecimal waste, boolean optional) {}

    record LineSpec(boolean ofPart, int target, BigDecimal quantity, BigDecimal waste, boolean optional) {}

    /** Products by level: a product's lines name parts or products of deeper levels, so the tree has no cycle. */
    record TreeSpec(List<PartSpec> parts, List<List<LineSpec>> products, BigDecimal ordered, boolean withOptional) {}

    @Provide
    Arbitrary<TreeSpec> trees() {
        Arbitrary<PartSpec> part = Combinators.combine(
                        Arbitraries.integers().between(0, 99_999),
                        Arbitraries.integers().between(0, 4_999))
                .as((cost, weight) -> new PartSpec(BigDecimal.valueOf(cost, 2), BigDecimal.valueOf(weight, 3)));
        Arbitrary<RawLine> line = Combinators.combine(
                        Arbitraries.integers().between(0, 2).map(i -> i == 0),
                        Arbitraries.integers().between(0, 1_000),
                        Arbitraries.integers().between(1, 5_000),
                        Arbitraries.integers().between(0, 299),
                        Arbitraries.integers().between(0, 4).map(i -> i == 4))
                .as((product, pick, quantity, waste, optional) -> new RawLine(
                        !product, pick, BigDecimal.valueOf(quantity, 3), BigDecimal.valueOf(waste, 3), optional));
        return Combinators.combine(
                        part.list().ofMinSize(1).ofMaxSize(5),
                        line.list()
                                .ofMinSize(1)
                                .ofMaxSize(4)
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(4),
                        Arbitraries.integers().between(1, 20).map(BigDecimal::valueOf),
                        Arbitraries.of(true, false))
                .as(ExplosionProperties::resolved);
    }

    /** Names each line's target: a part, or (below the last level) a product of a deeper level. */
    private static TreeSpec resolved(
            List<PartSpec> parts, List<List<RawLine>> raw, BigDecimal ordered, boolean withOptional) {
        List<List<LineSpec>> products = new ArrayList<>();
        for (int p = 0; p < raw.size(); p++) {
            int deeper = raw.size() - p - 1;
            List<LineSpec> lines = new ArrayList<>();
            for (RawLine line : raw.get(p)) {
                boolean ofPart = deeper == 0 || line.ofPart();
                int target = ofPart ? line.pick() % parts.size() : p + 1 + line.pick() % deeper;
                lines.add(new LineSpec(ofPart, target, line.quantity(), line.waste(), line.optional()));
            }
            products.add(lines);
        }
        return new TreeSpec(parts, products, ordered, withOptional);
    }

    @Property(tries = 40)
    void explosionTotalsMatchAnIndependentComputationAndTheCountThatGuardsIt(@ForAll("trees") TreeSpec tree) {
        UUID rootBom = built(tree, "T" + ++tries + "-");

        var explosion = owner.call(() -> boms.explode(rootBom, tree.ordered(), tree.withOptional()));

        BigDecimal[] expected = totals(tree, 0, tree.ordered());
        assertThat(explosion.totalCost()).as("total cost").isEqualByComparingTo(expected[0]);
        assertThat(explosion.totalWeight()).as("total weight").isEqualByComparingTo(expected[1]);
        assertThat(explosion.leafCount()).as("leaves").isEqualTo(expected[2].intValue());
        long counted = owner.call(() -> transactions.execute(status -> {
            BomGraph graph = graphs.current();
            return graph.lineCount(graph.active(rootBom), tree.withOptional());
        }));
        assertThat(counted)
                .as("lines counted before the explosion")
                .isEqualTo(explosion.lines().size());
    }

    /** The tree's parts, then its products from the deepest level up, each with an ACTIVE BOM; the root's BOM. */
    private UUID built(TreeSpec tree, String prefix) {
        List<UUID> partIds = new ArrayList<>();
        for (int i = 0; i < tree.parts().size(); i++) {
            PartSpec spec = tree.parts().get(i);
            partIds.add(owner.call(() -> fixtures.catalog()
                    .createPart(new CatalogService.PartData(
                            prefix + "P" + partIds.size(),
                            "Part",
                            null,
                            Part.Kind.COMPONENT,
                            "ea",
                            spec.cost(),
                            spec.weight(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            Set.of()))
                    .id()));
        }
        UUID[] productIds = new UUID[tree.products().size()];
        UUID rootBom = null;
        for (int p = tree.products().size() - 1; p >= 0; p--) {
            productIds[p] = fixtures.product(prefix + "S" + p);
            List<BomLines.Line> lines = new ArrayList<>();
            for (LineSpec line : tree.products().get(p)) {
                lines.add(new BomLines.Line(
                        line.ofPart() ? Bom.ComponentType.PART : Bom.ComponentType.PRODUCT,
                        line.ofPart() ? partIds.get(line.target()) : productIds[line.target()],
                        line.quantity(),
                        null,
                        line.waste(),
                        line.optional(),
                        null,
                        null,
                        null));
            }
            UUID product = productIds[p];
            rootBom = owner.call(() -> {
                UUID draft = boms.createDraft(product, lines, null).bom().id();
                return boms.activate(draft, ExpectedVersion.none()).bom().id();
            });
        }
        return rootBom;
    }

    /** Cost, weight and leaf count of {@code multiplier} of product {@code p}. */
    private static BigDecimal[] totals(TreeSpec tree, int p, BigDecimal multiplier) {
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal weight = BigDecimal.ZERO;
        int leaves = 0;
        for (LineSpec line : tree.products().get(p)) {
            if (line.optional() && !tree.withOptional()) {
                continue;
            }
            BigDecimal extended = multiplier.multiply(line.quantity()).multiply(BigDecimal.ONE.add(line.waste()));
            if (line.ofPart()) {
                PartSpec part = tree.parts().get(line.target());
                cost = cost.add(extended.multiply(part.cost()));
                weight = weight.add(extended.multiply(part.weight()));
                leaves++;
            } else {
                BigDecimal[] below = totals(tree, line.target(), extended);
                cost = cost.add(below[0]);
                weight = weight.add(below[1]);
                leaves += below[2].intValue();
            }
        }
        return new BigDecimal[] {cost, weight, BigDecimal.valueOf(leaves)};
    }
}
