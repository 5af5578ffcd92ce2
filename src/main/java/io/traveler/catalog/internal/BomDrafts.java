package io.traveler.catalog.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.db.PlannerStatistics;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.BulkAudit;
import io.traveler.shared.jpa.BulkAudit.Entry;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * New BOM versions of many products written at once, a few statements for all of them, under the rules
 * {@link BomService#createDraft} and {@link BomService#activate} apply to one: the product is locked, every
 * component must exist, at most {@link BomService#MAX_LINES} lines, no line may lead back to its product through
 * ACTIVE BOMs, and each created or changed row is audited as the entity path audits it. Drafts are judged in the
 * order given, each against the ACTIVE structure the ones before it leave (with {@code activate}), exactly as one
 * transaction per product would judge them.
 */
@Component
class BomDrafts {
    private final JdbcClient jdbc;
    private final BulkAudit audit;
    private final PlannerStatistics statistics;

    BomDrafts(JdbcClient jdbc, BulkAudit audit, PlannerStatistics statistics) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.statistics = statistics;
    }

    /** One product's new version: its lines in sequence order. */
    record Draft(UUID productId, List<BomLines.Line> lines) {}

    /**
     * Writes a new version of each product (ACTIVE, superseding the previous one, when {@code activate}; the caller
     * decided beforehand that it may activate drafts), in the caller's transaction. Returns the refused drafts with
     * the reason, as {@link BomService} would have refused them; the others are written.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, TravelerException> create(List<Draft> drafts, String notes, boolean activate) {
        Map<UUID, TravelerException> refused = new LinkedHashMap<>();
        List<UUID> productIds = drafts.stream().map(Draft::productId).distinct().toList();
        Set<UUID> locked = lockProducts(productIds);
        Set<UUID> knownComponents = existingComponents(drafts);
        Map<UUID, Set<UUID>> active = activeSubProducts();
        List<Draft> accepted = new ArrayList<>();
        for (Draft draft : drafts) {
            try {
                if (!locked.contains(draft.productId())) {
                    throw NotFoundException.of("Product", draft.productId());
                }
                if (refused.containsKey(draft.productId())
                        || accepted.stream().anyMatch(a -> a.productId().equals(draft.productId()))) {
                    throw new IllegalArgumentException("one draft per product: " + draft.productId());
                }
                BomService.requireWithinCap(draft.lines());
                requireComponents(draft.lines(), knownComponents);
                rejectCycles(draft, active);
                accepted.add(draft);
                if (activate) {
                    active.put(draft.productId(), subProducts(draft.lines()));
                }
            } catch (TravelerException e) {
                refused.put(draft.productId(), e);
            }
        }
        write(accepted, notes, activate);
        return refused;
    }

    /** The products, locked as {@code Products.findLocked} locks one; a product gone since is missing. */
    private Set<UUID> lockProducts(List<UUID> ids) {
        return new HashSet<>(jdbc.sql("""
                        select id from catalog.products
                         where org_id = :org and id = any(cast(:ids as uuid[])) order by id for update
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("ids", array("uuid", ids.stream()))
                .query(UUID.class)
                .list());
    }

    private Set<UUID> existingComponents(List<Draft> drafts) {
        Set<UUID> parts = new HashSet<>();
        Set<UUID> products = new HashSet<>();
        drafts.forEach(d -> d.lines()
                .forEach(l -> (l.componentType() == Bom.ComponentType.PART ? parts : products).add(l.componentId())));
        return new HashSet<>(jdbc.sql("""
                        select id from catalog.parts where org_id = :org and id = any(cast(:parts as uuid[]))
                        union all
                        select id from catalog.products where org_id = :org and id = any(cast(:products as uuid[]))
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("parts", array("uuid", parts.stream()))
                .param("products", array("uuid", products.stream()))
                .query(UUID.class)
                .list());
    }

    /** The message {@code BomService.validate} gives a component that is not the organization's. */
    private static void requireComponents(List<BomLines.Line> lines, Set<UUID> known) {
        List<ValidationException.FieldError> errors = IntStream.range(0, lines.size())
                .filter(i -> !known.contains(lines.get(i).componentId()))
                .mapToObj(i -> new ValidationException.FieldError(
                        "lines[" + i + "].component_id",
                        "is not a " + lines.get(i).componentType().name().toLowerCase() + " of this organization"))
                .toList();
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** Each product with an ACTIVE BOM, and the sub-products its lines name. */
    private Map<UUID, Set<UUID>> activeSubProducts() {
        Map<UUID, Set<UUID>> below = new HashMap<>();
        jdbc.sql("""
                        select b.product_id, l.component_id
                          from catalog.boms b
                          join catalog.bom_lines l
                            on l.org_id = b.org_id and l.bom_id = b.id and l.component_type = 'PRODUCT'
                         where b.org_id = :org and b.status = 'ACTIVE'
                        """).param("org", TenantContext.requireOrgId()).query(rs -> {
            below.computeIfAbsent(rs.getObject(1, UUID.class), p -> new HashSet<>())
                    .add(rs.getObject(2, UUID.class));
        });
        return below;
    }

    private static Set<UUID> subProducts(List<BomLines.Line> lines) {
        Set<UUID> children = new LinkedHashSet<>();
        lines.stream()
                .filter(l -> l.componentType() == Bom.ComponentType.PRODUCT)
                .forEach(l -> children.add(l.componentId()));
        return children;
    }

    /** As {@code BomService.rejectCycles}: a sub-product that is the product or reaches it through ACTIVE BOMs. */
    private static void rejectCycles(Draft draft, Map<UUID, Set<UUID>> active) {
        UUID root = draft.productId();
        Set<UUID> looping = new HashSet<>();
        for (UUID child : subProducts(draft.lines())) {
            if (reaches(child, root, active)) {
                looping.add(child);
            }
        }
        List<ValidationException.FieldError> errors = IntStream.range(
                        0, draft.lines().size())
                .filter(i -> draft.lines().get(i).componentType() == Bom.ComponentType.PRODUCT
                        && looping.contains(draft.lines().get(i).componentId()))
                .mapToObj(i -> new ValidationException.FieldError(
                        "lines[" + i + "].component_id", "would make the product contain itself"))
                .toList();
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static boolean reaches(UUID from, UUID root, Map<UUID, Set<UUID>> active) {
        Set<UUID> seen = new HashSet<>();
        var pending = new ArrayDeque<UUID>();
        pending.add(from);
        while (!pending.isEmpty()) {
            UUID at = pending.poll();
            if (at.equals(root)) {
                return true;
            }
            if (seen.add(at)) {
                pending.addAll(active.getOrDefault(at, Set.of()));
            }
        }
        return false;
    }

    private record NewBom(UUID id, UUID productId, int number) {}

    /**
     * The lines of a BOM just saved (and checked by {@link BomService}), in a few statements however many, audited
     * as the entity path audits them.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void insertLines(Bom bom, List<BomLines.Line> lines) {
        insertLines(
                List.of(new NewBom(bom.id(), bom.productId(), bom.number())),
                List.of(new Draft(bom.productId(), lines)),
                Instant.now());
    }

    private void write(List<Draft> drafts, String notes, boolean activate) {
        if (drafts.isEmpty()) {
            return;
        }
        List<UUID> products = drafts.stream().map(Draft::productId).toList();
        if (activate) {
            supersedeActive(products);
        }
        Map<UUID, Integer> last = new HashMap<>();
        jdbc.sql("""
                        select product_id, max(number) from catalog.boms
                         where org_id = :org and product_id = any(cast(:ids as uuid[])) group by product_id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("ids", array("uuid", products.stream()))
                .query(rs -> {
                    last.put(rs.getObject(1, UUID.class), rs.getInt(2));
                });
        List<NewBom> boms = drafts.stream()
                .map(d -> new NewBom(Ids.newId(), d.productId(), last.getOrDefault(d.productId(), 0) + 1))
                .toList();
        Instant now = Instant.now();
        insertBoms(boms, notes, activate, now);
        insertLines(boms, drafts, now);
    }

    /** Each product's ACTIVE version becomes SUPERSEDED, audited as {@code Bom.supersede} saved would be. */
    private void supersedeActive(List<UUID> products) {
        List<UUID> superseded = jdbc.sql("""
                        update catalog.boms set status = 'SUPERSEDED', updated_at = now(), version = version + 1
                         where org_id = :org and status = 'ACTIVE' and product_id = any(cast(:ids as uuid[]))
                        returning id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("ids", array("uuid", products.stream()))
                .query(UUID.class)
                .list();
        audit.record(
                "Bom",
                BulkAudit.Action.UPDATE,
                superseded.stream()
                        .map(id -> new Entry(id, statusChange(Bom.Status.ACTIVE, Bom.Status.SUPERSEDED)))
                        .toList());
    }

    private static Map<String, Object> statusChange(Bom.Status from, Bom.Status to) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("before", from.name());
        change.put("after", to.name());
        return Map.of("status", change);
    }

    /**
     * Created as DRAFT and, with {@code activate}, made ACTIVE in the same transaction: the row is written as it
     * ends up (version 1), the trail records both steps as the entity path does.
     */
    private void insertBoms(List<NewBom> boms, String notes, boolean activate, Instant now) {
        jdbc.sql("""
                        insert into catalog.boms (org_id, id, product_id, number, status, notes, created_at, updated_at,
                                                  version)
                        select cast(current_setting('app.org_id') as uuid), b.id, b.product_id, b.number, :status,
                               :notes, :now, :now, :version
                          from unnest(cast(:ids as uuid[]), cast(:products as uuid[]), cast(:numbers as int[]))
                               as b(id, product_id, number)
                        """)
                .param("status", activate ? "ACTIVE" : "DRAFT")
                .param("notes", notes)
                .param("now", Timestamp.from(now))
                .param("version", activate ? 1 : 0)
                .param("ids", array("uuid", boms.stream().map(NewBom::id)))
                .param("products", array("uuid", boms.stream().map(NewBom::productId)))
                .param("numbers", array("int4", boms.stream().map(NewBom::number)))
                .update();
        UUID org = TenantContext.requireOrgId();
        audit.record(
                "Bom",
                BulkAudit.Action.CREATE,
                boms.stream()
                        .map(b -> {
                            Map<String, Object> state = new LinkedHashMap<>();
                            state.put("createdAt", now);
                            state.put("notes", notes);
                            state.put("number", b.number());
                            state.put("orgId", org);
                            state.put("productId", b.productId());
                            state.put("status", Bom.Status.DRAFT.name());
                            state.put("updatedAt", now);
                            state.put("version", 0L);
                            return new Entry(b.id(), BulkAudit.created(state));
                        })
                        .toList());
        if (activate) {
            audit.record(
                    "Bom",
                    BulkAudit.Action.UPDATE,
                    boms.stream()
                            .map(b -> new Entry(b.id(), statusChange(Bom.Status.DRAFT, Bom.Status.ACTIVE)))
                            .toList());
        }
    }

    private void insertLines(List<NewBom> boms, List<Draft> drafts, Instant now) {
        record Row(UUID id, UUID bomId, int sequence, BomLines.Line line) {}
        List<Row> rows = new ArrayList<>();
        for (int b = 0; b < boms.size(); b++) {
            List<BomLines.Line> lines = drafts.get(b).lines();
            for (int i = 0; i < lines.size(); i++) {
                rows.add(new Row(Ids.newId(), boms.get(b).id(), i + 1, lines.get(i)));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into catalog.bom_lines (org_id, id, bom_id, sequence, component_type, component_id,
                                                       quantity, unit, waste_factor, optional, substitute_group,
                                                       preference, notes, stage_name, created_at, updated_at)
                        select cast(current_setting('app.org_id') as uuid), r.id, r.bom_id, r.sequence, r.type,
                               r.component_id, r.quantity, r.unit, r.waste, r.optional, r.substitute_group,
                               r.preference, r.notes, r.stage_name, :now, :now
                          from unnest(cast(:ids as uuid[]), cast(:boms as uuid[]), cast(:sequences as int[]), :types,
                                      cast(:components as uuid[]), cast(:quantities as numeric[]), :units,
                                      cast(:wastes as numeric[]), cast(:optionals as boolean[]), :groups,
                                      cast(:preferences as int[]), :notes, :stages)
                               as r(id, bom_id, sequence, type, component_id, quantity, unit, waste, optional,
                                    substitute_group, preference, notes, stage_name)
                        """)
                .param("now", Timestamp.from(now))
                .param("ids", array("uuid", rows.stream().map(Row::id)))
                .param("boms", array("uuid", rows.stream().map(Row::bomId)))
                .param("sequences", array("int4", rows.stream().map(Row::sequence)))
                .param("types", array("text", rows.stream().map(r -> r.line()
                        .componentType()
                        .name())))
                .param("components", array("uuid", rows.stream().map(r -> r.line()
                        .componentId())))
                .param("quantities", array("numeric", rows.stream().map(r -> r.line()
                        .quantity())))
                .param("units", array("text", rows.stream().map(r -> r.line().unit())))
                .param("wastes", array("numeric", rows.stream().map(r -> waste(r.line()))))
                .param(
                        "optionals",
                        array(
                                "bool",
                                rows.stream()
                                        .map(r -> Boolean.TRUE.equals(r.line().optional()))))
                .param("groups", array("text", rows.stream().map(r -> r.line().substituteGroup())))
                .param("preferences", array("int4", rows.stream().map(r -> preference(r.line()))))
                .param("notes", array("text", rows.stream().map(r -> r.line().notes())))
                .param("stages", array("text", rows.stream().map(r -> stage(r.line()))))
                .update();
        statistics.grew("catalog.bom_lines", rows.size());
        UUID org = TenantContext.requireOrgId();
        audit.record(
                "BomLine",
                BulkAudit.Action.CREATE,
                rows.stream()
                        .map(r -> {
                            BomLines.Line l = r.line();
                            Map<String, Object> state = new LinkedHashMap<>();
                            state.put("bomId", r.bomId());
                            state.put("componentId", l.componentId());
                            state.put("componentType", l.componentType().name());
                            state.put("createdAt", now);
                            state.put("notes", l.notes());
                            state.put("optional", Boolean.TRUE.equals(l.optional()));
                            state.put("orgId", org);
                            state.put("preference", preference(l));
                            state.put("quantity", l.quantity());
                            state.put("sequence", r.sequence());
                            if (stage(l) != null) {
                                state.put("stageName", stage(l));
                            }
                            state.put("substituteGroup", l.substituteGroup());
                            state.put("unit", l.unit());
                            state.put("updatedAt", now);
                            state.put("version", 0L);
                            state.put("wasteFactor", waste(l));
                            return new Entry(r.id(), BulkAudit.created(state));
                        })
                        .toList());
    }

    private static BigDecimal waste(BomLines.Line line) {
        return line.wasteFactor() == null ? BigDecimal.ZERO : line.wasteFactor();
    }

    /** As {@code BomLine} keeps it: trimmed, blank as none. */
    private static String stage(BomLines.Line line) {
        return line.stageName() == null || line.stageName().isBlank()
                ? null
                : line.stageName().trim();
    }

    private static int preference(BomLines.Line line) {
        return line.preference() == null ? 0 : line.preference();
    }

    private static SqlParameterValue array(String type, Stream<?> values) {
        Object[] array = values.toArray();
        return new SqlParameterValue(Types.ARRAY, new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection con, int sqlType, String typeName) throws SQLException {
                return con.createArrayOf(type, array);
            }
        });
    }
}
