package io.traveler.inventory.internal;

import io.traveler.accounts.Accounts;
import io.traveler.catalog.Catalog;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.Quantities;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.KeysetPager;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.criteria.Predicate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Purchase orders to suppliers: written as drafts, sent, received (in parts) into stock through the ledger, or
 * cancelled. A receipt is one transaction: the order's row is locked, every line checked against what is still to
 * come, then each received line is a {@link Ledger#receive} at the line's unit price with reference PURCHASE_ORDER.
 */
@Service
public class Purchasing {
    /** Purchase orders share the organization's purchase order series (PO-2026-000001) with the brand's orders. */
    static final String SERIES = "purchase-orders";

    public static final int MAX_LINES = 500;

    public static final Map<String, String> SORTS =
            Map.of("created_at", "createdAt", "code", "code", "ordered_on", "orderedOn");

    private final PurchaseOrders orders;
    private final PurchaseOrderLines lines;
    private final SupplierService suppliers;
    private final SupplierParts supplierParts;
    private final Catalog catalog;
    private final OrganizationSettings settings;
    private final Ledger ledger;
    private final Accounts accounts;
    private final EntityManager em;
    private final JdbcClient jdbc;

    Purchasing(
            PurchaseOrders orders,
            PurchaseOrderLines lines,
            SupplierService suppliers,
            SupplierParts supplierParts,
            Catalog catalog,
            OrganizationSettings settings,
            Ledger ledger,
            Accounts accounts,
            EntityManager em,
            JdbcClient jdbc) {
        this.orders = orders;
        this.lines = lines;
        this.suppliers = suppliers;
        this.supplierParts = supplierParts;
        this.catalog = catalog;
        this.settings = settings;
        this.ledger = ledger;
        this.accounts = accounts;
        this.em = em;
        this.jdbc = jdbc;
    }

    /**
     * A line as written: the part, how much, and optionally its unit price and supplier SKU (taken from what the
     * supplier sells of the part when left out) and expected date.
     */
    public record LineData(
            UUID partId, BigDecimal quantity, BigDecimal unitPrice, String supplierSku, LocalDate expectedOn) {}

    /** An order's fields; on a change a null field stays unless named in {@code cleared}; lines, when given, replace. */
    public record OrderData(
            UUID supplierId, LocalDate expectedOn, String notes, List<LineData> lines, Set<String> cleared) {}

    /** An order with its lines, in line order. */
    public record OrderWithLines(PurchaseOrder order, List<PurchaseOrderLine> lines) {
        public BigDecimal total() {
            return lines.stream().map(PurchaseOrderLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** One received quantity of a line, into a location, as a lot (a number of its own, or one made up). */
    public record ReceiptLine(
            UUID lineId, BigDecimal quantity, UUID locationId, String lotNumber, LocalDate expiresOn) {}

    /** What a receipt wrote: the order as it is now, and the ledger's movement of each received line. */
    public record Receipt(OrderWithLines order, List<Received> received) {}

    public record Received(UUID lineId, Ledger.Posted posted) {}

    /** A RECEIPT movement against an order, as its receipt history shows it. */
    public record ReceivedLot(
            UUID movementId,
            Instant at,
            UUID partId,
            UUID lotId,
            String lotNumber,
            LocalDate expiresOn,
            UUID locationId,
            BigDecimal quantity,
            BigDecimal unitCost,
            UUID actorId) {}

    // --- reading ------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public ItemList<OrderWithLines> list(
            PageRequest page, String q, PurchaseOrder.Status status, UUID supplierId, Boolean open) {
        String words = q == null || q.isBlank() ? null : "%" + q.strip().toLowerCase(Locale.ROOT) + "%";
        ItemList<PurchaseOrder> found = KeysetPager.page(em, PurchaseOrder.class, page, SORTS, (root, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (words != null) {
                where.add(cb.like(cb.lower(root.get("code")), words));
            }
            if (status != null) {
                where.add(cb.equal(root.get("status"), status));
            }
            if (supplierId != null) {
                where.add(cb.equal(root.get("supplierId"), supplierId));
            }
            if (open != null) {
                var openStatuses =
                        root.get("status").in(PurchaseOrder.Status.SENT, PurchaseOrder.Status.PARTIALLY_RECEIVED);
                where.add(open ? openStatuses : cb.not(openStatuses));
            }
            return where.isEmpty() ? null : cb.and(where.toArray(Predicate[]::new));
        });
        Map<UUID, List<PurchaseOrderLine>> byOrder = found.items().isEmpty()
                ? Map.of()
                : lines
                        .findByPurchaseOrderIdInOrderByLineNo(
                                found.items().stream().map(PurchaseOrder::id).toList())
                        .stream()
                        .collect(Collectors.groupingBy(PurchaseOrderLine::purchaseOrderId));
        return found.map(o -> new OrderWithLines(o, byOrder.getOrDefault(o.id(), List.of())));
    }

    @Transactional(readOnly = true)
    public OrderWithLines order(UUID id) {
        return withLines(find(id));
    }

    @Transactional(readOnly = true)
    public List<ReceivedLot> receipts(UUID id) {
        find(id);
        return jdbc.sql("""
                        select m.id, m.at, m.part_id, m.lot_id, l.lot_number, l.expires_on, m.to_location_id,
                               m.quantity, m.unit_cost, m.actor_id
                          from inventory.movements m
                          join inventory.lots l on l.org_id = m.org_id and l.id = m.lot_id
                         where m.org_id = :org and m.reference_id = :id and m.reference_type = 'PURCHASE_ORDER'
                           and m.kind = 'RECEIPT'
                         order by m.seq
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query((rs, n) -> new ReceivedLot(
                        rs.getObject(1, UUID.class),
                        rs.getTimestamp(2).toInstant(),
                        rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class),
                        rs.getString(5),
                        rs.getObject(6, LocalDate.class),
                        rs.getObject(7, UUID.class),
                        rs.getBigDecimal(8),
                        rs.getBigDecimal(9),
                        rs.getObject(10, UUID.class)))
                .list();
    }

    /** What the order's PDF shows, read in one transaction. */
    @Transactional(readOnly = true)
    public PurchaseOrderSheets.Sheet sheet(UUID id) {
        OrderWithLines order = order(id);
        UUID org = TenantContext.requireOrgId();
        return new PurchaseOrderSheets.Sheet(
                accounts.organizationName(org).orElse(""),
                suppliers.supplier(order.order().supplierId()),
                order,
                order.lines().isEmpty()
                        ? Map.of()
                        : catalog.parts(order.lines().stream()
                                .map(PurchaseOrderLine::partId)
                                .toList()));
    }

    private PurchaseOrder find(UUID id) {
        return orders.findById(id).orElseThrow(() -> NotFoundException.of("Purchase order", id));
    }

    private OrderWithLines withLines(PurchaseOrder order) {
        return new OrderWithLines(order, lines.findByPurchaseOrderIdOrderByLineNo(order.id()));
    }

    // --- writing a draft ----------------------------------------------------------------------------------------

    @Transactional
    public OrderWithLines create(OrderData data) {
        if (data.supplierId() == null) {
            throw new ValidationException("supplier_id", "is required");
        }
        Supplier supplier = activeSupplier(data.supplierId());
        var order = new PurchaseOrder(
                settings.nextNumber(SERIES),
                supplier.id(),
                supplier.currency(),
                LocalDate.now(ZoneOffset.UTC),
                TenantContext.actorId().orElse(null));
        order.expect(data.expectedOn());
        order.note(blankToNull(data.notes()));
        orders.saveAndFlush(order);
        writeLines(order, data.lines() == null ? List.of() : data.lines());
        return withLines(order);
    }

    @Transactional
    public OrderWithLines change(UUID id, ExpectedVersion expected, OrderData data) {
        Set<String> cleared = data.cleared() == null ? Set.of() : data.cleared();
        if (cleared.contains("supplier_id")) {
            throw new ValidationException("supplier_id", "is required");
        }
        PurchaseOrder locked = orders.findForUpdate(id).orElseThrow(() -> NotFoundException.of("Purchase order", id));
        PurchaseOrder changed = VersionedChanges.change(orders, locked, expected, order -> {
            if (data.supplierId() != null && !data.supplierId().equals(order.supplierId())) {
                order.requireDraft("change its supplier");
                Supplier supplier = activeSupplier(data.supplierId());
                order.orderFrom(supplier.id(), supplier.currency());
            }
            if (data.expectedOn() != null || cleared.contains("expected_on")) {
                order.expect(data.expectedOn());
            }
            if (data.notes() != null || cleared.contains("notes")) {
                order.note(blankToNull(data.notes()));
            }
            if (data.lines() != null || cleared.contains("lines")) {
                order.requireDraft("change its lines");
                // the lines live in their own table: without this the order row is not written, so its
                // version would not move and a stale If-Match would still be accepted
                em.lock(order, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
            }
        });
        if (data.lines() != null || cleared.contains("lines")) {
            lines.deleteAllInBatch(lines.findByPurchaseOrderIdOrderByLineNo(id));
            lines.flush();
            writeLines(changed, data.lines() == null ? List.of() : data.lines());
        }
        return withLines(changed);
    }

    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        VersionedChanges.delete(orders, find(id), expected, order -> {
            order.requireDraft("be deleted (cancel it instead)");
            lines.deleteAllInBatch(lines.findByPurchaseOrderIdOrderByLineNo(id));
        });
    }

    private void writeLines(PurchaseOrder order, List<LineData> data) {
        if (data.size() > MAX_LINES) {
            throw new ValidationException("lines", "must be at most " + MAX_LINES);
        }
        List<UUID> partIds = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            LineData line = data.get(i);
            if (line == null) {
                throw new ValidationException("lines[" + i + "]", "must be a line");
            }
            if (line.partId() == null) {
                throw new ValidationException("lines[" + i + "].part_id", "is required");
            }
            partIds.add(line.partId());
        }
        Map<UUID, Catalog.PartRef> parts = partIds.isEmpty() ? Map.of() : catalog.parts(partIds);
        Map<UUID, SupplierPart> sold = partIds.isEmpty()
                ? Map.of()
                : supplierParts.findByPartIdIn(partIds).stream()
                        .filter(s -> s.supplierId().equals(order.supplierId()))
                        .collect(Collectors.toMap(SupplierPart::partId, s -> s));
        List<PurchaseOrderLine> written = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            LineData line = data.get(i);
            String field = "lines[" + i + "]";
            Catalog.PartRef part = parts.get(line.partId());
            if (part == null) {
                throw new ValidationException(field + ".part_id", "is not a part of this organization");
            }
            BigDecimal quantity = positive(field + ".quantity", line.quantity());
            SupplierPart source = sold.get(line.partId());
            BigDecimal price = line.unitPrice() != null
                    ? SupplierService.price(field + ".unit_price", line.unitPrice())
                    : source != null ? source.unitPrice() : part.unitCost();
            if (price == null) {
                throw new ValidationException(
                        field + ".unit_price", "is required: the supplier has no price for this part");
            }
            String sku = line.supplierSku() != null && !line.supplierSku().isBlank()
                    ? line.supplierSku().strip()
                    : source == null ? null : source.supplierSku();
            if (sku != null && sku.length() > 100) {
                throw new ValidationException(field + ".supplier_sku", "must be at most 100 characters");
            }
            written.add(new PurchaseOrderLine(order.id(), i + 1, part.id(), sku, quantity, price, line.expectedOn()));
        }
        lines.saveAllAndFlush(written);
    }

    private Supplier activeSupplier(UUID supplierId) {
        Supplier supplier;
        try {
            supplier = suppliers.supplier(supplierId);
        } catch (NotFoundException e) {
            throw new ValidationException("supplier_id", "is not a supplier of this organization");
        }
        if (!supplier.active()) {
            throw new ValidationException("supplier_id", "is an inactive supplier");
        }
        return supplier;
    }

    // --- moving on ----------------------------------------------------------------------------------------------

    @Transactional
    public OrderWithLines send(UUID id, ExpectedVersion expected) {
        PurchaseOrder order = orders.findForUpdate(id).orElseThrow(() -> NotFoundException.of("Purchase order", id));
        expected.checkIfGiven(order.version());
        if (lines.findByPurchaseOrderIdOrderByLineNo(id).isEmpty()) {
            throw new ConflictException("Purchase order " + order.code() + " has no lines: add what to order first");
        }
        order.send(Instant.now());
        return withLines(orders.saveAndFlush(order));
    }

    @Transactional
    public OrderWithLines cancel(UUID id, ExpectedVersion expected) {
        PurchaseOrder order = orders.findForUpdate(id).orElseThrow(() -> NotFoundException.of("Purchase order", id));
        expected.checkIfGiven(order.version());
        order.cancel(Instant.now());
        return withLines(orders.saveAndFlush(order));
    }

    /**
     * Receives the quantities given against the order's lines, each into its location as a lot, in one
     * transaction: the order is locked first, so two receipts of one order take turns and neither can take a line
     * beyond what was ordered (the database checks that as well).
     */
    @Transactional
    public Receipt receive(UUID id, ExpectedVersion expected, List<ReceiptLine> received) {
        PurchaseOrder order = orders.findForUpdate(id).orElseThrow(() -> NotFoundException.of("Purchase order", id));
        expected.checkIfGiven(order.version());
        order.requireReceivable();
        if (received == null || received.isEmpty()) {
            throw new ValidationException("lines", "must name at least one line to receive");
        }
        if (received.size() > MAX_LINES) {
            throw new ValidationException("lines", "must be at most " + MAX_LINES);
        }
        Map<UUID, PurchaseOrderLine> orderLines = new LinkedHashMap<>();
        lines.findByPurchaseOrderIdOrderByLineNo(id).forEach(l -> orderLines.put(l.id(), l));
        Map<UUID, BigDecimal> taken = new HashMap<>();
        for (int i = 0; i < received.size(); i++) {
            ReceiptLine r = received.get(i);
            String field = "lines[" + i + "]";
            if (r == null) {
                throw new ValidationException(field, "must be a line");
            }
            if (r.lineId() == null) {
                throw new ValidationException(field + ".line_id", "is required");
            }
            PurchaseOrderLine line = orderLines.get(r.lineId());
            if (line == null) {
                throw new ValidationException(field + ".line_id", "is not a line of purchase order " + order.code());
            }
            if (r.locationId() == null) {
                throw new ValidationException(field + ".location_id", "is required");
            }
            if (r.lotNumber() != null
                    && (r.lotNumber().isBlank() || r.lotNumber().strip().length() > 100)) {
                throw new ValidationException(field + ".lot_number", "must be 1 to 100 characters, or left out");
            }
            BigDecimal quantity = positive(field + ".quantity", r.quantity());
            BigDecimal total = taken.merge(line.id(), quantity, BigDecimal::add);
            if (total.compareTo(line.outstanding()) > 0) {
                throw new ValidationException(
                        field + ".quantity",
                        "is more than is still to come of line " + line.lineNo() + ": "
                                + line.outstanding().stripTrailingZeros().toPlainString() + " of "
                                + line.quantity().stripTrailingZeros().toPlainString() + " ordered");
            }
        }
        // Each receipt locks its part's stock row: taken in part order, two receipts of the same parts never wait
        // on each other crosswise.
        List<Integer> byPart = java.util.stream.IntStream.range(0, received.size())
                .boxed()
                .sorted(java.util.Comparator.comparing(
                        (Integer i) -> orderLines.get(received.get(i).lineId()).partId()))
                .toList();
        Received[] posted = new Received[received.size()];
        for (int i : byPart) {
            ReceiptLine r = received.get(i);
            PurchaseOrderLine line = orderLines.get(r.lineId());
            try {
                posted[i] = new Received(
                        line.id(),
                        ledger.receive(new Ledger.Receipt(
                                line.partId(),
                                r.locationId(),
                                r.quantity(),
                                r.lotNumber() == null ? null : r.lotNumber().strip(),
                                line.unitPrice(),
                                order.supplierId(),
                                r.expiresOn(),
                                Ledger.Reference.of("PURCHASE_ORDER", order.id()))));
            } catch (NotFoundException e) {
                throw new ValidationException("lines[" + i + "].location_id", "is not a location of this organization");
            } catch (ValidationException e) {
                String prefix = "lines[" + i + "].";
                throw new ValidationException(e.errors().stream()
                        .map(f -> new TravelerException.FieldError(prefix + f.field(), f.message()))
                        .toList());
            }
            line.receive(r.quantity());
        }
        lines.saveAllAndFlush(orderLines.values());
        order.received(orderLines.values().stream().allMatch(PurchaseOrderLine::complete), Instant.now());
        orders.saveAndFlush(order);
        return new Receipt(withLines(order), List.of(posted));
    }

    /** What is still to come of each part on orders sent and not yet fully received. */
    @Transactional(readOnly = true)
    public Map<UUID, BigDecimal> onOrder(Collection<UUID> partIds) {
        if (partIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, BigDecimal> onOrder = new HashMap<>();
        jdbc.sql("""
                        select l.part_id, sum(l.quantity - l.received_quantity)
                          from inventory.purchase_order_lines l
                          join inventory.purchase_orders o on o.org_id = l.org_id and o.id = l.purchase_order_id
                         where l.org_id = :org and l.part_id = any(:parts)
                           and o.status in ('DRAFT', 'SENT', 'PARTIALLY_RECEIVED')
                         group by l.part_id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("parts", partIds.toArray(UUID[]::new))
                .query((rs, n) -> onOrder.put(rs.getObject(1, UUID.class), rs.getBigDecimal(2)))
                .list();
        return onOrder;
    }

    static BigDecimal positive(String field, BigDecimal quantity) {
        if (quantity == null) {
            throw new ValidationException(field, "is required");
        }
        Quantities.require(field, quantity);
        if (quantity.signum() <= 0) {
            throw new ValidationException(field, "must be greater than 0");
        }
        return quantity;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
