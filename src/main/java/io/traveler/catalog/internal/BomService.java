package io.traveler.catalog.internal;

import io.traveler.shared.Quantities;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.security.Callers;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Versions of bills of materials, their approval and activation, explosion, where-used and comparison. */
@Service
public class BomService {
    private static final Set<String> ACTIVATE_DRAFT = Set.of("boms:approve", "settings:update");

    /** The most lines one version of a bill of materials may have, however it is written (API, page, import). */
    public static final int MAX_LINES = 1000;

    /** How deep where-used follows sub-products, as explosion does. */
    private static final int MAX_DEPTH = BomGraph.MAX_DEPTH;

    private final Boms boms;
    private final BomLines lines;
    private final Products products;
    private final Parts parts;
    private final EntityManager em;
    private final JdbcClient jdbc;
    private final BomGraphs graphs;
    private final long maxExplosionLines;
    private final BomDrafts drafts;
    private final Callers callers;

    BomService(
            Boms boms,
            BomLines lines,
            Products products,
            Parts parts,
            EntityManager em,
            JdbcClient jdbc,
            BomGraphs graphs,
            @Value("${traveler.limits.explosion-lines:1000000}") long maxExplosionLines,
            BomDrafts drafts,
            Callers callers) {
        this.drafts = drafts;
        this.graphs = graphs;
        this.maxExplosionLines = maxExplosionLines;
        this.boms = boms;
        this.lines = lines;
        this.products = products;
        this.parts = parts;
        this.em = em;
        this.jdbc = jdbc;
        this.callers = callers;
    }

    public record BomWithLines(Bom bom, List<BomLines.Line> lines) {}

    public record ExplodedLine(
            int depth,
            String path,
            Bom.ComponentType componentType,
            UUID componentId,
            String number,
            String name,
            BigDecimal quantity,
            BigDecimal extendedQuantity,
            String unit,
            BigDecimal unitCost,
            BigDecimal extendedCost,
            BigDecimal weight,
            String substituteGroup,
            boolean substitute) {}

    public record Explosion(BigDecimal totalCost, BigDecimal totalWeight, int leafCount, List<ExplodedLine> lines) {}

    public record Use(UUID productId, String sku, String name, int depth) {}

    public record LineChange(BomLines.Line from, BomLines.Line to) {}

    public record Comparison(List<BomLines.Line> added, List<BomLines.Line> removed, List<LineChange> changed) {}

    @Transactional(readOnly = true)
    public List<Bom> history(UUID productId) {
        requireProduct(productId);
        return boms.findByProductIdOrderByNumberDesc(productId);
    }

    @Transactional(readOnly = true)
    public BomWithLines activeBomOf(UUID productId) {
        requireProduct(productId);
        Bom bom = boms.findByProductIdAndStatus(productId, Bom.Status.ACTIVE)
                .orElseThrow(() -> new NotFoundException("Active BOM of product", productId));
        return withLines(bom);
    }

    @Transactional(readOnly = true)
    public BomWithLines bom(UUID id) {
        return withLines(find(id));
    }

    /** A new DRAFT with the next version number of the product. */
    @Transactional
    public BomWithLines createDraft(UUID productId, List<BomLines.Line> newLines, String notes) {
        products.findLocked(productId).orElseThrow(() -> NotFoundException.of("Product", productId));
        validate(productId, newLines);
        var bom = boms.saveAndFlush(new Bom(productId, boms.lastNumberOf(productId) + 1, null, notes));
        insertLines(bom.id(), newLines);
        return withLines(bom);
    }

    /**
     * A new CUSTOM DRAFT of the product, generated for one of its configurations: checked as any draft, numbered as
     * the product's next version, never activated. Its lines are written in bulk: a generated BOM is as long as the
     * product's, and a configurator generates many.
     */
    @Transactional
    public BomWithLines createCustom(UUID productId, UUID configurationId, List<BomLines.Line> newLines, String notes) {
        products.findLocked(productId).orElseThrow(() -> NotFoundException.of("Product", productId));
        validate(productId, newLines);
        var bom = boms.saveAndFlush(Bom.custom(productId, boms.lastNumberOf(productId) + 1, configurationId, notes));
        drafts.insertLines(bom, newLines);
        return new BomWithLines(bom, newLines);
    }

    @Transactional
    public BomWithLines replaceLines(UUID id, ExpectedVersion expected, List<BomLines.Line> newLines) {
        Bom bom = boms.findLocked(id).orElseThrow(() -> NotFoundException.of("BOM", id));
        bom.requireLinesByHand();
        expected.require(bom.version());
        bom.requireDraft();
        validate(bom.productId(), newLines);
        lines.deleteLinesOf(id);
        insertLines(id, newLines);
        em.lock(bom, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        return withLines(bom);
    }

    @Transactional
    public BomWithLines submit(UUID id, ExpectedVersion expected) {
        Bom bom = find(id);
        expected.checkIfGiven(bom.version());
        bom.submit();
        return withLines(boms.saveAndFlush(bom));
    }

    @Transactional
    public BomWithLines approve(UUID id, ExpectedVersion expected) {
        Bom bom = find(id);
        expected.checkIfGiven(bom.version());
        bom.approve();
        return withLines(boms.saveAndFlush(bom));
    }

    /**
     * Whether the caller may activate a DRAFT directly, skipping submit and approve: only one who could approve it
     * and change the organization's settings. The API, the product page and imports ask here.
     */
    public boolean callerMayActivateDraft() {
        return callers.hold(ACTIVATE_DRAFT.toArray(String[]::new));
    }

    /** Activation by the caller: a DRAFT only when {@link #callerMayActivateDraft()}, otherwise an APPROVED BOM. */
    @Transactional
    public BomWithLines activate(UUID id, ExpectedVersion expected) {
        return activate(id, expected, callerMayActivateDraft());
    }

    /**
     * Makes the BOM its product's ACTIVE one and supersedes the previous in the same transaction. The product row
     * is locked first, so concurrent activations of one product's versions happen one after the other. For the
     * demo catalog and for imports, whose right to activate drafts was decided when they were started.
     */
    @Transactional
    BomWithLines activate(UUID id, ExpectedVersion expected, boolean mayActivateDraft) {
        Bom bom = find(id);
        bom.requireActivatable();
        products.findLocked(bom.productId());
        em.refresh(bom);
        expected.checkIfGiven(bom.version());
        List<BomLines.Line> current = linesOf(id);
        rejectCycles(bom.productId(), current);
        boms.findByProductIdAndStatus(bom.productId(), Bom.Status.ACTIVE)
                .filter(previous -> !previous.id().equals(id))
                .ifPresent(previous -> {
                    previous.supersede();
                    boms.saveAndFlush(previous);
                });
        bom.activate(mayActivateDraft);
        return new BomWithLines(boms.saveAndFlush(bom), current);
    }

    /** A new DRAFT copying the lines of the given version, which it names as its parent. */
    @Transactional
    public BomWithLines revise(UUID id) {
        Bom source = find(id);
        source.requireLinesByHand();
        products.findLocked(source.productId());
        List<BomLines.Line> copied = linesOf(id);
        var draft = boms.saveAndFlush(source.revision(boms.lastNumberOf(source.productId()) + 1));
        insertLines(draft.id(), copied);
        return new BomWithLines(draft, copied);
    }

    /**
     * Every line below the BOM, exploded in memory through the organization's {@link BomGraph} (rebuilt only when
     * the catalog changed): sub-products explode through their ACTIVE BOM, and each line's quantity with its waste
     * multiplies down the path and by the ordered quantity. An explosion of more than
     * {@code traveler.limits.explosion-lines} lines is refused (422) after counting them, before building any.
     */
    @Transactional(readOnly = true)
    public Explosion explode(UUID id, BigDecimal quantity, boolean includeOptional) {
        PreparedExplosion prepared = prepareExplosion(id, quantity, includeOptional);
        List<ExplodedLine> rows = new ArrayList<>((int) prepared.lineCount());
        prepared.lines(rows::add);
        return new Explosion(prepared.totalCost(), prepared.totalWeight(), prepared.leafCount(), rows);
    }

    /**
     * An explosion whose totals and line count are known and whose lines are made only as {@link #lines} hands them
     * over, for a writer that streams them: the graph it walks is immutable, so the walk needs no transaction.
     */
    public static final class PreparedExplosion {
        private final BomGraph graph;
        private final BomGraph.Structure root;
        private final BigDecimal ordered;
        private final boolean includeOptional;
        private final BomGraph.Totals totals;
        private final long lineCount;

        private PreparedExplosion(
                BomGraph graph, BomGraph.Structure root, BigDecimal ordered, boolean includeOptional, long lineCount) {
            this.graph = graph;
            this.root = root;
            this.ordered = ordered;
            this.includeOptional = includeOptional;
            this.lineCount = lineCount;
            this.totals = graph.totals(root, ordered, includeOptional);
        }

        /** What the primary part lines cost, extended quantity × unit cost summed. */
        public BigDecimal totalCost() {
            return totals.cost();
        }

        public BigDecimal totalWeight() {
            return totals.weight();
        }

        /** How many primary part lines there are (substitutes are alternatives and count in no total). */
        public int leafCount() {
            return totals.leafCount();
        }

        public long lineCount() {
            return lineCount;
        }

        /** Each line in path order. */
        public void lines(java.util.function.Consumer<ExplodedLine> out) {
            graph.explode(root, ordered, includeOptional, out);
        }
    }

    /** {@link #explode}'s checks and totals, the lines left to be made while they are written. */
    @Transactional(readOnly = true)
    public PreparedExplosion prepareExplosion(UUID id, BigDecimal quantity, boolean includeOptional) {
        // PostgreSQL's numeric has no negative scale: 1E+3 multiplies as 1000, and so it does here
        BigDecimal ordered = Quantities.plain(Quantities.require("quantity", quantity));
        BomGraph graph = graphs.current();
        BomGraph.Structure root = Optional.ofNullable(graph.active(id))
                .or(() -> graphs.version(id))
                .orElseThrow(() -> NotFoundException.of("BOM", id));
        long count = graph.lineCount(root, includeOptional);
        if (count > maxExplosionLines) {
            throw new ValidationException(
                    "id",
                    "the explosion of this BOM would produce "
                            + (count == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.format("%,d", count))
                            + " lines, more than the " + String.format("%,d", maxExplosionLines)
                            + " an explosion may have (traveler.limits.explosion-lines)");
        }
        return new PreparedExplosion(graph, root, ordered, includeOptional, count);
    }

    /** Every product whose ACTIVE BOM holds the component at some depth, the nearest depth of each. */
    @Transactional(readOnly = true)
    public List<Use> whereUsed(Bom.ComponentType type, UUID componentId) {
        if (type == Bom.ComponentType.PART) {
            parts.findById(componentId).orElseThrow(() -> NotFoundException.of("Part", componentId));
        } else {
            requireProduct(componentId);
        }
        return jdbc.sql("""
                        with recursive up(product_id, depth) as (
                            select b.product_id, 1
                              from catalog.bom_lines l
                              join catalog.boms b on b.org_id = l.org_id and b.id = l.bom_id and b.status = 'ACTIVE'
                             where l.org_id = :org and l.component_type = :type and l.component_id = :id
                            union
                            select b.product_id, u.depth + 1
                              from up u
                              join catalog.bom_lines l on l.org_id = :org and l.component_type = 'PRODUCT'
                                                      and l.component_id = u.product_id
                              join catalog.boms b on b.org_id = l.org_id and b.id = l.bom_id and b.status = 'ACTIVE'
                             where u.depth < :max_depth
                        )
                        select p.id, p.sku, p.name, min(u.depth) as depth
                          from up u join catalog.products p on p.org_id = :org and p.id = u.product_id
                         group by p.id, p.sku, p.name
                         order by depth, p.sku
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("type", type.name())
                .param("id", componentId)
                .param("max_depth", MAX_DEPTH)
                .query((rs, n) -> new Use(
                        rs.getObject("id", UUID.class), rs.getString("sku"), rs.getString("name"), rs.getInt("depth")))
                .list();
    }

    /** Lines keyed by component: only in {@code to} (added), only in {@code from} (removed), or different. */
    @Transactional(readOnly = true)
    public Comparison compare(UUID fromId, UUID toId) {
        Map<String, BomLines.Line> from = byComponent(linesOf(find(fromId).id()));
        Map<String, BomLines.Line> to = byComponent(linesOf(find(toId).id()));
        List<BomLines.Line> added = new ArrayList<>();
        List<LineChange> changed = new ArrayList<>();
        to.forEach((key, line) -> {
            BomLines.Line before = from.get(key);
            if (before == null) {
                added.add(line);
            } else if (!sameLine(before, line)) {
                changed.add(new LineChange(before, line));
            }
        });
        List<BomLines.Line> removed = from.entrySet().stream()
                .filter(e -> !to.containsKey(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        return new Comparison(added, removed, changed);
    }

    private static Map<String, BomLines.Line> byComponent(List<BomLines.Line> lines) {
        return lines.stream()
                .collect(Collectors.toMap(
                        l -> l.componentType() + ":" + l.componentId(), l -> l, (a, b) -> a, LinkedHashMap::new));
    }

    private static boolean sameLine(BomLines.Line a, BomLines.Line b) {
        return a.quantity().compareTo(b.quantity()) == 0
                && a.wasteFactor().compareTo(b.wasteFactor()) == 0
                && Objects.equals(a.unit(), b.unit())
                && Objects.equals(a.optional(), b.optional())
                && Objects.equals(a.substituteGroup(), b.substituteGroup())
                && Objects.equals(a.preference(), b.preference())
                && Objects.equals(a.notes(), b.notes())
                && Objects.equals(a.stageName(), b.stageName());
    }

    /** Refuses more lines than {@link #MAX_LINES}; the bulk path ({@link BomDrafts}) asks here too. */
    static void requireWithinCap(List<BomLines.Line> newLines) {
        if (newLines.size() > MAX_LINES) {
            throw new ValidationException(
                    "lines",
                    "has " + String.format("%,d", newLines.size()) + " lines; a BOM may have at most "
                            + String.format("%,d", MAX_LINES));
        }
    }

    private void validate(UUID productId, List<BomLines.Line> newLines) {
        requireWithinCap(newLines);
        Set<UUID> partIds = new HashSet<>();
        Set<UUID> productIds = new HashSet<>();
        newLines.forEach(
                l -> (l.componentType() == Bom.ComponentType.PART ? partIds : productIds).add(l.componentId()));
        Set<UUID> knownParts = parts.findAllById(partIds).stream().map(Part::id).collect(Collectors.toSet());
        Set<UUID> knownProducts =
                products.findAllById(productIds).stream().map(Product::id).collect(Collectors.toSet());
        List<ValidationException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < newLines.size(); i++) {
            BomLines.Line line = newLines.get(i);
            boolean known = line.componentType() == Bom.ComponentType.PART
                    ? knownParts.contains(line.componentId())
                    : knownProducts.contains(line.componentId());
            if (!known) {
                errors.add(new ValidationException.FieldError(
                        "lines[" + i + "].component_id",
                        "is not a " + line.componentType().name().toLowerCase() + " of this organization"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        rejectCycles(productId, newLines);
    }

    /**
     * A sub-product line may not lead back to the product itself, directly or through the ACTIVE BOMs of
     * sub-products at any depth (the product's own BOMs are replaced by the lines being checked).
     */
    private void rejectCycles(UUID productId, List<BomLines.Line> newLines) {
        List<UUID> children = newLines.stream()
                .filter(l -> l.componentType() == Bom.ComponentType.PRODUCT)
                .map(BomLines.Line::componentId)
                .distinct()
                .toList();
        if (children.isEmpty()) {
            return;
        }
        Set<UUID> looping = new HashSet<>(jdbc.sql("""
                        with recursive down(origin, product_id) as (
                            select c, c from unnest(string_to_array(:children, ',')::uuid[]) as c
                            union
                            select d.origin, l.component_id
                              from down d
                              join catalog.boms b
                                on b.org_id = :org and b.product_id = d.product_id and b.status = 'ACTIVE'
                              join catalog.bom_lines l
                                on l.org_id = b.org_id and l.bom_id = b.id and l.component_type = 'PRODUCT'
                             where d.product_id <> :root
                        )
                        select distinct origin from down where product_id = :root
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("children", children.stream().map(UUID::toString).collect(Collectors.joining(",")))
                .param("root", productId)
                .query(UUID.class)
                .list());
        List<ValidationException.FieldError> errors = IntStream.range(0, newLines.size())
                .filter(i -> newLines.get(i).componentType() == Bom.ComponentType.PRODUCT
                        && looping.contains(newLines.get(i).componentId()))
                .mapToObj(i -> new ValidationException.FieldError(
                        "lines[" + i + "].component_id", "would make the product contain itself"))
                .toList();
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private void insertLines(UUID bomId, List<BomLines.Line> newLines) {
        for (int i = 0; i < newLines.size(); i++) {
            lines.save(new BomLine(bomId, i + 1, newLines.get(i)));
        }
        lines.flush();
    }

    private Bom find(UUID id) {
        return boms.findById(id).orElseThrow(() -> NotFoundException.of("BOM", id));
    }

    private void requireProduct(UUID productId) {
        if (!products.existsById(productId)) {
            throw NotFoundException.of("Product", productId);
        }
    }

    private List<BomLines.Line> linesOf(UUID bomId) {
        return lines.findByBomIdOrderBySequence(bomId).stream()
                .map(BomLine::line)
                .toList();
    }

    private BomWithLines withLines(Bom bom) {
        return new BomWithLines(bom, linesOf(bom.id()));
    }
}
