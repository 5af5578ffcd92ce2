package io.traveler.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.catalog.internal.BomGraph.Component;
import io.traveler.catalog.internal.BomGraph.Edge;
import io.traveler.catalog.internal.BomGraph.Structure;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The explosion's guard counts exactly the lines the explosion then makes: an over-count would refuse explosions
 * within the cap, an under-count let larger ones through. Random graphs of shared sub-assemblies, optional lines,
 * substitute groups and DRAFT roots whose own product reappears below them, built in memory.
 */
class BomGraphProperties {
    record Graph(BomGraph graph, List<Structure> roots) {}

    @Provide
    Arbitrary<Graph> graphs() {
        return Arbitraries.longs().map(seed -> graph(new Random(seed)));
    }

    @Property(tries = 300)
    void theLineCountIsTheSizeOfTheExplosionItGuards(@ForAll("graphs") Graph g, @ForAll boolean includeOptional) {
        for (Structure root : g.roots()) {
            long counted = g.graph().lineCount(root, includeOptional);
            int exploded =
                    g.graph().explode(root, BigDecimal.ONE, includeOptional).size();
            assertThat(counted).as("lines counted for BOM %s", root.bomId()).isEqualTo(exploded);
        }
    }

    @Property(tries = 100)
    void aStreamedExplosionHandsOverTheLinesTheListHolds(@ForAll("graphs") Graph g, @ForAll boolean includeOptional) {
        for (Structure root : g.roots()) {
            var streamed = new ArrayList<BomService.ExplodedLine>();
            g.graph().explode(root, new BigDecimal("3"), includeOptional, streamed::add);
            assertThat(streamed).isEqualTo(g.graph().explode(root, new BigDecimal("3"), includeOptional));
        }
    }

    @Property(tries = 200)
    void theRolledUpTotalsAreTheSumsOfTheLines(@ForAll("graphs") Graph g, @ForAll boolean includeOptional) {
        BigDecimal ordered = new BigDecimal("2.5");
        for (Structure root : g.roots()) {
            var leaves = g.graph().explode(root, ordered, includeOptional).stream()
                    .filter(l -> l.componentType() == Bom.ComponentType.PART && !l.substitute())
                    .toList();
            BigDecimal cost = leaves.stream()
                    .map(BomService.ExplodedLine::extendedCost)
                    .filter(java.util.Objects::nonNull)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            var totals = g.graph().totals(root, ordered, includeOptional);
            assertThat(totals.leafCount()).isEqualTo(leaves.size());
            // the very value, written the same way: exact arithmetic, trailing zeros stripped
            assertThat(totals.cost().toPlainString())
                    .isEqualTo(BomGraph.plain(cost).toPlainString());
        }
    }

    /**
     * Products by level, each line naming a part or a product of a deeper level (the ACTIVE graph has no cycle, as
     * activation guarantees); some products have no ACTIVE BOM. The roots are every ACTIVE BOM and a DRAFT of each
     * of a few products that names a product above which the draft's own product sits.
     */
    private static Graph graph(Random random) {
        int levels = 2 + random.nextInt(4);
        List<List<UUID>> products = new ArrayList<>();
        for (int level = 0; level < levels; level++) {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                ids.add(UUID.randomUUID());
            }
            products.add(ids);
        }
        List<UUID> parts = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            parts.add(UUID.randomUUID());
        }
        Map<UUID, Structure> byProduct = new HashMap<>();
        Map<UUID, Structure> byId = new HashMap<>();
        for (int level = levels - 1; level >= 0; level--) {
            for (UUID product : products.get(level)) {
                if (level == levels - 1 && random.nextInt(3) == 0) {
                    continue; // a product without an ACTIVE BOM: listed, never expanded
                }
                var structure = new Structure(UUID.randomUUID(), product, lines(random, level, products, parts));
                byProduct.put(product, structure);
                byId.put(structure.bomId(), structure);
            }
        }
        var graph = new BomGraph(1, byProduct, byId);
        List<Structure> roots = new ArrayList<>(byId.values());
        for (int level = 1; level < levels; level++) {
            UUID product =
                    products.get(level).get(random.nextInt(products.get(level).size()));
            List<Edge> lines = new ArrayList<>(lines(random, level, products, parts));
            UUID above = products.get(0).getFirst(); // its ACTIVE BOM may lead back down to this product
            lines.add(edge(lines.size() + 1, Bom.ComponentType.PRODUCT, above, random, null, 0));
            roots.add(new Structure(UUID.randomUUID(), product, List.copyOf(lines)));
        }
        return new Graph(graph, roots);
    }

    private static List<Edge> lines(Random random, int level, List<List<UUID>> products, List<UUID> parts) {
        List<Edge> lines = new ArrayList<>();
        for (int sequence = 1, n = 1 + random.nextInt(6); sequence <= n; sequence++) {
            boolean ofProduct = level + 1 < products.size() && random.nextBoolean();
            UUID component = ofProduct
                    ? pick(random, products.get(level + 1 + random.nextInt(products.size() - level - 1)))
                    : pick(random, parts);
            String group = random.nextInt(4) == 0 ? "G" + random.nextInt(2) : null;
            lines.add(edge(
                    sequence,
                    ofProduct ? Bom.ComponentType.PRODUCT : Bom.ComponentType.PART,
                    component,
                    random,
                    group,
                    random.nextInt(3)));
        }
        return List.copyOf(lines);
    }

    private static Edge edge(
            int sequence, Bom.ComponentType type, UUID component, Random random, String group, int preference) {
        return new Edge(
                BomGraph.segment(sequence),
                type,
                component,
                BigDecimal.valueOf(1 + random.nextInt(4_000), 3),
                null,
                BigDecimal.ONE.add(BigDecimal.valueOf(random.nextInt(60), 3)),
                random.nextInt(4) == 0,
                group,
                preference,
                new Component("N-" + sequence, "Name", "ea", BigDecimal.valueOf(random.nextInt(10_000), 2), null));
    }

    private static UUID pick(Random random, List<UUID> ids) {
        return ids.get(random.nextInt(ids.size()));
    }
}
