package io.traveler.inventory.internal;

import io.traveler.accounts.Accounts;
import io.traveler.catalog.Catalog;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.TimeCursor;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cycle counts of a location. Opening one lists what the ledger says is there (a line per lot with stock, its on
 * hand as expected); counting records quantities (of the listed lines, or of lots and parts found that were not
 * listed); posting, once, adjusts every counted line to what was counted through the {@link Ledger}: the difference
 * against the on hand at posting time (read under the parts' locks, so no movement of these parts slips in between),
 * an ADJUSTMENT with the count's reason and reference CYCLE_COUNT. Lines not counted are left as they are.
 */
@Service
public class CycleCounts {
    public static final String DEFAULT_REASON = "Cycle count";
    /** Lines a count may hold: a location's lots when opened plus what was found. */
    public static final int MAX_LINES = 2_000;
    /** Up to 13 digits before the point and 6 after, as the ledger's quantities. */
    private static final BigDecimal MAX_QUANTITY = new BigDecimal("10000000000000");

    public record Line(
            UUID id,
            int position,
            UUID partId,
            String partNumber,
            String partName,
            String unit,
            UUID lotId,
            String lotNumber,
            BigDecimal expected,
            BigDecimal counted,
            BigDecimal difference) {
        /** The difference counting shows before posting (counted less expected), or what posting adjusted. */
        public BigDecimal variance() {
            if (difference != null) {
                return difference;
            }
            return counted == null ? null : counted.subtract(expected);
        }
    }

    public record Count(
            UUID id,
            UUID locationId,
            String locationCode,
            String locationName,
            String status,
            String reason,
            UUID openedBy,
            Instant openedAt,
            UUID closedBy,
            Instant closedAt,
            long version,
            List<Line> lines) {
        public boolean open() {
            return "OPEN".equals(status);
        }
    }

    /** A count in a list, without its lines. */
    public record Summary(
            UUID id,
            UUID locationId,
            String locationCode,
            String status,
            String reason,
            Instant openedAt,
            Instant closedAt,
            long lines,
            long counted,
            long version) {}

    /** A counted quantity: of a listed lot ({@code lotId}), or of a part found (with its lot when known). */
    public record Counted(UUID partId, UUID lotId, BigDecimal counted) {}

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Accounts accounts;
    private final Catalog catalog;

    CycleCounts(JdbcClient jdbc, Ledger ledger, Accounts accounts, Catalog catalog) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.accounts = accounts;
        this.catalog = catalog;
    }

    /** Opens a count of the location: its lines are the lots the ledger has there now. */
    @Transactional
    public Count open(UUID locationId, String reason) {
        if (locationId == null) {
            throw new ValidationException("location_id", "must not be null");
        }
        if (accounts.locations(List.of(locationId)).isEmpty()) {
            throw NotFoundException.of("Location", locationId);
        }
        String why = reason == null || reason.isBlank() ? DEFAULT_REASON : reason.strip();
        if (why.length() > 500) {
            throw new ValidationException("reason", "must be at most 500 characters");
        }
        UUID org = TenantContext.requireOrgId();
        UUID id = Ids.newId();
        jdbc.sql("""
                        insert into inventory.counts (org_id, id, location_id, reason, opened_by, opened_at, updated_at)
                        values (:org, :id, :location, :reason, :actor, now(), now())
                        """)
                .param("org", org)
                .param("id", id)
                .param("location", locationId)
                .param("reason", why)
                .param("actor", TenantContext.actorId().orElse(null))
                .update();
        int lines = jdbc.sql("""
                        insert into inventory.count_lines (org_id, id, count_id, position, part_id, lot_id, expected)
                        select b.org_id, gen_random_uuid(), :id,
                               row_number() over (order by p.part_number, l.received_at, l.id), b.part_id, b.lot_id,
                               b.on_hand
                          from inventory.balances b
                          join inventory.lots l on l.org_id = b.org_id and l.id = b.lot_id
                          join catalog.parts p on p.org_id = b.org_id and p.id = b.part_id
                         where b.org_id = :org and b.location_id = :location and b.on_hand > 0
                        """)
                .param("org", org)
                .param("id", id)
                .param("location", locationId)
                .update();
        if (lines > MAX_LINES) {
            throw new ValidationException(
                    "location_id", "holds " + lines + " lots, more than a count takes (" + MAX_LINES + ")");
        }
        return count(id);
    }

    @Transactional(readOnly = true)
    public Count count(UUID id) {
        UUID org = TenantContext.requireOrgId();
        Count head = jdbc.sql("""
                        select c.id, c.location_id, loc.code, loc.name, c.status, c.reason, c.opened_by, c.opened_at,
                               c.closed_by, c.closed_at, c.version
                          from inventory.counts c
                          join accounts.locations loc on loc.org_id = c.org_id and loc.id = c.location_id
                         where c.org_id = :org and c.id = :id
                        """)
                .param("org", org)
                .param("id", id)
                .query((rs, n) -> new Count(
                        rs.getObject("id", UUID.class),
                        rs.getObject("location_id", UUID.class),
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getString("status"),
                        rs.getString("reason"),
                        rs.getObject("opened_by", UUID.class),
                        rs.getTimestamp("opened_at").toInstant(),
                        rs.getObject("closed_by", UUID.class),
                        instant(rs, "closed_at"),
                        rs.getLong("version"),
                        List.of()))
                .optional()
                .orElseThrow(() -> NotFoundException.of("Count", id));
        List<Line> lines = jdbc.sql("""
                        select cl.id, cl.position, cl.part_id, p.part_number, p.name, p.unit_of_measure, cl.lot_id,
                               l.lot_number, cl.expected, cl.counted, cl.difference
                          from inventory.count_lines cl
                          join catalog.parts p on p.org_id = cl.org_id and p.id = cl.part_id
                          left join inventory.lots l on l.org_id = cl.org_id and l.id = cl.lot_id
                         where cl.org_id = :org and cl.count_id = :id
                         order by cl.position
                        """)
                .param("org", org)
                .param("id", id)
                .query((rs, n) -> new Line(
                        rs.getObject("id", UUID.class),
                        rs.getInt("position"),
                        rs.getObject("part_id", UUID.class),
                        rs.getString("part_number"),
                        rs.getString("name"),
                        rs.getString("unit_of_measure"),
                        rs.getObject("lot_id", UUID.class),
                        rs.getString("lot_number"),
                        rs.getBigDecimal("expected"),
                        rs.getBigDecimal("counted"),
                        rs.getBigDecimal("difference")))
                .list();
        return new Count(
                head.id(),
                head.locationId(),
                head.locationCode(),
                head.locationName(),
                head.status(),
                head.reason(),
                head.openedBy(),
                head.openedAt(),
                head.closedBy(),
                head.closedAt(),
                head.version(),
                lines);
    }

    /** Newest first; of one location and in one status when named. */
    @Transactional(readOnly = true)
    public ItemList<Summary> list(UUID locationId, String status, int limit, String cursor) {
        String wanted =
                status == null || status.isBlank() ? null : status.strip().toUpperCase(java.util.Locale.ROOT);
        if (wanted != null && !Set.of("OPEN", "POSTED", "CANCELLED").contains(wanted)) {
            throw new ValidationException("status", "must be OPEN, POSTED or CANCELLED");
        }
        TimeCursor after = TimeCursor.parse(cursor);
        List<Summary> rows = jdbc.sql("""
                        select c.id, c.location_id, loc.code, c.status, c.reason, c.opened_at, c.closed_at, c.version,
                               (select count(*) from inventory.count_lines cl
                                 where cl.org_id = c.org_id and cl.count_id = c.id) as lines,
                               (select count(*) from inventory.count_lines cl
                                 where cl.org_id = c.org_id and cl.count_id = c.id and cl.counted is not null) as counted
                          from inventory.counts c
                          join accounts.locations loc on loc.org_id = c.org_id and loc.id = c.location_id
                         where c.org_id = :org
                           and (cast(:location as uuid) is null or c.location_id = :location)
                           and (cast(:status as text) is null or c.status = :status)
                           and (cast(:afterAt as timestamptz) is null or (c.opened_at, c.id) < (:afterAt, :afterId))
                         order by c.opened_at desc, c.id desc
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("location", locationId)
                .param("status", wanted)
                .param("afterAt", TimeCursor.timeOf(after))
                .param("afterId", TimeCursor.idOf(after))
                .param("limit", limit + 1)
                .query((rs, n) -> new Summary(
                        rs.getObject("id", UUID.class),
                        rs.getObject("location_id", UUID.class),
                        rs.getString("code"),
                        rs.getString("status"),
                        rs.getString("reason"),
                        rs.getTimestamp("opened_at").toInstant(),
                        instant(rs, "closed_at"),
                        rs.getLong("lines"),
                        rs.getLong("counted"),
                        rs.getLong("version")))
                .list();
        return TimeCursor.page(rows, limit, s -> new TimeCursor(s.openedAt(), s.id()));
    }

    /**
     * Records counted quantities (null clears one): a line named by its lot, or by its part when it has no lot; a lot
     * or part not listed yet becomes a new line expecting nothing. The count must be OPEN and at the version given.
     */
    @Transactional
    public Count record(UUID id, List<Counted> counted, ExpectedVersion expected) {
        if (counted == null || counted.isEmpty()) {
            throw new ValidationException("lines", "must name at least one line");
        }
        if (counted.size() > MAX_LINES) {
            throw new ValidationException("lines", "at most " + MAX_LINES + " lines at once");
        }
        UUID org = TenantContext.requireOrgId();
        lockOpen(id, expected);
        Set<String> seen = new HashSet<>();
        Map<UUID, Catalog.PartRef> parts = catalog.parts(counted.stream()
                .map(Counted::partId)
                .filter(java.util.Objects::nonNull)
                .toList());
        for (int i = 0; i < counted.size(); i++) {
            Counted line = counted.get(i);
            String field = "lines[" + i + "]";
            if (line == null) {
                throw new ValidationException(field, "must not be null");
            }
            checkQuantity(field + ".counted", line.counted());
            UUID partId = line.partId();
            if (line.lotId() != null) {
                UUID lotPart = partOfLot(line.lotId(), field + ".lot_id");
                if (partId != null && !partId.equals(lotPart)) {
                    throw new ValidationException(field + ".lot_id", "is a lot of another part");
                }
                partId = lotPart;
            } else if (partId == null) {
                throw new ValidationException(field + ".lot_id", "name the lot, or the part when it has no lot");
            } else if (!parts.containsKey(partId)) {
                throw new ValidationException(field + ".part_id", "is not a part of this organization");
            }
            if (!seen.add(partId + "/" + line.lotId())) {
                throw new ValidationException(field, "names a line named before");
            }
            int updated = jdbc.sql("""
                            update inventory.count_lines set counted = :counted
                             where org_id = :org and count_id = :id and part_id = :part
                               and lot_id is not distinct from :lot
                            """)
                    .param("org", org)
                    .param("id", id)
                    .param("part", partId)
                    .param("lot", line.lotId())
                    .param("counted", line.counted())
                    .update();
            if (updated == 0) {
                jdbc.sql("""
                                insert into inventory.count_lines (org_id, id, count_id, position, part_id, lot_id,
                                        expected, counted)
                                select :org, :line, :id, coalesce(max(position), 0) + 1, :part, :lot, 0, :counted
                                  from inventory.count_lines where org_id = :org and count_id = :id
                                """)
                        .param("org", org)
                        .param("line", Ids.newId())
                        .param("id", id)
                        .param("part", partId)
                        .param("lot", line.lotId())
                        .param("counted", line.counted())
                        .update();
            }
        }
        long lines = jdbc.sql("select count(*) from inventory.count_lines where org_id = :org and count_id = :id")
                .param("org", org)
                .param("id", id)
                .query(Long.class)
                .single();
        if (lines > MAX_LINES) {
            throw new ValidationException("lines", "a count holds at most " + MAX_LINES + " lines");
        }
        touch(id);
        return count(id);
    }

    /**
     * Posts the count, once: each counted line's difference against the on hand now becomes an ADJUSTMENT. Refused
     * (409) when the count is no longer OPEN, or when the ledger refuses a decrease (stock reserved there).
     */
    @Transactional
    public Count post(UUID id, ExpectedVersion expected) {
        UUID org = TenantContext.requireOrgId();
        String reason = lockOpen(id, expected);
        Count count = count(id);
        List<Line> counted = count.lines().stream()
                .filter(l -> l.counted() != null)
                .sorted(Comparator.comparing(Line::partId))
                .toList();
        lockParts(counted.stream().map(Line::partId).distinct().toList());
        for (Line line : counted) {
            BigDecimal onHand = onHand(line, count.locationId());
            BigDecimal delta = line.counted().subtract(onHand);
            if (delta.signum() != 0) {
                List<Ledger.Posted> posted = ledger.adjust(
                        line.partId(),
                        line.lotId(),
                        count.locationId(),
                        delta,
                        reason,
                        Ledger.Reference.of("CYCLE_COUNT", id));
                if (line.lotId() == null && delta.signum() > 0 && posted.size() == 1) {
                    claimLot(line.id(), posted.getFirst().lotId());
                }
            }
            jdbc.sql("update inventory.count_lines set difference = :delta where org_id = :org and id = :line")
                    .param("org", org)
                    .param("line", line.id())
                    .param("delta", delta)
                    .update();
        }
        close(id, "POSTED");
        return count(id);
    }

    /** Closes an OPEN count without posting anything. */
    @Transactional
    public Count cancel(UUID id, ExpectedVersion expected) {
        lockOpen(id, expected);
        close(id, "CANCELLED");
        return count(id);
    }

    /** Locks the count's row; answers its reason. Refused when it is gone, stale or no longer OPEN. */
    private String lockOpen(UUID id, ExpectedVersion expected) {
        record Head(String status, String reason, long version) {}
        Head head = jdbc.sql("""
                        select status, reason, version from inventory.counts
                         where org_id = :org and id = :id for update
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query((rs, n) -> new Head(rs.getString("status"), rs.getString("reason"), rs.getLong("version")))
                .optional()
                .orElseThrow(() -> NotFoundException.of("Count", id));
        expected.checkIfGiven(head.version());
        if (!"OPEN".equals(head.status())) {
            throw new ConflictException("The count is " + head.status().toLowerCase(java.util.Locale.ROOT)
                    + "; only an open count can be counted, posted or cancelled");
        }
        return head.reason();
    }

    /** The parts' rows in the ledger's order (part_stock first, by part id), so posting cannot race a movement. */
    private void lockParts(List<UUID> partIds) {
        if (partIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        select part_id from inventory.part_stock
                         where org_id = :org and part_id = any(:parts) order by part_id for update
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("parts", partIds.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }

    /**
     * What the ledger has of the line's lot at the location now; a line without a lot is stock found in none the
     * ledger knows there, so all of it is a difference.
     */
    private BigDecimal onHand(Line line, UUID locationId) {
        if (line.lotId() == null) {
            return BigDecimal.ZERO;
        }
        return jdbc.sql("""
                        select coalesce(sum(on_hand), 0) from inventory.balances
                         where org_id = :org and location_id = :location and lot_id = :lot
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("location", locationId)
                .param("lot", line.lotId())
                .query(BigDecimal.class)
                .single();
    }

    /** A found part's line names the lot the ledger put it in, unless that lot has a line of its own. */
    private void claimLot(UUID lineId, UUID lotId) {
        jdbc.sql("""
                        update inventory.count_lines cl set lot_id = :lot
                         where cl.org_id = :org and cl.id = :line
                           and not exists (select 1 from inventory.count_lines o
                                            where o.org_id = cl.org_id and o.count_id = cl.count_id
                                              and o.lot_id = :lot)
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("line", lineId)
                .param("lot", lotId)
                .update();
    }

    private void close(UUID id, String status) {
        jdbc.sql("""
                        update inventory.counts
                           set status = :status, closed_by = :actor, closed_at = now(), updated_at = now(),
                               version = version + 1
                         where org_id = :org and id = :id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .param("status", status)
                .param("actor", TenantContext.actorId().orElse(null))
                .update();
    }

    private void touch(UUID id) {
        jdbc.sql(
                        "update inventory.counts set updated_at = now(), version = version + 1 where org_id = :org and id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .update();
    }

    /** The part of a lot of this organization; another's lot is refused as invalid. */
    private UUID partOfLot(UUID lotId, String field) {
        return jdbc.sql("select part_id from inventory.lots where org_id = :org and id = :lot")
                .param("org", TenantContext.requireOrgId())
                .param("lot", lotId)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new ValidationException(field, "is not a lot of this organization"));
    }

    static void checkQuantity(String field, BigDecimal quantity) {
        if (quantity == null) {
            return;
        }
        if (quantity.signum() < 0) {
            throw new ValidationException(field, "must not be negative");
        }
        if (quantity.compareTo(MAX_QUANTITY) >= 0
                || quantity.stripTrailingZeros().scale() > 6) {
            throw new ValidationException(field, "has more than 13 digits before or 6 after the point");
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
