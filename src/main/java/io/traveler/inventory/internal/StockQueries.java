package io.traveler.inventory.internal;

import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.paging.Cursors;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the stock is: balances, the ledger, lots and their trace, valuation. Reads balances and part totals (kept with
 * the ledger) rather than summing movements, except for the ledger check, whose point is to sum them.
 */
@Service
public class StockQueries {
    private static final int SCALE = 6;
    /** The most movements a lot's page lists (its trace sums them all). */
    static final int LOT_MOVEMENTS = 500;

    private final JdbcClient jdbc;
    private final InventorySettings settings;

    StockQueries(JdbcClient jdbc, InventorySettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    // --- balances ------------------------------------------------------------------------------------------

    public record LotBalance(
            UUID lotId,
            String lotNumber,
            Instant receivedAt,
            LocalDate expiresOn,
            BigDecimal onHand,
            BigDecimal reserved,
            BigDecimal available) {}

    public record StockBalance(
            UUID partId,
            UUID locationId,
            String locationCode,
            String locationName,
            BigDecimal onHand,
            BigDecimal reserved,
            BigDecimal available,
            List<LotBalance> lots) {}

    /** The part's stock per location (at one location when given), each with its lots when asked, by location code. */
    @Transactional(readOnly = true)
    public ItemList<StockBalance> balances(UUID partId, UUID locationId, boolean withLots) {
        requirePart(partId);
        var rows = jdbc.sql("""
                        select b.location_id, loc.code, loc.name, b.lot_id, l.lot_number, l.received_at, l.expires_on,
                               b.on_hand, b.reserved
                          from inventory.balances b
                          join inventory.lots l on l.org_id = b.org_id and l.id = b.lot_id
                          join accounts.locations loc on loc.org_id = b.org_id and loc.id = b.location_id
                         where b.org_id = :org and b.part_id = :part and b.on_hand > 0
                           and (cast(:location as uuid) is null or b.location_id = :location)
                         order by loc.code, loc.id, l.received_at, l.id""")
                .param("org", TenantContext.requireOrgId())
                .param("part", partId)
                .param("location", locationId)
                .query((rs, n) -> new Object[] {
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    rs.getString(3),
                    new LotBalance(
                            rs.getObject(4, UUID.class),
                            rs.getString(5),
                            rs.getTimestamp(6).toInstant(),
                            rs.getObject(7, LocalDate.class),
                            rs.getBigDecimal(8),
                            rs.getBigDecimal(9),
                            rs.getBigDecimal(8).subtract(rs.getBigDecimal(9)))
                })
                .list();
        Map<UUID, List<Object[]>> byLocation = new LinkedHashMap<>();
        rows.forEach(row -> byLocation
                .computeIfAbsent((UUID) row[0], k -> new ArrayList<>())
                .add(row));
        List<StockBalance> balances = new ArrayList<>();
        byLocation.forEach((location, lots) -> {
            BigDecimal onHand = BigDecimal.ZERO;
            BigDecimal reserved = BigDecimal.ZERO;
            for (Object[] lot : lots) {
                onHand = onHand.add(((LotBalance) lot[3]).onHand());
                reserved = reserved.add(((LotBalance) lot[3]).reserved());
            }
            balances.add(new StockBalance(
                    partId,
                    location,
                    (String) lots.getFirst()[1],
                    (String) lots.getFirst()[2],
                    onHand,
                    reserved,
                    onHand.subtract(reserved),
                    withLots ? lots.stream().map(lot -> (LotBalance) lot[3]).toList() : null));
        });
        return new ItemList<>(balances, null);
    }

    // --- the ledger ----------------------------------------------------------------------------------------

    public record StockMovement(
            long seq,
            UUID id,
            Instant at,
            String kind,
            UUID partId,
            UUID lotId,
            String lotNumber,
            UUID fromLocationId,
            UUID toLocationId,
            BigDecimal quantity,
            BigDecimal unitCost,
            String reason,
            String referenceType,
            UUID referenceId,
            UUID actorId) {}

    public record MovementFilter(UUID partId, UUID lotId, UUID referenceId, UUID locationId, String kind) {}

    private static final String MOVEMENTS = """
            select m.seq, m.id, m.at, m.kind, m.part_id, m.lot_id, l.lot_number, m.from_location_id, m.to_location_id,
                   m.quantity, m.unit_cost, m.reason, m.reference_type, m.reference_id, m.actor_id
              from inventory.movements m
              join inventory.lots l on l.org_id = m.org_id and l.id = m.lot_id
            """;

    /** The ledger newest first, filtered, a page at a time after the cursor's movement. */
    @Transactional(readOnly = true)
    public ItemList<StockMovement> movements(MovementFilter filter, int limit, String cursor) {
        List<String> after = Cursors.decode(cursor, 1);
        if (filter.partId() != null) {
            requirePart(filter.partId());
        }
        StringBuilder sql = new StringBuilder(MOVEMENTS).append(" where m.org_id = :org");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("org", TenantContext.requireOrgId());
        if (filter.partId() != null) {
            sql.append(" and m.part_id = :part");
            params.put("part", filter.partId());
        }
        if (filter.lotId() != null) {
            sql.append(" and m.lot_id = :lot");
            params.put("lot", filter.lotId());
        }
        if (filter.referenceId() != null) {
            sql.append(" and m.reference_id = :reference");
            params.put("reference", filter.referenceId());
        }
        if (filter.locationId() != null) {
            sql.append(" and (m.from_location_id = :location or m.to_location_id = :location)");
            params.put("location", filter.locationId());
        }
        if (filter.kind() != null) {
            String kind = filter.kind().strip().toUpperCase(Locale.ROOT);
            if (!List.of("RECEIPT", "ISSUE", "TRANSFER", "ADJUSTMENT", "RETURN", "DAMAGE", "RESERVE", "RELEASE")
                    .contains(kind)) {
                throw new ValidationException("kind", "is not a kind of movement");
            }
            sql.append(" and m.kind = :kind");
            params.put("kind", kind);
        }
        if (after != null) {
            sql.append(" and m.seq < :after");
            params.put("after", seqOf(after.getFirst()));
        }
        sql.append(" order by m.seq desc limit :limit");
        params.put("limit", limit + 1);
        List<StockMovement> rows = jdbc.sql(sql.toString())
                .params(params)
                .query(StockQueries::movement)
                .list();
        return Cursors.page(rows, limit, last -> Cursors.encode(last.seq()));
    }

    private static long seqOf(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw Cursors.invalid();
        }
    }

    private static StockMovement movement(ResultSet rs, int n) throws SQLException {
        return new StockMovement(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getTimestamp(3).toInstant(),
                rs.getString(4),
                rs.getObject(5, UUID.class),
                rs.getObject(6, UUID.class),
                rs.getString(7),
                rs.getObject(8, UUID.class),
                rs.getObject(9, UUID.class),
                rs.getBigDecimal(10),
                rs.getBigDecimal(11),
                rs.getString(12),
                rs.getString(13),
                rs.getObject(14, UUID.class),
                rs.getObject(15, UUID.class));
    }

    // --- valuation -----------------------------------------------------------------------------------------

    public record Valuation(
            UUID partId,
            String costingMethod,
            BigDecimal onHand,
            BigDecimal reserved,
            BigDecimal available,
            BigDecimal averageCost,
            BigDecimal value) {}

    /**
     * What the part's stock is worth: by moving average, its on hand at the part's average cost; by FIFO, each lot's
     * on hand at the lot's own cost (the average cost then being their quotient).
     */
    @Transactional(readOnly = true)
    public Valuation valuation(UUID partId) {
        requirePart(partId);
        String method = settings.costing().costingMethod();
        return jdbc.sql("""
                        select coalesce(s.on_hand, 0), coalesce(s.reserved, 0), coalesce(s.average_cost, 0),
                               (select coalesce(sum(b.on_hand * l.unit_cost), 0)
                                  from inventory.balances b
                                  join inventory.lots l on l.org_id = b.org_id and l.id = b.lot_id
                                 where b.org_id = :org and b.part_id = :part)
                          from (select 1) one
                          left join inventory.part_stock s on s.org_id = :org and s.part_id = :part""")
                .param("org", TenantContext.requireOrgId())
                .param("part", partId)
                .query((rs, n) -> {
                    BigDecimal onHand = rs.getBigDecimal(1);
                    BigDecimal reserved = rs.getBigDecimal(2);
                    BigDecimal average = rs.getBigDecimal(3);
                    BigDecimal lotsValue = rs.getBigDecimal(4);
                    boolean fifo = StockLedger.FIFO.equals(method);
                    BigDecimal value = fifo ? lotsValue : onHand.multiply(average);
                    BigDecimal cost = fifo && onHand.signum() > 0
                            ? lotsValue.divide(onHand, SCALE, RoundingMode.HALF_UP)
                            : average;
                    return new Valuation(
                            partId,
                            method,
                            onHand,
                            reserved,
                            onHand.subtract(reserved),
                            cost,
                            value.setScale(SCALE, RoundingMode.HALF_UP));
                })
                .single();
    }

    public record ValueLine(UUID id, String code, String name, Integer parts, BigDecimal onHand, BigDecimal value) {}

    /**
     * Stock value grouped by location, category (a part without one under a line with no id) or part, by code; parts
     * a page at a time. On hand is summed only by part (other groups mix units of measure).
     */
    @Transactional(readOnly = true)
    public ItemList<ValueLine> value(String by, int limit, String cursor) {
        String grouping = by == null ? "" : by.strip().toLowerCase(Locale.ROOT);
        boolean fifo = StockLedger.FIFO.equals(settings.costing().costingMethod());
        String cost = fifo ? "l.unit_cost" : "s.average_cost";
        // a lot's own cost only when valuing FIFO: under moving average the lots are not read at all
        String stock = fifo ? """
                   from inventory.balances b
                   join inventory.lots l on l.org_id = b.org_id and l.id = b.lot_id
                  """ : """
                   from inventory.balances b
                   join inventory.part_stock s on s.org_id = b.org_id and s.part_id = b.part_id
                  """;
        UUID org = TenantContext.requireOrgId();
        return switch (grouping) {
            case "location" ->
                new ItemList<>(
                        jdbc.sql("select loc.id, loc.code, loc.name, v.parts, null, v.value from (select b.location_id,"
                                        + " count(distinct b.part_id) as parts, sum(b.on_hand * " + cost + ") as value"
                                        + stock + " where b.org_id = :org and b.on_hand > 0 group by b.location_id) v"
                                        + " join accounts.locations loc on loc.org_id = :org and loc.id = v.location_id"
                                        + " order by loc.code, loc.id")
                                .param("org", org)
                                .query(StockQueries::valueLine)
                                .list(),
                        null);
            case "category" ->
                new ItemList<>(
                        jdbc.sql("select c.id, c.code, c.name, count(*), null, sum(v.value) from (select b.part_id,"
                                        + " sum(b.on_hand * " + cost + ") as value" + stock
                                        + " where b.org_id = :org and b.on_hand > 0 group by b.part_id) v"
                                        + " join catalog.parts p on p.org_id = :org and p.id = v.part_id"
                                        + " left join catalog.categories c on c.org_id = p.org_id and c.id = p.category_id"
                                        + " group by c.id, c.code, c.name order by c.code nulls last, c.id")
                                .param("org", org)
                                .query(StockQueries::valueLine)
                                .list(),
                        null);
            case "part" -> valueByPart(org, cost, stock, limit, cursor);
            default -> throw new ValidationException("by", "must be location, category or part");
        };
    }

    private ItemList<ValueLine> valueByPart(UUID org, String cost, String stock, int limit, String cursor) {
        List<String> after = Cursors.decode(cursor, 2);
        var statement = jdbc.sql("select p.id, p.part_number, p.name, 1, sum(b.on_hand), sum(b.on_hand * " + cost + ")"
                        + stock
                        + " join catalog.parts p on p.org_id = b.org_id and p.id = b.part_id"
                        + " where b.org_id = :org and b.on_hand > 0"
                        + (after == null ? "" : " and (p.part_number, p.id) > (:number, :id)")
                        + " group by p.id, p.part_number, p.name order by p.part_number, p.id limit :limit")
                .param("org", org)
                .param("limit", limit + 1);
        if (after != null) {
            statement = statement.param("number", after.get(0)).param("id", uuidOf(after.get(1)));
        }
        return Cursors.page(
                statement.query(StockQueries::valueLine).list(), limit, last -> Cursors.encode(last.code(), last.id()));
    }

    private static ValueLine valueLine(ResultSet rs, int n) throws SQLException {
        return new ValueLine(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                rs.getBigDecimal(5),
                rs.getBigDecimal(6).setScale(SCALE, RoundingMode.HALF_UP));
    }

    // --- lots ----------------------------------------------------------------------------------------------

    public record LotSummary(
            UUID id,
            UUID partId,
            String lotNumber,
            Instant receivedAt,
            LocalDate expiresOn,
            UUID supplierId,
            String supplierName,
            BigDecimal unitCost,
            BigDecimal onHand,
            BigDecimal reserved) {}

    private static final String LOTS = """
            select l.id, l.part_id, l.lot_number, l.received_at, l.expires_on, l.supplier_id, sup.name, l.unit_cost,
                   coalesce((select sum(b.on_hand) from inventory.balances b
                              where b.org_id = l.org_id and b.lot_id = l.id), 0) as on_hand,
                   coalesce((select sum(b.reserved) from inventory.balances b
                              where b.org_id = l.org_id and b.lot_id = l.id), 0) as reserved
              from inventory.lots l
              left join inventory.suppliers sup on sup.org_id = l.org_id and sup.id = l.supplier_id
            """;

    /** The part's lots in the order issues take them (oldest first); only those holding stock when asked. */
    @Transactional(readOnly = true)
    public ItemList<LotSummary> lots(UUID partId, boolean inStock, int limit, String cursor) {
        requirePart(partId);
        List<String> after = Cursors.decode(cursor, 2);
        String sql = "select * from (" + LOTS + " where l.org_id = :org and l.part_id = :part"
                + (after == null ? "" : " and (l.received_at, l.id) > (:at, :id)")
                + ") lot" + (inStock ? " where lot.on_hand > 0" : "")
                + " order by lot.received_at, lot.id limit :limit";
        var statement = jdbc.sql(sql)
                .param("org", TenantContext.requireOrgId())
                .param("part", partId)
                .param("limit", limit + 1);
        if (after != null) {
            statement = statement
                    .param("at", Timestamp.from(instantOf(after.get(0))))
                    .param("id", uuidOf(after.get(1)));
        }
        return Cursors.page(
                statement.query(StockQueries::lotSummary).list(),
                limit,
                last -> Cursors.encode(last.receivedAt(), last.id()));
    }

    private static LotSummary lotSummary(ResultSet rs, int n) throws SQLException {
        return new LotSummary(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getTimestamp(4).toInstant(),
                rs.getObject(5, LocalDate.class),
                rs.getObject(6, UUID.class),
                rs.getString(7),
                rs.getBigDecimal(8),
                rs.getBigDecimal(9),
                rs.getBigDecimal(10));
    }

    /** Where a lot came from: a receipt, with its supplier and what it named (a purchase order). */
    public record LotReceipt(
            UUID movementId,
            Instant at,
            UUID locationId,
            BigDecimal quantity,
            BigDecimal unitCost,
            String referenceType,
            UUID referenceId) {}

    /** Where a lot went: what was issued to a reference (a project, unit or order), less what came back. */
    public record LotConsumer(
            String referenceType,
            UUID referenceId,
            BigDecimal issued,
            BigDecimal returned,
            Instant firstAt,
            Instant lastAt) {}

    public record LotDetail(
            UUID id,
            UUID partId,
            String partNumber,
            String partName,
            String lotNumber,
            Instant receivedAt,
            LocalDate expiresOn,
            UUID supplierId,
            String supplierCode,
            String supplierName,
            BigDecimal unitCost,
            BigDecimal onHand,
            BigDecimal reserved,
            List<LotLocation> locations,
            List<LotReceipt> receipts,
            List<LotConsumer> consumers,
            List<StockMovement> movements,
            boolean moreMovements) {}

    public record LotLocation(UUID locationId, String locationCode, BigDecimal onHand, BigDecimal reserved) {}

    /**
     * A lot and its trace: backward to its supplier and receipts, forward to every reference it was issued to, and
     * its movements oldest first (the first {@value #LOT_MOVEMENTS}).
     */
    @Transactional(readOnly = true)
    public LotDetail lot(UUID lotId) {
        UUID org = TenantContext.requireOrgId();
        record Head(
                UUID partId,
                String partNumber,
                String partName,
                String lotNumber,
                Instant receivedAt,
                LocalDate expiresOn,
                UUID supplierId,
                String supplierCode,
                String supplierName,
                BigDecimal unitCost) {}
        Head head = jdbc.sql("""
                        select l.part_id, p.part_number, p.name, l.lot_number, l.received_at, l.expires_on, l.supplier_id,
                               sup.code, sup.name, l.unit_cost
                          from inventory.lots l
                          join catalog.parts p on p.org_id = l.org_id and p.id = l.part_id
                          left join inventory.suppliers sup on sup.org_id = l.org_id and sup.id = l.supplier_id
                         where l.org_id = :org and l.id = :lot""")
                .param("org", org)
                .param("lot", lotId)
                .query((rs, n) -> new Head(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getObject(6, LocalDate.class),
                        rs.getObject(7, UUID.class),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getBigDecimal(10)))
                .optional()
                .orElseThrow(() -> NotFoundException.of("Lot", lotId));
        List<LotLocation> locations = jdbc.sql("""
                        select b.location_id, loc.code, b.on_hand, b.reserved
                          from inventory.balances b
                          join accounts.locations loc on loc.org_id = b.org_id and loc.id = b.location_id
                         where b.org_id = :org and b.lot_id = :lot and b.on_hand > 0
                         order by loc.code, loc.id""")
                .param("org", org)
                .param("lot", lotId)
                .query((rs, n) -> new LotLocation(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
                .list();
        List<LotReceipt> receipts = jdbc.sql("""
                        select id, at, to_location_id, quantity, unit_cost, reference_type, reference_id
                          from inventory.movements
                         where org_id = :org and lot_id = :lot and kind = 'RECEIPT'
                         order by seq""")
                .param("org", org)
                .param("lot", lotId)
                .query((rs, n) -> new LotReceipt(
                        rs.getObject(1, UUID.class),
                        rs.getTimestamp(2).toInstant(),
                        rs.getObject(3, UUID.class),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5),
                        rs.getString(6),
                        rs.getObject(7, UUID.class)))
                .list();
        List<LotConsumer> consumers = jdbc.sql("""
                        select reference_type, reference_id,
                               coalesce(sum(quantity) filter (where kind = 'ISSUE'), 0),
                               coalesce(sum(quantity) filter (where kind = 'RETURN'), 0),
                               min(at), max(at)
                          from inventory.movements
                         where org_id = :org and lot_id = :lot and kind in ('ISSUE', 'RETURN')
                           and reference_id is not null
                         group by reference_type, reference_id
                         order by min(seq)""")
                .param("org", org)
                .param("lot", lotId)
                .query((rs, n) -> new LotConsumer(
                        rs.getString(1),
                        rs.getObject(2, UUID.class),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6).toInstant()))
                .list();
        List<StockMovement> movements = jdbc.sql(MOVEMENTS
                        + " where m.org_id = :org and m.lot_id = :lot order by m.seq limit " + (LOT_MOVEMENTS + 1))
                .param("org", org)
                .param("lot", lotId)
                .query(StockQueries::movement)
                .list();
        boolean more = movements.size() > LOT_MOVEMENTS;
        BigDecimal onHand = locations.stream().map(LotLocation::onHand).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal reserved = locations.stream().map(LotLocation::reserved).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new LotDetail(
                lotId,
                head.partId(),
                head.partNumber(),
                head.partName(),
                head.lotNumber(),
                head.receivedAt(),
                head.expiresOn(),
                head.supplierId(),
                head.supplierCode(),
                head.supplierName(),
                head.unitCost(),
                onHand,
                reserved,
                locations,
                receipts,
                consumers,
                more ? movements.subList(0, LOT_MOVEMENTS) : movements,
                more);
    }

    // --- the ledger check ----------------------------------------------------------------------------------

    /**
     * A figure that disagrees with what it is kept from: a balance ({@code BALANCE}) with the sum of its movements, or
     * a part's totals ({@code PART}) with the sum of its balances.
     */
    public record LedgerMismatch(
            String kind,
            UUID partId,
            UUID lotId,
            UUID locationId,
            BigDecimal onHand,
            BigDecimal expectedOnHand,
            BigDecimal reserved,
            BigDecimal expectedReserved) {}

    /** Every balance against the ledger's sum and every part's totals against its balances (of one part when given). */
    @Transactional(readOnly = true)
    // at most 500 mismatches of each kind: enough to act on, bounded however broken a ledger is
    public ItemList<LedgerMismatch> ledgerCheck(UUID partId) {
        if (partId != null) {
            requirePart(partId);
        }
        UUID org = TenantContext.requireOrgId();
        List<LedgerMismatch> mismatches = new ArrayList<>(jdbc.sql("""
                        with ledger as (
                            select m.part_id, m.lot_id, v.location_id, sum(v.on_hand) as on_hand,
                                   sum(v.reserved) as reserved
                              from inventory.movements m
                             cross join lateral (values
                                   (m.to_location_id,
                                    case when m.kind in ('RESERVE', 'RELEASE') then 0 else m.quantity end, 0::numeric),
                                   (m.from_location_id,
                                    case when m.kind in ('RESERVE', 'RELEASE') then 0 else -m.quantity end,
                                    case m.kind when 'RESERVE' then m.quantity when 'RELEASE' then -m.quantity
                                                else 0 end)) v(location_id, on_hand, reserved)
                             where m.org_id = :org and v.location_id is not null
                               and (cast(:part as uuid) is null or m.part_id = :part)
                             group by m.part_id, m.lot_id, v.location_id),
                        kept as (
                            select part_id, lot_id, location_id, on_hand, reserved from inventory.balances
                             where org_id = :org and (cast(:part as uuid) is null or part_id = :part))
                        select coalesce(k.part_id, g.part_id), coalesce(k.lot_id, g.lot_id),
                               coalesce(k.location_id, g.location_id), coalesce(k.on_hand, 0), coalesce(g.on_hand, 0),
                               coalesce(k.reserved, 0), coalesce(g.reserved, 0)
                          from kept k
                          full join ledger g on g.lot_id = k.lot_id and g.location_id = k.location_id
                         where coalesce(k.on_hand, 0) <> coalesce(g.on_hand, 0)
                            or coalesce(k.reserved, 0) <> coalesce(g.reserved, 0)
                         order by 1, 2, 3 limit 500""")
                .param("org", org)
                .param("part", partId)
                .query((rs, n) -> new LedgerMismatch(
                        "BALANCE",
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5),
                        rs.getBigDecimal(6),
                        rs.getBigDecimal(7)))
                .list());
        mismatches.addAll(jdbc.sql("""
                        select s.part_id, s.on_hand, coalesce(sum(b.on_hand), 0), s.reserved, coalesce(sum(b.reserved), 0)
                          from inventory.part_stock s
                          left join inventory.balances b on b.org_id = s.org_id and b.part_id = s.part_id
                         where s.org_id = :org and (cast(:part as uuid) is null or s.part_id = :part)
                         group by s.part_id, s.on_hand, s.reserved
                        having s.on_hand <> coalesce(sum(b.on_hand), 0) or s.reserved <> coalesce(sum(b.reserved), 0)
                         order by s.part_id limit 500""")
                .param("org", org)
                .param("part", partId)
                .query((rs, n) -> new LedgerMismatch(
                        "PART",
                        rs.getObject(1, UUID.class),
                        null,
                        null,
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5)))
                .list());
        return new ItemList<>(mismatches, null);
    }

    // --- materials -----------------------------------------------------------------------------------------

    /** A part of kind MATERIAL or CONSUMABLE with its stock figures (zero before its first movement). */
    public record MaterialStock(
            UUID id,
            String partNumber,
            String name,
            String description,
            String kind,
            String unitOfMeasure,
            BigDecimal unitCost,
            String status,
            UUID categoryId,
            BigDecimal onHand,
            BigDecimal reserved,
            BigDecimal available,
            BigDecimal averageCost,
            BigDecimal value,
            BigDecimal reorderPoint,
            BigDecimal reorderQuantity,
            boolean low,
            Instant createdAt,
            Instant updatedAt) {}

    /** Materials and consumables by part number, optionally those whose number or name contains {@code q}. */
    @Transactional(readOnly = true)
    public ItemList<MaterialStock> materials(String q, int limit, String cursor) {
        return materials(q, null, limit, cursor);
    }

    /** The material (one of the current organization's parts) with its stock figures. */
    @Transactional(readOnly = true)
    public MaterialStock material(UUID partId) {
        return materials(null, partId, 1, null).items().stream()
                .findFirst()
                .orElseThrow(() -> NotFoundException.of("Material", partId));
    }

    private ItemList<MaterialStock> materials(String q, UUID partId, int limit, String cursor) {
        List<String> after = Cursors.decode(cursor, 2);
        boolean fifo = StockLedger.FIFO.equals(settings.costing().costingMethod());
        String search = q == null || q.isBlank() ? null : q.strip();
        if (search != null && search.length() > 200) {
            throw new ValidationException("q", "must be at most 200 characters");
        }
        String value = fifo ? """
                  coalesce((select sum(b.on_hand * l.unit_cost) from inventory.balances b
                              join inventory.lots l on l.org_id = b.org_id and l.id = b.lot_id
                             where b.org_id = p.org_id and b.part_id = p.id), 0)""" : "coalesce(s.on_hand * s.average_cost, 0)";
        var statement = jdbc.sql("""
                        select p.id, p.part_number, p.name, p.description, p.kind, p.unit_of_measure, p.unit_cost,
                               p.status, p.category_id, coalesce(s.on_hand, 0), coalesce(s.reserved, 0),
                               coalesce(s.average_cost, 0), %s, s.reorder_point, s.reorder_quantity,
                               coalesce(s.low, false), p.created_at, p.updated_at
                          from catalog.parts p
                          left join inventory.part_stock s on s.org_id = p.org_id and s.part_id = p.id
                         where p.org_id = :org and p.kind in ('MATERIAL', 'CONSUMABLE')
                        """.formatted(value)
                        + (search == null
                                ? ""
                                : " and (p.part_number ilike :q escape '\\' or p.name ilike :q escape '\\')")
                        + (after == null ? "" : " and (p.part_number, p.id) > (:number, :id)")
                        + (partId == null ? "" : " and p.id = :part")
                        + " order by p.part_number, p.id limit :limit")
                .param("org", TenantContext.requireOrgId())
                .param("limit", limit + 1);
        if (search != null) {
            statement = statement.param(
                    "q", "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (after != null) {
            statement = statement.param("number", after.get(0)).param("id", uuidOf(after.get(1)));
        }
        if (partId != null) {
            statement = statement.param("part", partId);
        }
        List<MaterialStock> rows = statement
                .query((rs, n) -> {
                    BigDecimal onHand = rs.getBigDecimal(10);
                    BigDecimal reserved = rs.getBigDecimal(11);
                    BigDecimal average = rs.getBigDecimal(12);
                    BigDecimal worth = rs.getBigDecimal(13).setScale(SCALE, RoundingMode.HALF_UP);
                    return new MaterialStock(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getBigDecimal(7),
                            rs.getString(8),
                            rs.getObject(9, UUID.class),
                            onHand,
                            reserved,
                            onHand.subtract(reserved),
                            fifo && onHand.signum() > 0 ? worth.divide(onHand, SCALE, RoundingMode.HALF_UP) : average,
                            worth,
                            rs.getBigDecimal(14),
                            rs.getBigDecimal(15),
                            rs.getBoolean(16),
                            rs.getTimestamp(17).toInstant(),
                            rs.getTimestamp(18).toInstant());
                })
                .list();
        return Cursors.page(rows, limit, last -> Cursors.encode(last.partNumber(), last.id()));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** Another organization's part is not found. */
    void requirePart(UUID partId) {
        if (partId == null) {
            throw new ValidationException("part_id", "is required");
        }
        boolean exists = jdbc.sql("select exists (select 1 from catalog.parts where org_id = :org and id = :id)")
                .param("org", TenantContext.requireOrgId())
                .param("id", partId)
                .query(Boolean.class)
                .single();
        if (!exists) {
            throw NotFoundException.of("Part", partId);
        }
    }

    private static UUID uuidOf(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw Cursors.invalid();
        }
    }

    private static Instant instantOf(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            throw Cursors.invalid();
        }
    }
}
