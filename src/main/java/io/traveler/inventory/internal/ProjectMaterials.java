package io.traveler.inventory.internal;

import io.traveler.catalog.Catalog;
import io.traveler.inventory.MaterialsIssued;
import io.traveler.projects.ProjectCancelled;
import io.traveler.projects.ProjectStages;
import io.traveler.projects.ProjectStages.Job;
import io.traveler.projects.ProjectStarted;
import io.traveler.projects.StageCompleted;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's materials: what its pinned BOM needs of each part at each stage, reserved when it starts (earliest
 * lots first), issued when the stage that consumes them completes (the backflush: its reservations first, then any
 * stock still available, the rest recorded as a shortfall, for the move never waits on stock), released when it is
 * cancelled or on request. Every stock change goes through the {@link Ledger} with the project as reference; the
 * listeners run in the publisher's transaction, so a start, move or cancellation commits with its stock. Work on
 * one project's lines takes turns on their rows, and parts are always taken in id order, so two projects reserving
 * the same parts wait for each other instead of deadlocking.
 */
@Service
public class ProjectMaterials {
    static final String PROJECT = "PROJECT";

    private final Ledger ledger;
    private final Catalog catalog;
    private final ProjectStages projects;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    ProjectMaterials(
            Ledger ledger, Catalog catalog, ProjectStages projects, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.projects = projects;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** One line of a project's materials: {@code shortage} is what is neither reserved nor issued. */
    public record Line(
            UUID id,
            UUID partId,
            String stageName,
            String status,
            BigDecimal required,
            BigDecimal reserved,
            BigDecimal issued,
            BigDecimal shortage,
            Instant backflushedAt) {}

    /** A lot issued to the project: how much of it, in all. */
    public record IssuedLot(
            UUID lotId,
            String lotNumber,
            UUID partId,
            BigDecimal quantity,
            BigDecimal cost,
            Instant firstAt,
            Instant lastAt) {}

    /** What a stage's backflush could not issue. */
    public record Shortfall(UUID id, UUID partId, UUID stageInstanceId, BigDecimal quantity, Instant at) {}

    // --- listeners ------------------------------------------------------------------------------------------------

    @EventListener
    void on(ProjectStarted started) {
        reserveFor(started.projectId());
    }

    @EventListener
    void on(StageCompleted completed) {
        backflush(completed);
    }

    @EventListener
    void on(ProjectCancelled cancelled) {
        releaseAll(cancelled.projectId());
    }

    // --- reserving ------------------------------------------------------------------------------------------------

    /**
     * Writes the project's lines from its pinned BOM exploded for its quantity and reserves each as far as stock
     * allows; a project without a BOM needs nothing. Answers the lines.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Line> reserveFor(UUID projectId) {
        Job job = projects.job(projectId).orElseThrow(() -> NotFoundException.of("Project", projectId));
        if (job.bomId() == null || job.quantity() == null || job.quantity().signum() <= 0) {
            return List.of();
        }
        Timestamp now = now();
        for (Catalog.Material material : catalog.materialsOf(job.bomId(), job.quantity())) {
            if (material.quantity().signum() <= 0) {
                continue;
            }
            jdbc.sql("""
                            insert into inventory.reservations (org_id, id, project_id, part_id, stage_name, required,
                                    created_at, updated_at)
                            values (:org, :id, :project, :part, :stage, :required, :now, :now)
                            on conflict do nothing
                            """)
                    .param("org", TenantContext.requireOrgId())
                    .param("id", Ids.newId())
                    .param("project", projectId)
                    .param("part", material.partId())
                    .param("stage", material.stageName())
                    .param("required", material.quantity())
                    .param("now", now)
                    .update();
        }
        return reserveShort(projectId);
    }

    /** Reserves again what the project's lines that are not yet issued still lack (after a receipt, say). */
    @Transactional
    public List<Line> refresh(UUID projectId) {
        Job job = projects.job(projectId).orElseThrow(() -> NotFoundException.of("Project", projectId));
        if (!job.status().equals("ACTIVE") && !job.status().equals("ON_HOLD")) {
            throw new ConflictException("Only a started project reserves materials; this one is "
                    + job.status().toLowerCase(Locale.ROOT));
        }
        return reserveShort(projectId);
    }

    private List<Line> reserveShort(UUID projectId) {
        Reference reference = new Reference(projectId);
        for (Line line : lockedLines(projectId)) {
            if (line.status().equals("BACKFLUSHED")) {
                continue;
            }
            BigDecimal wanted = line.required().subtract(line.issued()).subtract(line.reserved());
            if (wanted.signum() > 0) {
                allocate(line.id(), ledger.reserve(line.partId(), null, wanted, reference.ledger()));
            }
            setStatus(line.id(), "OPEN");
        }
        return lines(projectId);
    }

    // --- releasing ------------------------------------------------------------------------------------------------

    /** Frees everything still reserved for the project's lines not yet issued; answers the lines. */
    @Transactional
    public List<Line> release(UUID projectId) {
        projects.job(projectId).orElseThrow(() -> NotFoundException.of("Project", projectId));
        releaseAll(projectId);
        return lines(projectId);
    }

    private void releaseAll(UUID projectId) {
        Reference reference = new Reference(projectId);
        for (Line line : lockedLines(projectId)) {
            if (line.status().equals("BACKFLUSHED")) {
                continue;
            }
            releaseLine(line.id(), reference);
            setStatus(line.id(), "RELEASED");
        }
    }

    private void releaseLine(UUID reservationId, Reference reference) {
        for (Allocation allocation : allocations(reservationId)) {
            ledger.release(allocation.lotId(), allocation.locationId(), allocation.quantity(), reference.ledger());
            take(reservationId, allocation, allocation.quantity());
        }
    }

    // --- backflush ------------------------------------------------------------------------------------------------

    /**
     * Issues what the completed stage consumes: the lines naming it (by name, trimmed, in any case), and with the
     * project's first stage also the lines naming no stage of the project. A line is issued once; a stage completed
     * again (after a rework) issues nothing more. When the last stage completes, what is still reserved for lines
     * never issued (their stage was skipped) is released.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void backflush(StageCompleted completed) {
        Job job = projects.job(completed.projectId()).orElse(null);
        if (job == null) {
            return;
        }
        Set<String> stageKeys = new HashSet<>();
        job.stages().forEach(stage -> stageKeys.add(key(stage.name())));
        boolean firstStage = !job.stages().isEmpty()
                && job.stages().getFirst().stageInstanceId().equals(completed.stageInstanceId());
        String completedKey = key(completed.stageName());
        Reference reference = new Reference(completed.projectId());
        List<Ledger.Posted> issued = new ArrayList<>();
        for (Line line : lockedLines(completed.projectId())) {
            if (line.status().equals("BACKFLUSHED")) {
                continue;
            }
            String lineKey = key(line.stageName());
            boolean consumedHere =
                    lineKey.equals(completedKey) || (firstStage && (lineKey.isEmpty() || !stageKeys.contains(lineKey)));
            if (consumedHere) {
                issued.addAll(issueLine(line, completed, reference));
            } else if (completed.lastStage()) {
                releaseLine(line.id(), reference);
                setStatus(line.id(), "RELEASED");
            }
        }
        if (issued.isEmpty()) {
            return;
        }
        BigDecimal cost = issued.stream()
                .filter(p -> p.unitCost() != null)
                .map(p -> p.unitCost().multiply(p.quantity()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (cost.signum() > 0) {
            projects.addMaterialsCost(completed.projectId(), cost);
        }
        Map<UUID, Catalog.PartRef> parts =
                catalog.parts(issued.stream().map(Ledger.Posted::partId).toList());
        events.publishEvent(new MaterialsIssued(
                completed.orgId(),
                completed.projectId(),
                null,
                completed.stageInstanceId(),
                issued.stream()
                        .map(p -> new MaterialsIssued.Line(
                                p.movementId(),
                                p.partId(),
                                parts.containsKey(p.partId())
                                        ? parts.get(p.partId()).partNumber()
                                        : null,
                                p.lotId(),
                                p.lotNumber(),
                                p.quantity()))
                        .toList(),
                completed.actorId(),
                completed.at()));
    }

    /** Issues a line: its reservations (earliest lots first), then available stock; the rest is a shortfall. */
    private List<Ledger.Posted> issueLine(Line line, StageCompleted completed, Reference reference) {
        List<Ledger.Posted> issued = new ArrayList<>();
        BigDecimal remaining = line.required().subtract(line.issued());
        for (Allocation allocation : allocations(line.id())) {
            if (remaining.signum() <= 0) {
                ledger.release(allocation.lotId(), allocation.locationId(), allocation.quantity(), reference.ledger());
                take(line.id(), allocation, allocation.quantity());
                continue;
            }
            BigDecimal quantity = allocation.quantity().min(remaining);
            issued.addAll(issues(
                    ledger.issueReserved(allocation.lotId(), allocation.locationId(), quantity, reference.ledger())));
            take(line.id(), allocation, quantity);
            remaining = remaining.subtract(quantity);
        }
        if (remaining.signum() > 0) {
            // reserved and issued at once, under the part's lock: what is available now is taken, never refused
            for (Ledger.Posted reserved : ledger.reserve(line.partId(), null, remaining, reference.ledger())) {
                issued.addAll(issues(ledger.issueReserved(
                        reserved.lotId(), reserved.fromLocationId(), reserved.quantity(), reference.ledger())));
                remaining = remaining.subtract(reserved.quantity());
            }
        }
        BigDecimal total = issued.stream().map(Ledger.Posted::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        jdbc.sql("""
                        update inventory.reservations
                           set issued = issued + :issued, status = 'BACKFLUSHED', backflushed_at = :now,
                               updated_at = :now
                         where org_id = :org and id = :id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("issued", total)
                .param("now", Timestamp.from(completed.at()))
                .param("id", line.id())
                .update();
        if (remaining.signum() > 0) {
            jdbc.sql("""
                            insert into inventory.shortfalls (org_id, id, reservation_id, project_id, part_id,
                                    stage_instance_id, quantity, at)
                            values (:org, :id, :reservation, :project, :part, :stage, :quantity, :at)
                            """)
                    .param("org", TenantContext.requireOrgId())
                    .param("id", Ids.newId())
                    .param("reservation", line.id())
                    .param("project", completed.projectId())
                    .param("part", line.partId())
                    .param("stage", completed.stageInstanceId())
                    .param("quantity", remaining)
                    .param("at", Timestamp.from(completed.at()))
                    .update();
        }
        return issued;
    }

    private static List<Ledger.Posted> issues(List<Ledger.Posted> posted) {
        return posted.stream().filter(p -> p.kind().equals("ISSUE")).toList();
    }

    // --- reading --------------------------------------------------------------------------------------------------

    /** The project's lines, by part number then stage; 404 for a project not in the organization. */
    @Transactional(readOnly = true)
    public List<Line> linesOf(UUID projectId) {
        projects.job(projectId).orElseThrow(() -> NotFoundException.of("Project", projectId));
        return lines(projectId);
    }

    /** The lots issued to the project (ISSUE movements naming it), earliest first. */
    @Transactional(readOnly = true)
    public List<IssuedLot> issuedLots(UUID projectId) {
        projects.job(projectId).orElseThrow(() -> NotFoundException.of("Project", projectId));
        return jdbc.sql("""
                        select m.lot_id, l.lot_number, m.part_id, sum(m.quantity) as quantity,
                               sum(m.quantity * coalesce(m.unit_cost, 0)) as cost, min(m.at) as first_at,
                               max(m.at) as last_at
                          from inventory.movements m join inventory.lots l on l.org_id = m.org_id and l.id = m.lot_id
                         where m.org_id = :org and m.reference_id = :project and m.reference_type = 'PROJECT'
                           and m.kind = 'ISSUE'
                         group by m.lot_id, l.lot_number, m.part_id
                         order by min(m.seq)
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .query((rs, n) -> new IssuedLot(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    @Transactional(readOnly = true)
    public List<Shortfall> shortfalls(UUID projectId) {
        return jdbc.sql("""
                        select id, part_id, stage_instance_id, quantity, at from inventory.shortfalls
                         where org_id = :org and project_id = :project order by at, id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .query((rs, n) -> new Shortfall(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getBigDecimal(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    private static final String LINES = """
            select r.id, r.part_id, r.stage_name, r.status, r.required,
                   coalesce((select sum(a.quantity) from inventory.reservation_allocations a
                              where a.org_id = r.org_id and a.reservation_id = r.id), 0) as reserved,
                   r.issued, r.backflushed_at
              from inventory.reservations r
             where r.org_id = :org and r.project_id = :project
            """;

    private List<Line> lines(UUID projectId) {
        return jdbc.sql(LINES + " order by r.part_id, lower(coalesce(r.stage_name, ''))")
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .query((rs, n) -> line(rs))
                .list();
    }

    /** The project's lines, locked in part order (the order every path takes parts' stock locks in). */
    private List<Line> lockedLines(UUID projectId) {
        jdbc.sql("select id from inventory.reservations where org_id = :org and project_id = :project order by id"
                        + " for update")
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .query(UUID.class)
                .list();
        return lines(projectId).stream()
                .sorted(Comparator.comparing(Line::partId).thenComparing(l -> key(l.stageName())))
                .toList();
    }

    private static Line line(java.sql.ResultSet rs) throws java.sql.SQLException {
        BigDecimal required = rs.getBigDecimal("required");
        BigDecimal reserved = rs.getBigDecimal("reserved");
        BigDecimal issued = rs.getBigDecimal("issued");
        Timestamp backflushed = rs.getTimestamp("backflushed_at");
        return new Line(
                rs.getObject("id", UUID.class),
                rs.getObject("part_id", UUID.class),
                rs.getString("stage_name"),
                rs.getString("status"),
                required,
                reserved,
                issued,
                required.subtract(reserved).subtract(issued).max(BigDecimal.ZERO),
                backflushed == null ? null : backflushed.toInstant());
    }

    // --- allocations ----------------------------------------------------------------------------------------------

    private record Allocation(UUID lotId, UUID locationId, BigDecimal quantity) {}

    /** A line's allocations, earliest lots first (the order they are issued in). */
    private List<Allocation> allocations(UUID reservationId) {
        return jdbc.sql("""
                        select a.lot_id, a.location_id, a.quantity
                          from inventory.reservation_allocations a
                          join inventory.lots l on l.org_id = a.org_id and l.id = a.lot_id
                         where a.org_id = :org and a.reservation_id = :reservation
                         order by l.received_at, l.id, a.location_id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("reservation", reservationId)
                .query((rs, n) ->
                        new Allocation(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBigDecimal(3)))
                .list();
    }

    /** Records the RESERVE movements written for a line as its allocations. */
    private void allocate(UUID reservationId, List<Ledger.Posted> reserved) {
        for (Ledger.Posted posted : reserved) {
            if (!posted.kind().equals("RESERVE")) {
                continue;
            }
            jdbc.sql("""
                            insert into inventory.reservation_allocations (org_id, reservation_id, lot_id, location_id,
                                    quantity)
                            values (:org, :reservation, :lot, :location, :quantity)
                            on conflict (org_id, reservation_id, lot_id, location_id)
                            do update set quantity = reservation_allocations.quantity + excluded.quantity
                            """)
                    .param("org", TenantContext.requireOrgId())
                    .param("reservation", reservationId)
                    .param("lot", posted.lotId())
                    .param("location", Objects.requireNonNull(posted.fromLocationId()))
                    .param("quantity", posted.quantity())
                    .update();
        }
    }

    /** Takes {@code quantity} off an allocation (released or issued), removing it when nothing is left. */
    private void take(UUID reservationId, Allocation allocation, BigDecimal quantity) {
        for (String change : List.of(
                "delete from inventory.reservation_allocations where quantity <= :quantity",
                "update inventory.reservation_allocations set quantity = quantity - :quantity where quantity > :quantity")) {
            jdbc.sql(change + " and reservation_id = :reservation and lot_id = :lot and location_id = :location")
                    .param("quantity", quantity)
                    .param("reservation", reservationId)
                    .param("lot", allocation.lotId())
                    .param("location", allocation.locationId())
                    .update();
        }
    }

    private void setStatus(UUID reservationId, String status) {
        jdbc.sql("update inventory.reservations set status = :status, updated_at = :now where org_id = :org"
                        + " and id = :id and status <> :status")
                .param("org", TenantContext.requireOrgId())
                .param("status", status)
                .param("now", now())
                .param("id", reservationId)
                .update();
    }

    private static String key(String stageName) {
        return stageName == null ? "" : stageName.trim().toLowerCase(Locale.ROOT);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private record Reference(UUID projectId) {
        Ledger.Reference ledger() {
            return new Ledger.Reference(PROJECT, projectId);
        }
    }
}
