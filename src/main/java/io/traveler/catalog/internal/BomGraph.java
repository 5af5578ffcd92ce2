package io.traveler.catalog.internal;

import io.traveler.catalog.internal.BomService.ExplodedLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The ACTIVE bills of materials of one organization as of one catalog change stamp, with what an explosion shows of
 * each component (number, name, unit, cost, weight). Immutable once built, so any number of requests explode
 * through it at once; {@link BomGraphs} replaces it when the stamp moves.
 */
final class BomGraph {
    /** How deep explosion follows sub-products; cycles are rejected long before. */
    static final int MAX_DEPTH = 50;

    /** What an explosion shows of a part or product; the part-only fields are null for products. */
    record Component(String number, String name, String unitOfMeasure, BigDecimal unitCost, BigDecimal weight) {}

    /**
     * One line of a bill of materials: {@code growth} is {@code 1 + waste_factor}, {@code segment} the line's part
     * of a path (its sequence, zero-padded to four characters as the explosion has always written it).
     */
    record Edge(
            String segment,
            Bom.ComponentType type,
            UUID componentId,
            BigDecimal quantity,
            String unit,
            BigDecimal growth,
            boolean optional,
            String substituteGroup,
            int preference,
            Component component) {
        Edge showing(Component shown) {
            return new Edge(
                    segment, type, componentId, quantity, unit, growth, optional, substituteGroup, preference, shown);
        }
    }

    /** A version of a product's bill of materials with its lines in sequence order. */
    record Structure(UUID bomId, UUID productId, List<Edge> lines) {}

    /**
     * What one visit of a structure does, worked out once: the lines it shows (optional ones left out unless
     * asked), each primary followed by its substitutes, with each line's quantity × (1 + waste).
     */
    private record Step(Edge edge, BigDecimal factor, List<Edge> substitutes, List<BigDecimal> substituteFactors) {}

    private final long stamp;
    private final Map<UUID, Structure> activeByProduct;
    private final Map<UUID, Structure> activeById;
    /** The steps of every ACTIVE structure, [0] without and [1] with optional lines. */
    private final Map<UUID, List<List<Step>>> stepsByBom;

    BomGraph(long stamp, Map<UUID, Structure> activeByProduct, Map<UUID, Structure> activeById) {
        this.stamp = stamp;
        this.activeByProduct = Map.copyOf(activeByProduct);
        this.activeById = Map.copyOf(activeById);
        Map<UUID, List<List<Step>>> steps = new HashMap<>();
        activeById.forEach(
                (id, structure) -> steps.put(id, List.of(stepsOf(structure, false), stepsOf(structure, true))));
        this.stepsByBom = Map.copyOf(steps);
    }

    long stamp() {
        return stamp;
    }

    /** The ACTIVE version with this id, if it is one. */
    Structure active(UUID bomId) {
        return activeById.get(bomId);
    }

    /**
     * Every line below {@code root} in path order: sub-products explode through their ACTIVE version, each line's
     * quantity × (1 + waste) multiplies down the path and by the ordered quantity. A product already expanded on
     * the path is listed but not expanded again. The lines of a substitute group follow their primary (the most
     * preferred, then the first in sequence), marked as substitutes and not expanded: they are alternatives.
     */
    List<ExplodedLine> explode(Structure root, BigDecimal ordered, boolean includeOptional) {
        List<ExplodedLine> out = new ArrayList<>();
        explode(root, ordered, includeOptional, out::add);
        return out;
    }

    /** {@link #explode(Structure, BigDecimal, boolean)}, each line handed to {@code out} instead of kept. */
    void explode(Structure root, BigDecimal ordered, boolean includeOptional, Consumer<ExplodedLine> out) {
        Set<UUID> expanded = new HashSet<>();
        expanded.add(root.productId());
        descend(root, 1, null, plain(ordered), includeOptional, expanded, out);
    }

    /**
     * How many lines {@link #explode} would produce for {@code root}, counted without producing them: the count of a
     * sub-product's lines is memoised per product and depth, so this costs one visit per BOM and level however many
     * times the sub-assemblies are shared. Saturates at {@link Long#MAX_VALUE}.
     */
    long lineCount(Structure root, boolean includeOptional) {
        return countBelow(root, 1, root.productId(), includeOptional, new HashMap<>());
    }

    private record Level(UUID productId, int depth) {}

    private long countBelow(
            Structure structure, int depth, UUID rootProduct, boolean includeOptional, Map<Level, Long> memo) {
        Level level = new Level(structure.productId(), depth);
        Long known = memo.get(level);
        if (known != null) {
            return known;
        }
        long count = 0;
        for (Step step : steps(structure, includeOptional)) {
            count = saturatedSum(count, 1 + step.substitutes().size());
            Structure below = expandable(step.edge(), depth);
            if (below != null && !below.productId().equals(rootProduct)) {
                count = saturatedSum(count, countBelow(below, depth + 1, rootProduct, includeOptional, memo));
            }
        }
        memo.put(level, count);
        return count;
    }

    /** What an explosion adds up: the cost and weight of its primary part lines, and how many there are. */
    record Totals(BigDecimal cost, BigDecimal weight, int leafCount) {}

    /**
     * The totals {@link #explode} would add up from its lines, rolled up without making them: a sub-product's cost
     * and weight per unit are memoised per product and depth, as {@link #lineCount} memoises counts. Exact
     * arithmetic, so the sums are the very values the lines add up to.
     */
    Totals totals(Structure root, BigDecimal ordered, boolean includeOptional) {
        Totals perUnit = rollUp(root, 1, root.productId(), includeOptional, new HashMap<>());
        return new Totals(
                plain(perUnit.cost().multiply(ordered)),
                plain(perUnit.weight().multiply(ordered)),
                perUnit.leafCount());
    }

    private Totals rollUp(
            Structure structure, int depth, UUID rootProduct, boolean includeOptional, Map<Level, Totals> memo) {
        Level level = new Level(structure.productId(), depth);
        Totals known = memo.get(level);
        if (known != null) {
            return known;
        }
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal weight = BigDecimal.ZERO;
        int leaves = 0;
        for (Step step : steps(structure, includeOptional)) {
            Edge edge = step.edge();
            Component c = edge.component();
            if (edge.type() == Bom.ComponentType.PART) {
                leaves++;
                if (c != null && c.unitCost() != null) {
                    cost = cost.add(step.factor().multiply(c.unitCost()));
                }
                if (c != null && c.weight() != null) {
                    weight = weight.add(step.factor().multiply(c.weight()));
                }
            }
            Structure below = expandable(edge, depth);
            if (below != null && !below.productId().equals(rootProduct)) {
                Totals sub = rollUp(below, depth + 1, rootProduct, includeOptional, memo);
                cost = cost.add(step.factor().multiply(sub.cost()));
                weight = weight.add(step.factor().multiply(sub.weight()));
                leaves += sub.leafCount();
            }
        }
        Totals totals = new Totals(plain(cost), plain(weight), leaves);
        memo.put(level, totals);
        return totals;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * The multiplier is kept without trailing zeros at every level: the same exact value with a far smaller scale,
     * so each multiplication stays cheap however deep the path goes.
     */
    private void descend(
            Structure structure,
            int depth,
            String parentPath,
            BigDecimal multiplier,
            boolean includeOptional,
            Set<UUID> expanded,
            Consumer<ExplodedLine> out) {
        for (Step step : steps(structure, includeOptional)) {
            Edge edge = step.edge();
            String path = pathOf(parentPath, edge);
            BigDecimal extended = plain(multiplier.multiply(step.factor()));
            out.accept(line(depth, path, edge, extended, false));
            for (int i = 0; i < step.substitutes().size(); i++) {
                Edge substitute = step.substitutes().get(i);
                out.accept(line(
                        depth,
                        pathOf(parentPath, substitute),
                        substitute,
                        plain(multiplier.multiply(step.substituteFactors().get(i))),
                        true));
            }
            Structure below = expandable(edge, depth);
            if (below != null && expanded.add(edge.componentId())) {
                descend(below, depth + 1, path, extended, includeOptional, expanded, out);
                expanded.remove(edge.componentId());
            }
        }
    }

    /** The ACTIVE structure a line's sub-product explodes through, if it is one and the depth allows. */
    private Structure expandable(Edge edge, int depth) {
        if (edge.type() != Bom.ComponentType.PRODUCT || depth >= MAX_DEPTH) {
            return null;
        }
        return activeByProduct.get(edge.componentId());
    }

    private List<Step> steps(Structure structure, boolean includeOptional) {
        List<List<Step>> known =
                activeById.get(structure.bomId()) == structure ? stepsByBom.get(structure.bomId()) : null;
        return known != null ? known.get(includeOptional ? 1 : 0) : stepsOf(structure, includeOptional);
    }

    private static List<Step> stepsOf(Structure structure, boolean includeOptional) {
        List<Edge> included = structure.lines().stream()
                .filter(edge -> includeOptional || !edge.optional())
                .toList();
        Map<String, List<Edge>> groups = substituteGroups(included);
        List<Step> steps = new ArrayList<>();
        for (Edge edge : included) {
            List<Edge> group = edge.substituteGroup() == null ? List.of(edge) : groups.get(edge.substituteGroup());
            if (group.getFirst() != edge) {
                continue;
            }
            List<Edge> substitutes = group.subList(1, group.size());
            steps.add(new Step(
                    edge,
                    factorOf(edge),
                    List.copyOf(substitutes),
                    substitutes.stream().map(BomGraph::factorOf).toList()));
        }
        return List.copyOf(steps);
    }

    private static BigDecimal factorOf(Edge edge) {
        return plain(edge.quantity().multiply(edge.growth()));
    }

    /** The lines of each substitute group, the primary first. */
    private static Map<String, List<Edge>> substituteGroups(List<Edge> lines) {
        return lines.stream()
                .filter(edge -> edge.substituteGroup() != null)
                .sorted(Comparator.comparingInt(Edge::preference)) // stable: sequence order within a preference
                .collect(Collectors.groupingBy(Edge::substituteGroup));
    }

    private static String pathOf(String parentPath, Edge edge) {
        return parentPath == null ? edge.segment() : parentPath + '/' + edge.segment();
    }

    private static ExplodedLine line(int depth, String path, Edge edge, BigDecimal extended, boolean substitute) {
        Component c = edge.component();
        BigDecimal unitCost = c == null ? null : c.unitCost();
        BigDecimal weight = c == null ? null : c.weight();
        return new ExplodedLine(
                depth,
                path,
                edge.type(),
                edge.componentId(),
                c == null ? null : c.number(),
                c == null ? null : c.name(),
                edge.quantity(),
                extended,
                edge.unit() != null ? edge.unit() : c == null ? null : c.unitOfMeasure(),
                unitCost,
                unitCost == null ? null : plain(extended.multiply(unitCost)),
                weight == null ? null : plain(extended.multiply(weight)),
                edge.substituteGroup(),
                substitute);
    }

    /**
     * The exact value without the trailing zeros its scale piles up (each level multiplies two six-decimal numbers,
     * so a sixth-level line would carry 72 decimals, most of them zeros); never in exponent notation.
     */
    static BigDecimal plain(BigDecimal exact) {
        if (exact.scale() <= 0) {
            return exact.scale() == 0 ? exact : exact.setScale(0);
        }
        BigDecimal stripped = exact.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** The zero-padded sequence as PostgreSQL's {@code lpad(sequence::text, 4, '0')} writes it (it truncates). */
    static String segment(int sequence) {
        String digits = Integer.toString(sequence);
        return digits.length() >= 4 ? digits.substring(0, 4) : "0".repeat(4 - digits.length()) + digits;
    }
}
