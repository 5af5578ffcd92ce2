package io.traveler.inventory.internal;

import io.traveler.inventory.StockLow;
import io.traveler.shared.Ids;
import io.traveler.shared.Quantities;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger in SQL. Every change locks the part's {@code inventory.part_stock} row first (made on the part's first
 * movement), so a part's movements take turns and read balances no other movement is changing; then it writes the
 * balances, the movements and the part's totals, a statement each whatever the number of lots. The part's totals and
 * moving average cost are computed here from the locked row; the database checks refuse any negative balance.
 */
@Service
public class StockLedger implements Ledger {
    public static final String MOVING_AVERAGE = "MOVING_AVERAGE";
    public static final String FIFO = "FIFO";
    static final Set<String> REFERENCE_TYPES =
            Set.of("PROJECT", "UNIT", "ORDER", "PURCHASE_ORDER", "CYCLE_COUNT", "RESERVATION", "OTHER");
    private static final DateTimeFormatter LOT_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    StockLedger(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** The part's locked stock row: totals, moving average cost, reorder levels, the costing method in force. */
    record Stock(
            UUID partId,
            BigDecimal onHand,
            BigDecimal reserved,
            BigDecimal averageCost,
            BigDecimal reorderPoint,
            BigDecimal reorderQuantity,
            boolean low,
            String costingMethod,
            BigDecimal standardCost) {
        BigDecimal available() {
            return onHand.subtract(reserved);
        }

        /** What stock of this lot going out (or back in) is worth a unit by the costing method. */
        BigDecimal costOf(BigDecimal lotCost) {
            return FIFO.equals(costingMethod) ? lotCost : averageCost;
        }
    }

    /** Stock of a lot at a location that may be taken, in FIFO order. */
    record LotStock(UUID lotId, String lotNumber, UUID locationId, BigDecimal quantity, BigDecimal unitCost) {}

    /** One movement line before it is written. */
    private record Line(UUID lotId, String lotNumber, UUID from, UUID to, BigDecimal quantity, BigDecimal unitCost) {}

    private record Lot(UUID id, UUID partId, String lotNumber, BigDecimal unitCost) {}

    // --- the ledger ------------------------------------------------------------------------------------------

    @Override
    @Transactional
    public Posted receive(Receipt receipt) {
        BigDecimal quantity = positive("quantity", receipt.quantity());
        if (receipt.unitCost() != null
                && Quantities.require("unit_cost", receipt.unitCost()).signum() < 0) {
            throw new ValidationException("unit_cost", "must not be negative");
        }
        String lotNumber = lotNumber(receipt.lotNumber());
        checkReference(receipt.reference());
        Stock stock = lock(receipt.partId());
        requireLocation("location_id", receipt.locationId());
        if (receipt.supplierId() != null && !exists("inventory.suppliers", receipt.supplierId())) {
            throw NotFoundException.of("Supplier", receipt.supplierId());
        }
        BigDecimal unitCost = Quantities.plain(receipt.unitCost() != null ? receipt.unitCost() : stock.standardCost());
        Instant now = now();
        Lot lot = receiveIntoLot(stock.partId(), lotNumber, quantity, unitCost, receipt, now);
        Line line = new Line(lot.id(), lot.lotNumber(), null, receipt.locationId(), quantity, unitCost);
        addOnHand(stock.partId(), List.of(line), now);
        List<Posted> posted = append(now, "RECEIPT", stock.partId(), List.of(line), null, receipt.reference());
        settle(stock, quantity, BigDecimal.ZERO, quantity, unitCost, now);
        return posted.getFirst();
    }

    @Override
    @Transactional
    public List<Posted> issue(UUID partId, UUID locationId, BigDecimal quantity, Reference reference) {
        positive("quantity", quantity);
        checkReference(reference);
        Stock stock = lock(partId);
        requireLocation("location_id", locationId);
        List<Line> lines = out(stock, takeAll(stock, locationId, null, quantity), locationId, null);
        takeOnHand(stock.partId(), lines, now());
        return appendAndSettle(stock, "ISSUE", lines, null, reference, quantity.negate(), BigDecimal.ZERO);
    }

    @Override
    @Transactional
    public List<Posted> transfer(UUID partId, UUID lotId, UUID fromLocationId, UUID toLocationId, BigDecimal quantity) {
        positive("quantity", quantity);
        if (Objects.equals(fromLocationId, toLocationId)) {
            throw new ValidationException("to_location_id", "must differ from from_location_id");
        }
        Stock stock = lock(partId);
        requireLocation("from_location_id", fromLocationId);
        requireLocation("to_location_id", toLocationId);
        if (lotId != null) {
            lotOf(lotId, stock.partId());
        }
        List<Line> lines = out(stock, takeAll(stock, fromLocationId, lotId, quantity), fromLocationId, toLocationId);
        Instant now = now();
        takeOnHand(stock.partId(), lines, now);
        addOnHand(stock.partId(), lines, now);
        return append(now, "TRANSFER", stock.partId(), lines, null, null);
    }

    @Override
    @Transactional
    public List<Posted> adjust(
            UUID partId, UUID lotId, UUID locationId, BigDecimal delta, String reason, Reference reference) {
        if (delta == null || Quantities.require("quantity", delta).signum() == 0) {
            throw new ValidationException("quantity", "must not be zero");
        }
        String why = reason(reason);
        checkReference(reference);
        Stock stock = lock(partId);
        requireLocation("location_id", locationId);
        Instant now = now();
        if (delta.signum() < 0) {
            if (lotId != null) {
                lotOf(lotId, stock.partId());
            }
            BigDecimal quantity = delta.negate();
            List<Line> lines = out(stock, takeAll(stock, locationId, lotId, quantity), locationId, null);
            takeOnHand(stock.partId(), lines, now);
            return appendAndSettle(stock, "ADJUSTMENT", lines, why, reference, delta, BigDecimal.ZERO);
        }
        Lot lot = lotId != null ? lotOf(lotId, stock.partId()) : newestOrNewLot(stock, now);
        Line line = new Line(lot.id(), lot.lotNumber(), null, locationId, Quantities.plain(delta), lot.unitCost());
        addOnHand(stock.partId(), List.of(line), now);
        List<Posted> posted = append(now, "ADJUSTMENT", stock.partId(), List.of(line), why, reference);
        settle(stock, delta, BigDecimal.ZERO, delta, lot.unitCost(), now);
        return posted;
    }

    @Override
    @Transactional
    public List<Posted> damage(UUID partId, UUID lotId, UUID locationId, BigDecimal quantity, String reason) {
        positive("quantity", quantity);
        String why = reason(reason);
        Stock stock = lock(partId);
        requireLocation("location_id", locationId);
        if (lotId != null) {
            lotOf(lotId, stock.partId());
        }
        List<Line> lines = out(stock, takeAll(stock, locationId, lotId, quantity), locationId, null);
        takeOnHand(stock.partId(), lines, now());
        return appendAndSettle(stock, "DAMAGE", lines, why, null, quantity.negate(), BigDecimal.ZERO);
    }

    @Override
    @Transactional
    public Posted returnToStock(UUID lotId, UUID locationId, BigDecimal quantity, Reference reference) {
        positive("quantity", quantity);
        checkReference(reference);
        Lot lot = lotOf(lotId, null);
        Stock stock = lock(lot.partId());
        requireLocation("location_id", locationId);
        BigDecimal returnable = returnable(lot.id(), reference);
        if (returnable.compareTo(quantity) < 0) {
            throw new ConflictException(
                    "only " + returnable.stripTrailingZeros().toPlainString() + " of lot "
                            + lot.lotNumber() + " was issued" + (reference == null ? "" : " to this reference")
                            + " and not returned yet");
        }
        Instant now = now();
        Line line = new Line(lot.id(), lot.lotNumber(), null, locationId, Quantities.plain(quantity), lot.unitCost());
        addOnHand(stock.partId(), List.of(line), now);
        List<Posted> posted = append(now, "RETURN", stock.partId(), List.of(line), null, reference);
        settle(stock, quantity, BigDecimal.ZERO, quantity, lot.unitCost(), now);
        return posted.getFirst();
    }

    @Override
    @Transactional
    public List<Posted> reserve(UUID partId, UUID locationId, BigDecimal quantity, Reference reference) {
        positive("quantity", quantity);
        checkReference(reference);
        Stock stock = lock(partId);
        if (locationId != null) {
            requireLocation("location_id", locationId);
        }
        List<LotStock> taken = fifo(available(stock.partId(), locationId, null), quantity);
        if (taken.isEmpty()) {
            return List.of();
        }
        List<Line> lines = taken.stream()
                .map(t -> new Line(t.lotId(), t.lotNumber(), t.locationId(), null, t.quantity(), null))
                .toList();
        changeReserved(stock.partId(), lines, true, now());
        BigDecimal reserved = sum(lines);
        return appendAndSettle(stock, "RESERVE", lines, null, reference, BigDecimal.ZERO, reserved);
    }

    @Override
    @Transactional
    public Posted release(UUID lotId, UUID locationId, BigDecimal quantity, Reference reference) {
        positive("quantity", quantity);
        checkReference(reference);
        Lot lot = lotOf(lotId, null);
        Stock stock = lock(lot.partId());
        requireLocation("location_id", locationId);
        requireReserved(lot, locationId, quantity);
        Line line = new Line(lot.id(), lot.lotNumber(), locationId, null, Quantities.plain(quantity), null);
        changeReserved(stock.partId(), List.of(line), false, now());
        return appendAndSettle(stock, "RELEASE", List.of(line), null, reference, BigDecimal.ZERO, quantity.negate())
                .getFirst();
    }

    @Override
    @Transactional
    public List<Posted> issueReserved(UUID lotId, UUID locationId, BigDecimal quantity, Reference reference) {
        positive("quantity", quantity);
        checkReference(reference);
        Lot lot = lotOf(lotId, null);
        Stock stock = lock(lot.partId());
        requireLocation("location_id", locationId);
        requireReserved(lot, locationId, quantity);
        BigDecimal amount = Quantities.plain(quantity);
        Instant now = now();
        int changed = jdbc.sql("""
                        update inventory.balances set on_hand = on_hand - :quantity, reserved = reserved - :quantity,
                               updated_at = :now
                         where org_id = :org and lot_id = :lot and location_id = :location""")
                .param("org", TenantContext.requireOrgId())
                .param("quantity", amount)
                .param("now", Timestamp.from(now))
                .param("lot", lot.id())
                .param("location", locationId)
                .update();
        expectRows(1, changed);
        Line release = new Line(lot.id(), lot.lotNumber(), locationId, null, amount, null);
        Line issue = new Line(lot.id(), lot.lotNumber(), locationId, null, amount, stock.costOf(lot.unitCost()));
        List<Posted> posted =
                new ArrayList<>(append(now, "RELEASE", stock.partId(), List.of(release), null, reference));
        posted.addAll(append(now, "ISSUE", stock.partId(), List.of(issue), null, reference));
        settle(stock, amount.negate(), amount.negate(), BigDecimal.ZERO, BigDecimal.ZERO, now);
        return posted;
    }

    // --- FIFO ----------------------------------------------------------------------------------------------

    /** Takes up to {@code wanted} from {@code stock} in its order: the earliest lots first. */
    static List<LotStock> fifo(List<LotStock> stock, BigDecimal wanted) {
        List<LotStock> taken = new ArrayList<>();
        BigDecimal left = wanted;
        for (LotStock lot : stock) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal quantity = lot.quantity().min(left);
            taken.add(new LotStock(lot.lotId(), lot.lotNumber(), lot.locationId(), quantity, lot.unitCost()));
            left = left.subtract(quantity);
        }
        return taken;
    }

    /** All of {@code quantity} from the available stock (of one lot when given), or a conflict naming the shortage. */
    private List<LotStock> takeAll(Stock stock, UUID locationId, UUID lotId, BigDecimal quantity) {
        List<LotStock> available = available(stock.partId(), locationId, lotId);
        List<LotStock> taken = fifo(available, quantity);
        BigDecimal found = taken.stream().map(LotStock::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (found.compareTo(quantity) < 0) {
            BigDecimal there = available.stream().map(LotStock::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
            throw new ConflictException("only " + there.stripTrailingZeros().toPlainString()
                    + (lotId == null ? " of the part" : " of the lot") + " is available at the location, "
                    + quantity.stripTrailingZeros().toPlainString() + " asked");
        }
        return taken;
    }

    /** The part's unreserved stock (at one location, or anywhere when null; of one lot when given), oldest lots first. */
    private List<LotStock> available(UUID partId, UUID locationId, UUID lotId) {
        return jdbc.sql("""
                        select b.lot_id, l.lot_number, b.location_id, b.on_hand - b.reserved as available, l.unit_cost
                          from inventory.balances b
                          join inventory.lots l on l.org_id = b.org_id and l.id = b.lot_id
                         where b.org_id = :org and b.part_id = :part and b.on_hand > b.reserved
                           and (cast(:location as uuid) is null or b.location_id = :location)
                           and (cast(:lot as uuid) is null or b.lot_id = :lot)
                         order by l.received_at, l.id, b.location_id""")
                .param("org", TenantContext.requireOrgId())
                .param("part", partId)
                .param("location", locationId)
                .param("lot", lotId)
                .query((rs, n) -> new LotStock(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5)))
                .list();
    }

    private static List<Line> out(Stock stock, List<LotStock> taken, UUID from, UUID to) {
        return taken.stream()
                .map(t -> new Line(t.lotId(), t.lotNumber(), from, to, t.quantity(), stock.costOf(t.unitCost())))
                .toList();
    }

    // --- the part's row ------------------------------------------------------------------------------------

    /** Locks the part's stock row (making it on the part's first movement): another organization's part is not found. */
    private Stock lock(UUID partId) {
        if (partId == null) {
            throw new ValidationException("part_id", "is required");
        }
        UUID org = TenantContext.requireOrgId();
        jdbc.sql("""
                        insert into inventory.part_stock (org_id, part_id, updated_at)
                        select p.org_id, p.id, now() from catalog.parts p where p.org_id = :org and p.id = :part
                        on conflict do nothing""").param("org", org).param("part", partId).update();
        return jdbc.sql("""
                        select s.on_hand, s.reserved, s.average_cost, s.reorder_point, s.reorder_quantity, s.low,
                               coalesce((select costing_method from inventory.settings where org_id = :org),
                                        'MOVING_AVERAGE'),
                               p.unit_cost
                          from inventory.part_stock s
                          join catalog.parts p on p.org_id = s.org_id and p.id = s.part_id
                         where s.org_id = :org and s.part_id = :part
                           for update of s""")
                .param("org", org)
                .param("part", partId)
                .query((rs, n) -> new Stock(
                        partId,
                        rs.getBigDecimal(1),
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5),
                        rs.getBoolean(6),
                        rs.getString(7),
                        rs.getBigDecimal(8)))
                .optional()
                .orElseThrow(() -> NotFoundException.of("Part", partId));
    }

    /**
     * Writes the part's new totals: on hand and reserved by their deltas, the moving average cost weighted by what
     * comes in ({@code incoming} at {@code incomingCost}), and the low flag; announces {@link StockLow} when available
     * stock just fell to or below the reorder point.
     */
    private void settle(
            Stock stock,
            BigDecimal onHandDelta,
            BigDecimal reservedDelta,
            BigDecimal incoming,
            BigDecimal incomingCost,
            Instant now) {
        BigDecimal onHand = stock.onHand().add(onHandDelta);
        BigDecimal reserved = stock.reserved().add(reservedDelta);
        BigDecimal average = movingAverage(stock.onHand(), stock.averageCost(), incoming, incomingCost);
        BigDecimal available = onHand.subtract(reserved);
        boolean low = stock.reorderPoint() != null && available.compareTo(stock.reorderPoint()) <= 0;
        jdbc.sql("""
                        update inventory.part_stock
                           set on_hand = :onHand, reserved = :reserved, average_cost = :average, low = :low,
                               updated_at = :now
                         where org_id = :org and part_id = :part""")
                .param("onHand", onHand)
                .param("reserved", reserved)
                .param("average", average)
                .param("low", low)
                .param("now", Timestamp.from(now))
                .param("org", TenantContext.requireOrgId())
                .param("part", stock.partId())
                .update();
        if (low && !stock.low()) {
            events.publishEvent(new StockLow(
                    TenantContext.requireOrgId(),
                    stock.partId(),
                    available,
                    stock.reorderPoint(),
                    stock.reorderQuantity(),
                    now));
        }
    }

    /** The average unit cost after {@code incoming} at {@code incomingCost} joins {@code onHand} at {@code average}. */
    static BigDecimal movingAverage(
            BigDecimal onHand, BigDecimal average, BigDecimal incoming, BigDecimal incomingCost) {
        if (incoming.signum() <= 0) {
            return average;
        }
        BigDecimal total = onHand.add(incoming);
        return onHand.multiply(average)
                .add(incoming.multiply(incomingCost))
                .divide(total, Quantities.SCALE, RoundingMode.HALF_UP);
    }

    // --- lots ----------------------------------------------------------------------------------------------

    /**
     * The lot a receipt goes into: a new one, or the part's lot of that number, whose unit cost becomes the average
     * of what it holds and what comes in.
     */
    private Lot receiveIntoLot(
            UUID partId, String lotNumber, BigDecimal quantity, BigDecimal unitCost, Receipt receipt, Instant now) {
        UUID org = TenantContext.requireOrgId();
        String number = lotNumber != null ? lotNumber : generatedLotNumber(now);
        UUID id = Ids.newId();
        int inserted = jdbc.sql("""
                        insert into inventory.lots (org_id, id, part_id, lot_number, received_at, expires_on,
                                                    supplier_id, unit_cost, created_at)
                        values (:org, :id, :part, :number, :now, :expires, :supplier, :cost, :now)
                        on conflict (org_id, part_id, lot_number) do nothing""")
                .param("org", org)
                .param("id", id)
                .param("part", partId)
                .param("number", number)
                .param("now", Timestamp.from(now))
                .param("expires", receipt.expiresOn())
                .param("supplier", receipt.supplierId())
                .param("cost", unitCost)
                .update();
        if (inserted == 1) {
            return new Lot(id, partId, number, unitCost);
        }
        return jdbc.sql("""
                        update inventory.lots l
                           set unit_cost = round((held.quantity * l.unit_cost + :quantity * :cost)
                                                 / (held.quantity + :quantity), 6),
                               expires_on = coalesce(cast(:expires as date), l.expires_on),
                               supplier_id = coalesce(cast(:supplier as uuid), l.supplier_id)
                          from (select coalesce(sum(b.on_hand), 0) as quantity
                                  from inventory.balances b
                                  join inventory.lots x on x.org_id = b.org_id and x.id = b.lot_id
                                 where x.org_id = :org and x.part_id = :part and x.lot_number = :number) held
                         where l.org_id = :org and l.part_id = :part and l.lot_number = :number
                        returning l.id, l.unit_cost""")
                .param("org", org)
                .param("part", partId)
                .param("number", number)
                .param("quantity", quantity)
                .param("cost", unitCost)
                .param("expires", receipt.expiresOn())
                .param("supplier", receipt.supplierId())
                .query((rs, n) -> new Lot(rs.getObject(1, UUID.class), partId, number, rs.getBigDecimal(2)))
                .single();
    }

    /** Found stock goes into the part's newest lot, or a new lot at the part's standard cost when it has none. */
    private Lot newestOrNewLot(Stock stock, Instant now) {
        UUID org = TenantContext.requireOrgId();
        return jdbc.sql("""
                        select id, lot_number, unit_cost from inventory.lots
                         where org_id = :org and part_id = :part
                         order by received_at desc, id desc limit 1""")
                .param("org", org)
                .param("part", stock.partId())
                .query((rs, n) ->
                        new Lot(rs.getObject(1, UUID.class), stock.partId(), rs.getString(2), rs.getBigDecimal(3)))
                .optional()
                .orElseGet(() -> {
                    UUID id = Ids.newId();
                    String number = generatedLotNumber(now);
                    jdbc.sql("""
                                    insert into inventory.lots (org_id, id, part_id, lot_number, received_at, unit_cost,
                                                                created_at)
                                    values (:org, :id, :part, :number, :now, :cost, :now)""")
                            .param("org", org)
                            .param("id", id)
                            .param("part", stock.partId())
                            .param("number", number)
                            .param("now", Timestamp.from(now))
                            .param("cost", stock.standardCost())
                            .update();
                    return new Lot(id, stock.partId(), number, stock.standardCost());
                });
    }

    /** The organization's lot (of {@code partId} when given); anything else is not found. */
    private Lot lotOf(UUID lotId, UUID partId) {
        if (lotId == null) {
            throw new ValidationException("lot_id", "is required");
        }
        return jdbc.sql(
                        "select id, part_id, lot_number, unit_cost from inventory.lots where org_id = :org and id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", lotId)
                .query((rs, n) -> new Lot(
                        rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getBigDecimal(4)))
                .optional()
                .filter(lot -> partId == null || lot.partId().equals(partId))
                .orElseThrow(() -> NotFoundException.of("Lot", lotId));
    }

    private static String generatedLotNumber(Instant now) {
        return "LOT-" + LOT_DATE.format(now) + "-"
                + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** What of the lot was issued (to the reference, when given) and has not come back yet. */
    private BigDecimal returnable(UUID lotId, Reference reference) {
        return jdbc.sql("""
                        select coalesce(sum(case kind when 'ISSUE' then quantity else -quantity end), 0)
                          from inventory.movements
                         where org_id = :org and lot_id = :lot and kind in ('ISSUE', 'RETURN')
                           and (cast(:type as text) is null or (reference_type = :type and reference_id = :ref))""")
                .param("org", TenantContext.requireOrgId())
                .param("lot", lotId)
                .param("type", reference == null ? null : reference.type())
                .param("ref", reference == null ? null : reference.id())
                .query(BigDecimal.class)
                .single();
    }

    private void requireReserved(Lot lot, UUID locationId, BigDecimal quantity) {
        BigDecimal reserved = jdbc.sql("""
                        select reserved from inventory.balances
                         where org_id = :org and lot_id = :lot and location_id = :location""")
                .param("org", TenantContext.requireOrgId())
                .param("lot", lot.id())
                .param("location", locationId)
                .query(BigDecimal.class)
                .optional()
                .orElse(BigDecimal.ZERO);
        if (reserved.compareTo(quantity) < 0) {
            throw new ConflictException("only " + reserved.stripTrailingZeros().toPlainString() + " of lot "
                    + lot.lotNumber() + " is reserved at the location, "
                    + quantity.stripTrailingZeros().toPlainString()
                    + " asked");
        }
    }

    // --- balances and movements ----------------------------------------------------------------------------

    /** Adds each line's quantity to its lot's balance at its destination, making the balance when it is new. */
    private void addOnHand(UUID partId, List<Line> lines, Instant now) {
        jdbc.sql("""
                        insert into inventory.balances (org_id, part_id, lot_id, location_id, on_hand, reserved, updated_at)
                        select :org, :part, d.lot_id, d.location_id, d.quantity, 0, :now
                          from unnest(cast(:lots as uuid[]), cast(:locations as uuid[]), cast(:quantities as numeric[]))
                               as d(lot_id, location_id, quantity)
                        on conflict (org_id, lot_id, location_id)
                        do update set on_hand = inventory.balances.on_hand + excluded.on_hand,
                                      updated_at = excluded.updated_at""")
                .param("org", TenantContext.requireOrgId())
                .param("part", partId)
                .param("now", Timestamp.from(now))
                .param("lots", texts(lines, Line::lotId))
                .param("locations", texts(lines, Line::to))
                .param("quantities", texts(lines, Line::quantity))
                .update();
    }

    /** Takes each line's quantity from its lot's balance at its source. */
    private void takeOnHand(UUID partId, List<Line> lines, Instant now) {
        int changed = jdbc.sql("""
                        update inventory.balances b set on_hand = b.on_hand - d.quantity, updated_at = :now
                          from unnest(cast(:lots as uuid[]), cast(:locations as uuid[]), cast(:quantities as numeric[]))
                               as d(lot_id, location_id, quantity)
                         where b.org_id = :org and b.part_id = :part and b.lot_id = d.lot_id
                           and b.location_id = d.location_id""")
                .param("org", TenantContext.requireOrgId())
                .param("part", partId)
                .param("now", Timestamp.from(now))
                .param("lots", texts(lines, Line::lotId))
                .param("locations", texts(lines, Line::from))
                .param("quantities", texts(lines, Line::quantity))
                .update();
        expectRows(lines.size(), changed);
    }

    /** Reserves ({@code up}) or frees each line's quantity of its lot's balance at its source. */
    private void changeReserved(UUID partId, List<Line> lines, boolean up, Instant now) {
        int changed = jdbc.sql("""
                        update inventory.balances b set reserved = b.reserved + :sign * d.quantity, updated_at = :now
                          from unnest(cast(:lots as uuid[]), cast(:locations as uuid[]), cast(:quantities as numeric[]))
                               as d(lot_id, location_id, quantity)
                         where b.org_id = :org and b.part_id = :part and b.lot_id = d.lot_id
                           and b.location_id = d.location_id""")
                .param("org", TenantContext.requireOrgId())
                .param("part", partId)
                .param("sign", up ? 1 : -1)
                .param("now", Timestamp.from(now))
                .param("lots", texts(lines, Line::lotId))
                .param("locations", texts(lines, Line::from))
                .param("quantities", texts(lines, Line::quantity))
                .update();
        expectRows(lines.size(), changed);
    }

    private List<Posted> appendAndSettle(
            Stock stock,
            String kind,
            List<Line> lines,
            String reason,
            Reference reference,
            BigDecimal onHandDelta,
            BigDecimal reservedDelta) {
        Instant now = now();
        List<Posted> posted = append(now, kind, stock.partId(), lines, reason, reference);
        settle(stock, onHandDelta, reservedDelta, BigDecimal.ZERO, BigDecimal.ZERO, now);
        return posted;
    }

    /** Appends one movement per line, in their order, in one statement. */
    private List<Posted> append(
            Instant now, String kind, UUID partId, List<Line> lines, String reason, Reference reference) {
        List<Posted> posted = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (Line line : lines) {
            UUID id = Ids.newId();
            ids.add(id);
            posted.add(new Posted(
                    id,
                    kind,
                    partId,
                    line.lotId(),
                    line.lotNumber(),
                    line.from(),
                    line.to(),
                    line.quantity(),
                    line.unitCost(),
                    now));
        }
        jdbc.sql("""
                        insert into inventory.movements (org_id, id, at, kind, part_id, lot_id, from_location_id,
                                                         to_location_id, quantity, unit_cost, reason, reference_type,
                                                         reference_id, actor_id)
                        select :org, m.id, :now, :kind, :part, m.lot_id, m.from_id, m.to_id, m.quantity, m.unit_cost,
                               cast(:reason as text), cast(:referenceType as text), cast(:referenceId as uuid),
                               cast(:actor as uuid)
                          from unnest(cast(:ids as uuid[]), cast(:lots as uuid[]), cast(:froms as uuid[]),
                                      cast(:tos as uuid[]), cast(:quantities as numeric[]), cast(:costs as numeric[]))
                               with ordinality as m(id, lot_id, from_id, to_id, quantity, unit_cost, n)
                         order by m.n""")
                .param("org", TenantContext.requireOrgId())
                .param("now", Timestamp.from(now))
                .param("kind", kind)
                .param("part", partId)
                .param("reason", reason)
                .param("referenceType", reference == null ? null : reference.type())
                .param("referenceId", reference == null ? null : reference.id())
                .param("actor", TenantContext.actorId().orElse(null))
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .param("lots", texts(lines, Line::lotId))
                .param("froms", texts(lines, Line::from))
                .param("tos", texts(lines, Line::to))
                .param("quantities", texts(lines, Line::quantity))
                .param("costs", texts(lines, Line::unitCost))
                .update();
        return posted;
    }

    // --- checks --------------------------------------------------------------------------------------------

    private void requireLocation(String field, UUID locationId) {
        if (locationId == null) {
            throw new ValidationException(field, "is required");
        }
        if (!exists("accounts.locations", locationId)) {
            throw NotFoundException.of("Location", locationId);
        }
    }

    private boolean exists(String table, UUID id) {
        return jdbc.sql("select exists (select 1 from " + table + " where org_id = :org and id = :id)")
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    private static BigDecimal positive(String field, BigDecimal quantity) {
        if (quantity == null) {
            throw new ValidationException(field, "is required");
        }
        if (Quantities.require(field, quantity).signum() <= 0) {
            throw new ValidationException(field, "must be positive");
        }
        return Quantities.plain(quantity);
    }

    private static String lotNumber(String lotNumber) {
        if (lotNumber == null || lotNumber.isBlank()) {
            return null;
        }
        String trimmed = lotNumber.strip();
        if (trimmed.length() > 100) {
            throw new ValidationException("lot_number", "must be at most 100 characters");
        }
        return trimmed;
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ValidationException("reason", "is required");
        }
        String trimmed = reason.strip();
        if (trimmed.length() > 500) {
            throw new ValidationException("reason", "must be at most 500 characters");
        }
        return trimmed;
    }

    private static void checkReference(Reference reference) {
        if (reference != null && !REFERENCE_TYPES.contains(reference.type())) {
            throw new ValidationException(
                    "reference_type",
                    "must be one of " + REFERENCE_TYPES.stream().sorted().toList());
        }
    }

    private static void expectRows(int expected, int changed) {
        if (expected != changed) {
            throw new IllegalStateException("expected " + expected + " balances to change, " + changed + " did");
        }
    }

    private static BigDecimal sum(List<Line> lines) {
        return lines.stream().map(Line::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String[] texts(List<Line> lines, java.util.function.Function<Line, Object> value) {
        return lines.stream()
                .map(value)
                .map(v -> v == null ? null : v instanceof BigDecimal d ? d.toPlainString() : v.toString())
                .toArray(String[]::new);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
