package io.traveler.production.internal;

import io.traveler.inventory.Lots;
import io.traveler.inventory.MaterialsIssued;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.paging.Cursors;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lot traceability on the shop floor: which lots each unit consumed, written in the transaction that issued them
 * (a stage's backflush shares each lot among the project's units that are not scrapped; an issue naming one unit
 * is that unit's), so a lot's forward trace and a unit's backward one hold exactly what the ledger issued. The
 * passport's MATERIALS event follows after the commit on another thread: writing it takes the units' rows, which a
 * backflush (running under the project's lock) must not wait for while a scan holds one of them.
 */
@Service
public class UnitLots {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Lots inventoryLots;

    UnitLots(JdbcClient jdbc, TransactionTemplate transactions, Lots inventoryLots) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.inventoryLots = inventoryLots;
    }

    /** A lot a unit consumed, its quantities summed. */
    public record ConsumedLot(
            UUID lotId, String lotNumber, UUID partId, String partNumber, BigDecimal quantity, Instant at) {}

    /** A unit that consumed some of a lot. */
    public record UsingUnit(
            UUID unitId, String serial, UUID projectId, String status, BigDecimal quantity, Instant at) {}

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(MaterialsIssued issued) {
        List<UUID> units = consumers(issued);
        if (units.isEmpty() || issued.lines().isEmpty()) {
            return;
        }
        BigDecimal count = BigDecimal.valueOf(units.size());
        Timestamp at = Timestamp.from(issued.at().truncatedTo(ChronoUnit.MICROS));
        List<Object[]> rows = new ArrayList<>();
        for (MaterialsIssued.Line line : issued.lines()) {
            BigDecimal share = line.quantity().divide(count, 6, RoundingMode.HALF_UP);
            if (share.signum() <= 0) {
                continue;
            }
            for (UUID unit : units) {
                rows.add(new Object[] {unit, line, share});
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into production.unit_materials (org_id, id, unit_id, project_id, movement_id, part_id,
                                part_number, lot_id, lot_number, quantity, stage_instance_id, at)
                        select :org, r.id, r.unit_id, :project, r.movement_id, r.part_id, r.part_number, r.lot_id,
                               r.lot_number, r.quantity, :stage, :at
                          from unnest(cast(:ids as uuid[]), cast(:units as uuid[]), cast(:movements as uuid[]),
                                      cast(:parts as uuid[]), cast(:part_numbers as text[]), cast(:lots as uuid[]),
                                      cast(:lot_numbers as text[]), cast(:quantities as numeric[]))
                               as r(id, unit_id, movement_id, part_id, part_number, lot_id, lot_number, quantity)
                        on conflict (org_id, unit_id, movement_id) do nothing
                        """)
                .param("org", issued.orgId())
                .param("project", issued.projectId())
                .param("stage", issued.stageInstanceId())
                .param("at", at)
                .param("ids", rows.stream().map(r -> Ids.newId()).toArray(UUID[]::new))
                .param("units", rows.stream().map(r -> (UUID) r[0]).toArray(UUID[]::new))
                .param("movements", rows.stream().map(r -> line(r).movementId()).toArray(UUID[]::new))
                .param("parts", rows.stream().map(r -> line(r).partId()).toArray(UUID[]::new))
                .param(
                        "part_numbers",
                        rows.stream().map(r -> line(r).partNumber()).toArray(String[]::new))
                .param("lots", rows.stream().map(r -> line(r).lotId()).toArray(UUID[]::new))
                .param(
                        "lot_numbers",
                        rows.stream().map(r -> line(r).lotNumber()).toArray(String[]::new))
                .param("quantities", rows.stream().map(r -> (BigDecimal) r[2]).toArray(BigDecimal[]::new))
                .update();
    }

    private static MaterialsIssued.Line line(Object[] row) {
        return (MaterialsIssued.Line) row[1];
    }

    /** The unit the issue named, else the project's units that are not scrapped. */
    private List<UUID> consumers(MaterialsIssued issued) {
        if (issued.unitId() != null) {
            return jdbc.sql(
                            "select id from production.units where org_id = :org and id = :unit and project_id = :project")
                    .param("org", issued.orgId())
                    .param("unit", issued.unitId())
                    .param("project", issued.projectId())
                    .query(UUID.class)
                    .list();
        }
        return jdbc.sql("""
                        select id from production.units
                         where org_id = :org and project_id = :project and status <> 'SCRAPPED' order by position
                        """)
                .param("org", issued.orgId())
                .param("project", issued.projectId())
                .query(UUID.class)
                .list();
    }

    /** The passport's MATERIALS event of each unit that consumed the lots, after the issue committed. */
    @Async
    @TransactionalEventListener
    void passports(MaterialsIssued issued) {
        TenantContext.runAs(
                Tenant.system(issued.orgId()),
                () -> transactions.executeWithoutResult(status -> {
                    List<UUID> units = jdbc.sql("""
                            select distinct unit_id from production.unit_materials
                             where org_id = :org and movement_id = any(cast(:movements as uuid[]))
                             order by unit_id
                            """)
                            .param("org", issued.orgId())
                            .param(
                                    "movements",
                                    issued.lines().stream()
                                            .map(MaterialsIssued.Line::movementId)
                                            .toArray(UUID[]::new))
                            .query(UUID.class)
                            .list();
                    if (units.isEmpty()) {
                        return;
                    }
                    writePassportEvents(issued, units);
                }));
    }

    private void writePassportEvents(MaterialsIssued issued, List<UUID> units) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put(
                "lots",
                issued.lines().stream()
                        .map(l -> {
                            Map<String, Object> lot = new LinkedHashMap<>();
                            lot.put("part_number", l.partNumber());
                            lot.put("lot_number", l.lotNumber());
                            lot.put("lot_id", l.lotId().toString());
                            return lot;
                        })
                        .distinct()
                        .toList());
        UUID[] events = units.stream().map(u -> Ids.newId()).toArray(UUID[]::new);
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("""
                        with bumped as (
                            update production.units set event_seq = event_seq + 1
                             where org_id = :org and id = any(cast(:units as uuid[]))
                         returning id, event_seq, station_id
                        )
                        insert into production.unit_events (org_id, id, unit_id, seq, kind, stage_instance_id,
                                station_id, actor_id, detail, at, recorded_at)
                        select :org, made.event_id, b.id, b.event_seq, 'MATERIALS', :stage, b.station_id, :actor,
                               cast(:detail as jsonb), :at, :now
                          from bumped b join unnest(cast(:units as uuid[]), cast(:events as uuid[]))
                               as made(unit_id, event_id) on made.unit_id = b.id
                        """)
                .param("org", issued.orgId())
                .param("units", units.toArray(UUID[]::new))
                .param("events", events)
                .param("stage", issued.stageInstanceId())
                .param("actor", issued.actorId())
                .param("detail", JSON.writeValueAsString(detail))
                .param("at", Timestamp.from(issued.at().truncatedTo(ChronoUnit.MICROS)))
                .param("now", now)
                .update();
    }

    // --- reading --------------------------------------------------------------------------------------------------

    /** The lots a unit consumed, earliest first, each once with its quantities summed; 404 for another's unit. */
    @Transactional(readOnly = true)
    public List<ConsumedLot> lotsOf(UUID unitId) {
        UUID org = TenantContext.requireOrgId();
        boolean known = jdbc.sql("select exists (select 1 from production.units where org_id = :org and id = :unit)")
                .param("org", org)
                .param("unit", unitId)
                .query(Boolean.class)
                .single();
        if (!known) {
            throw NotFoundException.of("Unit", unitId);
        }
        return jdbc.sql("""
                        select lot_id, min(lot_number), part_id, min(part_number), sum(quantity), min(at)
                          from production.unit_materials where org_id = :org and unit_id = :unit
                         group by lot_id, part_id order by min(at), min(part_number), lot_id
                        """)
                .param("org", org)
                .param("unit", unitId)
                .query((rs, n) -> new ConsumedLot(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getBigDecimal(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    /**
     * The units that consumed some of the lot (its forward trace), by serial, {@code limit} a page after the serial
     * {@code cursor} names; 404 for another's lot.
     */
    @Transactional(readOnly = true)
    public ItemList<UsingUnit> unitsOf(UUID lotId, int limit, String cursor) {
        if (!inventoryLots.exists(lotId)) {
            throw NotFoundException.of("Lot", lotId);
        }
        List<String> after = Cursors.decode(cursor, 1);
        List<UsingUnit> rows = jdbc.sql("""
                        select u.id, u.serial, u.project_id, u.status, sum(m.quantity), min(m.at)
                          from production.unit_materials m
                          join production.units u on u.org_id = m.org_id and u.id = m.unit_id
                         where m.org_id = :org and m.lot_id = :lot and u.serial > :after
                         group by u.id, u.serial, u.project_id, u.status order by u.serial limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("lot", lotId)
                .param("after", after == null ? "" : after.getFirst())
                .param("limit", limit + 1)
                .query((rs, n) -> new UsingUnit(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getBigDecimal(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
        return Cursors.page(rows, limit, unit -> Cursors.encode(unit.serial()));
    }
}
