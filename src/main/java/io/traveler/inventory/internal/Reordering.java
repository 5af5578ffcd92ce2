package io.traveler.inventory.internal;

import io.traveler.catalog.Catalog;
import io.traveler.inventory.StockLow;
import io.traveler.shared.Quantities;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reorder points and quantities per part, and the suggested-purchase list they make: every part whose available
 * stock is at or below its reorder point, with what to order (enough to bring its stock position, available plus
 * what is on order, up to the reorder point plus the reorder quantity, and at least the supplier's minimum) from
 * its preferred supplier (else its cheapest active one), which can be turned into draft purchase orders, one per
 * supplier.
 */
@Service
public class Reordering {
    /** The longest suggested-purchase list one request reads. */
    static final int MAX_SUGGESTIONS = 500;

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final SupplierService suppliers;
    private final SupplierParts supplierParts;
    private final Purchasing purchasing;
    private final ApplicationEventPublisher events;

    Reordering(
            JdbcClient jdbc,
            Catalog catalog,
            SupplierService suppliers,
            SupplierParts supplierParts,
            Purchasing purchasing,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.suppliers = suppliers;
        this.supplierParts = supplierParts;
        this.purchasing = purchasing;
        this.events = events;
    }

    /** A part's reorder settings with its stock (all zero for a part that never had any). */
    public record Setting(
            UUID partId,
            BigDecimal reorderPoint,
            BigDecimal reorderQuantity,
            BigDecimal onHand,
            BigDecimal reserved,
            boolean low,
            long version) {
        public BigDecimal available() {
            return onHand.subtract(reserved);
        }
    }

    /** One line of the suggested-purchase list. */
    public record Suggestion(
            Catalog.PartRef part,
            BigDecimal onHand,
            BigDecimal reserved,
            BigDecimal available,
            BigDecimal reorderPoint,
            BigDecimal reorderQuantity,
            BigDecimal onOrder,
            BigDecimal suggestedQuantity,
            Supplier supplier,
            SupplierPart source) {
        public Integer leadTimeDays() {
            if (source != null && source.leadTimeDays() != null) {
                return source.leadTimeDays();
            }
            return supplier == null ? null : supplier.leadTimeDays();
        }

        public BigDecimal unitPrice() {
            return source == null ? null : source.unitPrice();
        }
    }

    /** The drafts made from suggestions, and the parts left out because no active supplier sells them. */
    public record Drafted(List<Purchasing.OrderWithLines> orders, List<UUID> withoutSupplier) {}

    @Transactional(readOnly = true)
    public Setting setting(UUID partId) {
        requirePart(partId);
        return jdbc.sql("""
                        select reorder_point, reorder_quantity, on_hand, reserved, low, version
                          from inventory.part_stock where org_id = :org and part_id = :part
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("part", partId)
                .query((rs, n) -> new Setting(
                        partId,
                        rs.getBigDecimal(1),
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getBoolean(5),
                        rs.getLong(6)))
                .optional()
                .orElse(new Setting(partId, null, null, BigDecimal.ZERO, BigDecimal.ZERO, false, 0));
    }

    /**
     * Sets (or, both null, clears) a part's reorder point and quantity, under the part's stock row lock that orders
     * its movements. Setting a point at or above what is available makes the part low at once, with its
     * {@link StockLow}, as a movement crossing it would.
     */
    @Transactional
    public Setting set(UUID partId, ExpectedVersion expected, BigDecimal point, BigDecimal quantity) {
        requirePart(partId);
        if (point == null && quantity != null) {
            throw new ValidationException("reorder_point", "is required with a reorder quantity");
        }
        if (point != null && quantity == null) {
            throw new ValidationException("reorder_quantity", "is required with a reorder point");
        }
        if (point != null) {
            Quantities.require("reorder_point", point);
            if (point.signum() < 0) {
                throw new ValidationException("reorder_point", "must be 0 or more");
            }
            Purchasing.positive("reorder_quantity", quantity);
        }
        UUID org = TenantContext.requireOrgId();
        jdbc.sql("""
                        insert into inventory.part_stock (org_id, part_id, updated_at) values (:org, :part, now())
                        on conflict do nothing
                        """).param("org", org).param("part", partId).update();
        Setting before = jdbc.sql("""
                        select on_hand, reserved, low, version from inventory.part_stock
                         where org_id = :org and part_id = :part for update
                        """)
                .param("org", org)
                .param("part", partId)
                .query((rs, n) -> new Setting(
                        partId, null, null, rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBoolean(3), rs.getLong(4)))
                .single();
        expected.require(before.version());
        boolean low = point != null && before.available().compareTo(point) <= 0;
        jdbc.sql("""
                        update inventory.part_stock
                           set reorder_point = :point, reorder_quantity = :quantity, low = :low, updated_at = now(),
                               version = version + 1
                         where org_id = :org and part_id = :part
                        """)
                .param("point", point)
                .param("quantity", quantity)
                .param("low", low)
                .param("org", org)
                .param("part", partId)
                .update();
        if (low && !before.low()) {
            events.publishEvent(new StockLow(org, partId, before.available(), point, quantity, Instant.now()));
        }
        return new Setting(partId, point, quantity, before.onHand(), before.reserved(), low, before.version() + 1);
    }

    private void requirePart(UUID partId) {
        if (catalog.parts(List.of(partId)).isEmpty()) {
            throw NotFoundException.of("Part", partId);
        }
    }

    /** The parts at or below their reorder point, by part id (the cursor), at most {@code page.limit()}. */
    @Transactional(readOnly = true)
    public ItemList<Suggestion> suggestions(PageRequest page) {
        UUID after = null;
        if (page.cursor() != null) {
            try {
                after = UUID.fromString(page.cursor());
            } catch (IllegalArgumentException e) {
                throw new ValidationException("cursor", "is not a cursor of this list");
            }
        }
        List<Suggestion> found = suggestions(after, page.limit() + 1, null);
        if (found.size() <= page.limit()) {
            return new ItemList<>(found, null);
        }
        List<Suggestion> shown = found.subList(0, page.limit());
        return new ItemList<>(List.copyOf(shown), shown.getLast().part().id().toString());
    }

    private record Low(UUID partId, BigDecimal onHand, BigDecimal reserved, BigDecimal point, BigDecimal quantity) {}

    private List<Suggestion> suggestions(UUID after, int limit, Collection<UUID> only) {
        List<Low> low = jdbc.sql("""
                        select part_id, on_hand, reserved, reorder_point, reorder_quantity from inventory.part_stock
                         where org_id = :org and reorder_point is not null and on_hand - reserved <= reorder_point
                           and (cast(:after as uuid) is null or part_id > :after)
                           and (cast(:only as uuid[]) is null or part_id = any(:only))
                         order by part_id limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("after", after)
                .param("only", only == null ? null : only.toArray(UUID[]::new))
                .param("limit", limit)
                .query((rs, n) -> new Low(
                        rs.getObject(1, UUID.class),
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5)))
                .list();
        if (low.isEmpty()) {
            return List.of();
        }
        List<UUID> partIds = low.stream().map(Low::partId).toList();
        Map<UUID, Catalog.PartRef> parts = catalog.parts(partIds);
        Map<UUID, BigDecimal> onOrder = purchasing.onOrder(partIds);
        List<SupplierPart> sources = supplierParts.findByPartIdIn(partIds);
        Map<UUID, Supplier> sellers = suppliers.suppliers(
                sources.stream().map(SupplierPart::supplierId).collect(Collectors.toSet()));
        Map<UUID, SupplierPart> best = new LinkedHashMap<>();
        sources.stream()
                .filter(s -> sellers.containsKey(s.supplierId())
                        && sellers.get(s.supplierId()).active())
                .sorted(Comparator.comparing((SupplierPart s) -> !s.preferred())
                        .thenComparing(SupplierPart::unitPrice)
                        .thenComparing(SupplierPart::id))
                .forEach(s -> best.putIfAbsent(s.partId(), s));
        List<Suggestion> suggestions = new ArrayList<>();
        for (Low l : low) {
            Catalog.PartRef part = parts.get(l.partId());
            if (part == null) {
                continue;
            }
            BigDecimal available = l.onHand().subtract(l.reserved());
            BigDecimal ordered = onOrder.getOrDefault(l.partId(), BigDecimal.ZERO);
            SupplierPart source = best.get(l.partId());
            suggestions.add(new Suggestion(
                    part,
                    l.onHand(),
                    l.reserved(),
                    available,
                    l.point(),
                    l.quantity(),
                    ordered,
                    suggested(available.add(ordered), l.point(), l.quantity(), source),
                    source == null ? null : sellers.get(source.supplierId()),
                    source));
        }
        return suggestions;
    }

    /** Up to the point plus the quantity when the position is at or below the point; at least the minimum. */
    static BigDecimal suggested(BigDecimal position, BigDecimal point, BigDecimal quantity, SupplierPart source) {
        if (position.compareTo(point) > 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal needed =
                point.add(quantity == null ? BigDecimal.ONE : quantity).subtract(position);
        if (source != null && source.minimumQuantity() != null && needed.compareTo(source.minimumQuantity()) < 0) {
            needed = source.minimumQuantity();
        }
        return needed.setScale(6, RoundingMode.UP).stripTrailingZeros();
    }

    /**
     * Draft purchase orders for the suggestions (all, or those of {@code partIds}) that have something to order
     * and a supplier: one per supplier, its lines at the supplier's prices, expected after the longest lead time.
     */
    @Transactional
    public Drafted draftOrders(Collection<UUID> partIds) {
        if (partIds != null && partIds.size() > MAX_SUGGESTIONS) {
            throw new ValidationException("part_ids", "must be at most " + MAX_SUGGESTIONS);
        }
        List<Suggestion> all =
                suggestions(null, MAX_SUGGESTIONS, partIds == null || partIds.isEmpty() ? null : partIds);
        Map<UUID, List<Suggestion>> bySupplier = new LinkedHashMap<>();
        List<UUID> withoutSupplier = new ArrayList<>();
        for (Suggestion s : all) {
            if (s.suggestedQuantity().signum() <= 0) {
                continue;
            }
            if (s.supplier() == null) {
                withoutSupplier.add(s.part().id());
                continue;
            }
            bySupplier
                    .computeIfAbsent(s.supplier().id(), k -> new ArrayList<>())
                    .add(s);
        }
        List<Purchasing.OrderWithLines> drafted = new ArrayList<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Set<UUID> seen = new HashSet<>();
        for (var entry : bySupplier.entrySet()) {
            List<Suggestion> lines = entry.getValue().stream()
                    .filter(s -> seen.add(s.part().id()))
                    .sorted(Comparator.comparing(s -> s.part().partNumber()))
                    .toList();
            int lead = lines.stream()
                    .map(Suggestion::leadTimeDays)
                    .filter(java.util.Objects::nonNull)
                    .max(Integer::compare)
                    .orElse(0);
            drafted.add(purchasing.create(new Purchasing.OrderData(
                    entry.getKey(),
                    lead == 0 ? null : today.plusDays(lead),
                    "Made from the suggested-purchase list",
                    lines.stream()
                            .map(s -> new Purchasing.LineData(
                                    s.part().id(), s.suggestedQuantity(), s.unitPrice(), null, null))
                            .toList(),
                    Set.of())));
        }
        return new Drafted(drafted, withoutSupplier);
    }
}
