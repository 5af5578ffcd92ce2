package io.traveler.inventory.internal;

import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.paging.Cursors;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the stock pages, the counts and the exports read: stock by part and by location with its value, a part's
 * balances per location and lot, its lots, the ledger, a lot with its movements. Every query names the organization
 * besides row-level security. A balance is valued at the part's moving average cost, or at its lot's own cost when
 * the organization values FIFO (the lots still in stock are the ones FIFO has not issued yet).
 */
@Service
public class StockViews {
    /** Rows of one page of the ledger or of the stock list. */
    public static final int MAX_LIMIT = 500;

    /** The value of one balance row {@code b} of lot {@code l} of part stock {@code ps}, under the organization's method. */
    static final String VALUE = """
            b.on_hand * case when (select s.costing_method from inventory.settings s where s.org_id = b.org_id) = 'FIFO'
                             then l.unit_cost else coalesce(ps.average_cost, l.unit_cost) end""";

    public record PartStock(
            UUID partId,
            String partNumber,
            String name,
            String unit,
            BigDecimal onHand,
            BigDecimal reserved,
            BigDecimal available,
            BigDecimal averageCost,
            BigDecimal value,
            boolean low) {}

    public record LocationStock(
            UUID locationId, String code, String name, long parts, long lots, BigDecimal onHand, BigDecimal value) {}

    public record Balance(
            UUID partId,
            String partNumber,
            UUID locationId,
            String locationCode,
            UUID lotId,
            String lotNumber,
            Instant receivedAt,
            LocalDate expiresOn,
            BigDecimal onHand,
            BigDecimal reserved,
            BigDecimal available,
            BigDecimal unitCost,
            BigDecimal value) {}

    public record Lot(
            UUID id,
            UUID partId,
            String partNumber,
            String partName,
            String unit,
            String lotNumber,
            Instant receivedAt,
            LocalDate expiresOn,
            UUID supplierId,
            String supplierName,
            BigDecimal unitCost,
            BigDecimal onHand,
            BigDecimal reserved) {}

    public record Movement(
            long seq,
            UUID id,
            Instant at,
            String kind,
            UUID partId,
            String partNumber,
            UUID lotId,
            String lotNumber,
            UUID fromLocationId,
            String fromCode,
            UUID toLocationId,
            String toCode,
            BigDecimal quantity,
            BigDecimal unitCost,
            String reason,
            String referenceType,
            UUID referenceId,
            UUID actorId) {
        /** The quantity as the location it came from or went to sees it (RESERVE and RELEASE leave on hand alone). */
        public boolean into() {
            return toLocationId != null && fromLocationId == null;
        }
    }

    public record Totals(BigDecimal onHand, BigDecimal value, long parts, long lots) {}

    public record MovementFilter(UUID partId, UUID lotId, UUID locationId, String kind, UUID referenceId) {}

    private final JdbcClient jdbc;

    StockViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** MOVING_AVERAGE or FIFO. */
    @Transactional(readOnly = true)
    public String costingMethod() {
        return jdbc.sql("select costing_method from inventory.settings where org_id = :org")
                .param("org", TenantContext.requireOrgId())
                .query(String.class)
                .optional()
                .orElse("MOVING_AVERAGE");
    }

    /** Everything in stock, at a location and those under it when one is named. */
    @Transactional(readOnly = true)
    public Totals totals(UUID locationId) {
        return jdbc.sql(SUBTREE + """
                        select coalesce(sum(b.on_hand), 0) as on_hand, coalesce(sum(""" + VALUE + """
                        ), 0) as value,
                               count(distinct b.part_id) as parts, count(distinct b.lot_id) as lots
                          from inventory.balances b
                          join inventory.lots l on l.org_id = b.org_id and l.id = b.lot_id
                          left join inventory.part_stock ps on ps.org_id = b.org_id and ps.part_id = b.part_id
                         where b.org_id = :org and b.on_hand > 0
                           and (cast(:location as uuid) is null or b.location_id in (select id from subtree))
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("location", locationId)
                .query((rs, n) -> new Totals(
                        rs.getBigDecimal("on_hand"),
                        rs.getBigDecimal("value"),
                        rs.getLong("parts"),
                        rs.getLong("lots")))
                .single();
    }

    /** The location and every location under it (the whole tree when none is named). */
    private static final String SUBTREE = """
            with recursive subtree(id) as (
                select id from accounts.locations where org_id = :org and id = :location
                union all
                select c.id from accounts.locations c join subtree s on c.parent_id = s.id where c.org_id = :org
            )
            """;

    /**
     * Parts that have (or had) stock, by part number, with their totals and value; at a location (and those under
     * it) only the parts in stock there, with the figures of there. {@code q} matches part number or name.
     */
    @Transactional(readOnly = true)
    public ItemList<PartStock> byPart(String q, UUID locationId, int limit, String cursor) {
        String after = textCursor(cursor);
        List<PartStock> rows = jdbc.sql(SUBTREE + """
                        , here as (
                            select b.part_id, sum(b.on_hand) as on_hand, sum(b.reserved) as reserved,
                                   sum(""" + VALUE + """
                        ) as value
                              from inventory.balances b
                              join inventory.lots l on l.org_id = b.org_id and l.id = b.lot_id
                              left join inventory.part_stock ps on ps.org_id = b.org_id and ps.part_id = b.part_id
                             where b.org_id = :org
                               and (cast(:location as uuid) is null or b.location_id in (select id from subtree))
                             group by b.part_id
                        )
                        select p.id, p.part_number, p.name, p.unit_of_measure,
                               coalesce(h.on_hand, 0) as on_hand, coalesce(h.reserved, 0) as reserved,
                               coalesce(ps.average_cost, 0) as average_cost, coalesce(h.value, 0) as value,
                               coalesce(ps.low, false) as low
                          from inventory.part_stock ps
                          join catalog.parts p on p.org_id = ps.org_id and p.id = ps.part_id
                          left join here h on h.part_id = ps.part_id
                         where ps.org_id = :org
                           and (cast(:location as uuid) is null or h.on_hand > 0)
                           and (cast(:q as text) is null or p.part_number ilike :like or p.name ilike :like)
                           and (cast(:after as text) is null or p.part_number > :after)
                         order by p.part_number
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("location", locationId)
                .param("q", q)
                .param("like", q == null ? null : "%" + likeEscaped(q) + "%")
                .param("after", after)
                .param("limit", limit + 1)
                .query((rs, n) -> new PartStock(
                        rs.getObject("id", UUID.class),
                        rs.getString("part_number"),
                        rs.getString("name"),
                        rs.getString("unit_of_measure"),
                        rs.getBigDecimal("on_hand"),
                        rs.getBigDecimal("reserved"),
                        rs.getBigDecimal("on_hand").subtract(rs.getBigDecimal("reserved")),
                        rs.getBigDecimal("average_cost"),
                        rs.getBigDecimal("value"),
                        rs.getBoolean("low")))
                .list();
        return Cursors.page(rows, limit, row -> encode(row.partNumber()));
    }

    /** Every location holding stock, by code: how many parts and lots, how much, and its value. */
    @Transactional(readOnly = true)
    public List<LocationStock> byLocation() {
        return jdbc.sql("""
                        select loc.id, loc.code, loc.name, count(distinct b.part_id) as parts,
                               count(distinct b.lot_id) as lots, sum(b.on_hand) as on_hand, sum(""" + VALUE + """
                        ) as value
                          from inventory.balances b
                          join inventory.lots l on l.org_id = b.org_id and l.id = b.lot_id
                          left join inventory.part_stock ps on ps.org_id = b.org_id and ps.part_id = b.part_id
                          join accounts.locations loc on loc.org_id = b.org_id and loc.id = b.location_id
                         where b.org_id = :org and b.on_hand > 0
                         group by loc.id, loc.code, loc.name
                         order by loc.code
                        """)
                .param("org", TenantContext.requireOrgId())
                .query((rs, n) -> new LocationStock(
                        rs.getObject("id", UUID.class),
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getLong("parts"),
                        rs.getLong("lots"),
                        rs.getBigDecimal("on_hand"),
                        rs.getBigDecimal("value")))
                .list();
    }

    /** The part's stock figures (zero when it never had any); another organization's part is not found. */
    @Transactional(readOnly = true)
    public PartStock part(UUID partId) {
        return jdbc.sql("""
                        select p.id, p.part_number, p.name, p.unit_of_measure,
                               coalesce(ps.on_hand, 0) as on_hand, coalesce(ps.reserved, 0) as reserved,
                               coalesce(ps.average_cost, 0) as average_cost, coalesce(ps.low, false) as low,
                               coalesce((select sum(""" + VALUE + """
                        ) from inventory.balances b
                                           join inventory.lots l on l.org_id = b.org_id and l.id = b.lot_id
                                          where b.org_id = p.org_id and b.part_id = p.id), 0) as value
                          from catalog.parts p
                          left join inventory.part_stock ps on ps.org_id = p.org_id and ps.part_id = p.id
                         where p.org_id = :org and p.id = :part
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("part", partId)
                .query((rs, n) -> new PartStock(
                        rs.getObject("id", UUID.class),
                        rs.getString("part_number"),
                        rs.getString("name"),
                        rs.getString("unit_of_measure"),
                        rs.getBigDecimal("on_hand"),
                        rs.getBigDecimal("reserved"),
                        rs.getBigDecimal("on_hand").subtract(rs.getBigDecimal("reserved")),
                        rs.getBigDecimal("average_cost"),
                        rs.getBigDecimal("value"),
                        rs.getBoolean("low")))
                .optional()
                .orElseThrow(() -> NotFoundException.of("Part", partId));
    }

    private static final String BALANCES = """
            select b.part_id, p.part_number, b.location_id, loc.code as location_code, b.lot_id, l.lot_number,
                   l.received_at, l.expires_on, b.on_hand, b.reserved, l.unit_cost, """ + VALUE + """
             as value
              from inventory.balances b
              join inventory.lots l on l.org_id = b.org_id and l.id = b.lot_id
              join catalog.parts p on p.org_id = b.org_id and p.id = b.part_id
              join accounts.locations loc on loc.org_id = b.org_id and loc.id = b.location_id
              left join inventory.part_stock ps on ps.org_id = b.org_id and ps.part_id = b.part_id
            """;

    /** The part's stock per location and lot: by location code, then lots oldest first. */
    @Transactional(readOnly = true)
    public List<Balance> balancesOfPart(UUID partId) {
        return jdbc.sql(BALANCES + """
                         where b.org_id = :org and b.part_id = :part and b.on_hand > 0
                         order by loc.code, l.received_at, l.id""")
                .param("org", TenantContext.requireOrgId())
                .param("part", partId)
                .query(StockViews::balance)
                .list();
    }

    /** What the ledger says is at the location (not under it): by part number, then lots oldest first. */
    @Transactional(readOnly = true)
    public List<Balance> balancesAt(UUID locationId) {
        return jdbc.sql(BALANCES + """
                         where b.org_id = :org and b.location_id = :location and b.on_hand > 0
                         order by p.part_number, l.received_at, l.id""")
                .param("org", TenantContext.requireOrgId())
                .param("location", locationId)
                .query(StockViews::balance)
                .list();
    }

    /** The lot's stock per location. */
    @Transactional(readOnly = true)
    public List<Balance> balancesOfLot(UUID lotId) {
        return jdbc.sql(BALANCES + """
                         where b.org_id = :org and b.lot_id = :lot and b.on_hand > 0
                         order by loc.code""")
                .param("org", TenantContext.requireOrgId())
                .param("lot", lotId)
                .query(StockViews::balance)
                .list();
    }

    private static Balance balance(ResultSet rs, int n) throws SQLException {
        return new Balance(
                rs.getObject("part_id", UUID.class),
                rs.getString("part_number"),
                rs.getObject("location_id", UUID.class),
                rs.getString("location_code"),
                rs.getObject("lot_id", UUID.class),
                rs.getString("lot_number"),
                rs.getTimestamp("received_at").toInstant(),
                rs.getObject("expires_on", LocalDate.class),
                rs.getBigDecimal("on_hand"),
                rs.getBigDecimal("reserved"),
                rs.getBigDecimal("on_hand").subtract(rs.getBigDecimal("reserved")),
                rs.getBigDecimal("unit_cost"),
                rs.getBigDecimal("value"));
    }

    private static final String LOTS = """
            select l.id, l.part_id, p.part_number, p.name as part_name, p.unit_of_measure, l.lot_number,
                   l.received_at, l.expires_on, l.supplier_id, s.name as supplier_name, l.unit_cost,
                   coalesce((select sum(b.on_hand) from inventory.balances b
                              where b.org_id = l.org_id and b.lot_id = l.id), 0) as on_hand,
                   coalesce((select sum(b.reserved) from inventory.balances b
                              where b.org_id = l.org_id and b.lot_id = l.id), 0) as reserved
              from inventory.lots l
              join catalog.parts p on p.org_id = l.org_id and p.id = l.part_id
              left join inventory.suppliers s on s.org_id = l.org_id and s.id = l.supplier_id
            """;

    /** The part's lots, oldest first (the order FIFO takes them in); the latest {@value #MAX_LIMIT}. */
    @Transactional(readOnly = true)
    public List<Lot> lotsOfPart(UUID partId) {
        return jdbc.sql("select * from (" + LOTS + """
                         where l.org_id = :org and l.part_id = :part
                         order by l.received_at desc, l.id desc limit :limit) latest
                         order by received_at, id""")
                .param("org", TenantContext.requireOrgId())
                .param("part", partId)
                .param("limit", MAX_LIMIT)
                .query(StockViews::lot)
                .list();
    }

    @Transactional(readOnly = true)
    public Lot lot(UUID lotId) {
        return findLot(lotId).orElseThrow(() -> NotFoundException.of("Lot", lotId));
    }

    @Transactional(readOnly = true)
    public Optional<Lot> findLot(UUID lotId) {
        return jdbc.sql(LOTS + " where l.org_id = :org and l.id = :lot")
                .param("org", TenantContext.requireOrgId())
                .param("lot", lotId)
                .query(StockViews::lot)
                .optional();
    }

    /** The part's lot with this number, if it has one. */
    @Transactional(readOnly = true)
    public Optional<Lot> lotByNumber(UUID partId, String lotNumber) {
        return jdbc.sql(LOTS + " where l.org_id = :org and l.part_id = :part and l.lot_number = :number")
                .param("org", TenantContext.requireOrgId())
                .param("part", partId)
                .param("number", lotNumber)
                .query(StockViews::lot)
                .optional();
    }

    private static Lot lot(ResultSet rs, int n) throws SQLException {
        return new Lot(
                rs.getObject("id", UUID.class),
                rs.getObject("part_id", UUID.class),
                rs.getString("part_number"),
                rs.getString("part_name"),
                rs.getString("unit_of_measure"),
                rs.getString("lot_number"),
                rs.getTimestamp("received_at").toInstant(),
                rs.getObject("expires_on", LocalDate.class),
                rs.getObject("supplier_id", UUID.class),
                rs.getString("supplier_name"),
                rs.getBigDecimal("unit_cost"),
                rs.getBigDecimal("on_hand"),
                rs.getBigDecimal("reserved"));
    }

    static final String MOVEMENTS = """
            select m.seq, m.id, m.at, m.kind, m.part_id, p.part_number, m.lot_id, l.lot_number,
                   m.from_location_id, f.code as from_code, m.to_location_id, t.code as to_code, m.quantity,
                   m.unit_cost, m.reason, m.reference_type, m.reference_id, m.actor_id
              from inventory.movements m
              join catalog.parts p on p.org_id = m.org_id and p.id = m.part_id
              join inventory.lots l on l.org_id = m.org_id and l.id = m.lot_id
              left join accounts.locations f on f.org_id = m.org_id and f.id = m.from_location_id
              left join accounts.locations t on t.org_id = m.org_id and t.id = m.to_location_id
            """;

    static final String MOVEMENT_FILTER = """
             where m.org_id = :org
               and (cast(:part as uuid) is null or m.part_id = :part)
               and (cast(:lot as uuid) is null or m.lot_id = :lot)
               and (cast(:location as uuid) is null or m.from_location_id = :location or m.to_location_id = :location)
               and (cast(:kind as text) is null or m.kind = :kind)
               and (cast(:reference as uuid) is null or m.reference_id = :reference)
            """;

    /** The ledger, newest first, keyset paged on its sequence. */
    @Transactional(readOnly = true)
    public ItemList<Movement> movements(MovementFilter filter, int limit, String cursor) {
        Long before = seqCursor(cursor);
        List<Movement> rows = jdbc.sql(MOVEMENTS + MOVEMENT_FILTER + """
                           and (cast(:before as bigint) is null or m.seq < :before)
                         order by m.seq desc
                         limit :limit""")
                .param("org", TenantContext.requireOrgId())
                .param("part", filter.partId())
                .param("lot", filter.lotId())
                .param("location", filter.locationId())
                .param("kind", filter.kind())
                .param("reference", filter.referenceId())
                .param("before", before)
                .param("limit", limit + 1)
                .query(StockViews::movement)
                .list();
        return Cursors.page(rows, limit, row -> encode(Long.toString(row.seq())));
    }

    /** The lot's whole history, oldest first: its receipt (and supplier), then where it went and what for. */
    @Transactional(readOnly = true)
    public List<Movement> trace(UUID lotId) {
        return jdbc.sql(MOVEMENTS + " where m.org_id = :org and m.lot_id = :lot order by m.seq limit :limit")
                .param("org", TenantContext.requireOrgId())
                .param("lot", lotId)
                .param("limit", 5 * MAX_LIMIT)
                .query(StockViews::movement)
                .list();
    }

    static Movement movement(ResultSet rs, int n) throws SQLException {
        Timestamp at = rs.getTimestamp("at");
        return new Movement(
                rs.getLong("seq"),
                rs.getObject("id", UUID.class),
                at.toInstant(),
                rs.getString("kind"),
                rs.getObject("part_id", UUID.class),
                rs.getString("part_number"),
                rs.getObject("lot_id", UUID.class),
                rs.getString("lot_number"),
                rs.getObject("from_location_id", UUID.class),
                rs.getString("from_code"),
                rs.getObject("to_location_id", UUID.class),
                rs.getString("to_code"),
                rs.getBigDecimal("quantity"),
                rs.getBigDecimal("unit_cost"),
                rs.getString("reason"),
                rs.getString("reference_type"),
                rs.getObject("reference_id", UUID.class),
                rs.getObject("actor_id", UUID.class));
    }

    /** How many parts have stock on hand: the home page's tile. */
    @Transactional(readOnly = true)
    public long partsInStock() {
        return jdbc.sql("select count(*) from inventory.part_stock where org_id = :org and on_hand > 0")
                .param("org", TenantContext.requireOrgId())
                .query(Long.class)
                .single();
    }

    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String textCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (Cursors.holdsControlCharacters(text)) {
                throw new IllegalArgumentException();
            }
            return text;
        } catch (IllegalArgumentException e) {
            throw new ValidationException("cursor", "is not a cursor this list gave out");
        }
    }

    private static Long seqCursor(String cursor) {
        String text = textCursor(cursor);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ValidationException("cursor", "is not a cursor this list gave out");
        }
    }
}
