package io.traveler.production.internal;

import io.traveler.accounts.Accounts;
import io.traveler.production.internal.Views.StageView;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.TimeCursor;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Station queues, scan sessions with their counts and pace, and a project's quality (defects, first-pass yield). */
@Service
public class FloorQueries {
    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final UnitQueries units;

    FloorQueries(JdbcClient jdbc, Accounts accounts, UnitQueries units) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.units = units;
    }

    // --- station queue ---------------------------------------------------------------------------------------

    /** A unit at a station, in queue order, with how long it has waited at its stage. */
    public record QueueEntry(
            UUID id,
            String serial,
            UUID projectId,
            String projectCode,
            StageView stage,
            String status,
            int priority,
            LocalDate dueDate,
            Instant enteredStageAt,
            long ageSeconds,
            UUID assigneeId,
            String location) {}

    private record QueueCursor(int priority, LocalDate due, Instant entered, UUID id) {}

    /**
     * The units at the station's stages not yet done (QUEUED, IN_PROGRESS, ON_HOLD, DEFECTIVE, REWORK): highest
     * priority first, then the earliest due date (none last), then the longest waiting.
     */
    @Transactional(readOnly = true)
    public ItemList<QueueEntry> queue(UUID stationId, String status, int limit, String cursor) {
        accounts.station(stationId).orElseThrow(() -> NotFoundException.of("Station", stationId));
        String only = status == null || status.isBlank() ? null : status.strip().toUpperCase(java.util.Locale.ROOT);
        if (only != null
                && !List.of("QUEUED", "IN_PROGRESS", "ON_HOLD", "DEFECTIVE", "REWORK")
                        .contains(only)) {
            throw new ValidationException("status", "must be QUEUED, IN_PROGRESS, ON_HOLD, DEFECTIVE or REWORK");
        }
        QueueCursor after = queueCursor(cursor);
        Instant now = Instant.now();
        List<QueueEntry> rows = jdbc.sql("""
                        select u.id, u.serial, u.project_id, p.code as project_code, u.stage_instance_id,
                               s.name as stage_name, u.stage_position, u.station_id, u.status, u.priority, u.due_date,
                               u.entered_stage_at, u.assignee_id, u.location
                          from production.units u
                          join projects.projects p on p.org_id = u.org_id and p.id = u.project_id
                          join projects.stage_instances s on s.org_id = u.org_id and s.id = u.stage_instance_id
                         where u.org_id = :org and u.station_id = :station
                           and u.unfinished
                           and (cast(:only as text) is null or u.status = :only)
                           and (cast(:afterId as uuid) is null
                                or (-u.priority, coalesce(u.due_date, 'infinity'::date), u.entered_stage_at, u.id)
                                   > (-:afterPriority, coalesce(cast(:afterDue as date), 'infinity'::date),
                                      cast(:afterEntered as timestamptz), cast(:afterId as uuid)))
                         order by u.priority desc, u.due_date nulls last, u.entered_stage_at, u.id
                         limit :limit""")
                .param("org", TenantContext.requireOrgId())
                .param("station", stationId)
                .param("only", only)
                .param("afterId", after == null ? null : after.id())
                .param("afterPriority", after == null ? 0 : after.priority())
                .param("afterDue", after == null ? null : after.due())
                .param("afterEntered", after == null ? null : Timestamp.from(after.entered()))
                .param("limit", limit + 1)
                .query((rs, n) -> {
                    Instant entered = UnitRow.instant(rs, "entered_stage_at");
                    return new QueueEntry(
                            rs.getObject("id", UUID.class),
                            rs.getString("serial"),
                            rs.getObject("project_id", UUID.class),
                            rs.getString("project_code"),
                            new StageView(
                                    rs.getObject("stage_instance_id", UUID.class),
                                    rs.getString("stage_name"),
                                    rs.getInt("stage_position"),
                                    rs.getObject("station_id", UUID.class)),
                            rs.getString("status"),
                            rs.getInt("priority"),
                            rs.getObject("due_date", LocalDate.class),
                            entered,
                            Math.max(0, Duration.between(entered, now).toSeconds()),
                            rs.getObject("assignee_id", UUID.class),
                            rs.getString("location"));
                })
                .list();
        if (rows.size() <= limit) {
            return new ItemList<>(rows, null);
        }
        List<QueueEntry> page = rows.subList(0, limit);
        QueueEntry last = page.getLast();
        String next = last.priority() + "|" + (last.dueDate() == null ? "" : last.dueDate()) + "|"
                + last.enteredStageAt() + "|" + last.id();
        return new ItemList<>(
                List.copyOf(page),
                Base64.getUrlEncoder().withoutPadding().encodeToString(next.getBytes(StandardCharsets.UTF_8)));
    }

    private static QueueCursor queueCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            return new QueueCursor(
                    Integer.parseInt(parts[0]),
                    parts[1].isEmpty() ? null : LocalDate.parse(parts[1]),
                    Instant.parse(parts[2]),
                    UUID.fromString(parts[3]));
        } catch (RuntimeException e) {
            throw new ValidationException("cursor", "is not a cursor this list gave out");
        }
    }

    // --- scan sessions ---------------------------------------------------------------------------------------

    /**
     * An operator's stretch at a station from one device: its counts are read from the passport events naming it
     * ({@code scans} every event, {@code units} distinct units, {@code starts}, {@code completions},
     * {@code defects}), its pace in events per hour between its first and last event (null under a minute).
     */
    public record SessionView(
            UUID id,
            UUID userId,
            UUID employeeId,
            UUID stationId,
            String deviceId,
            Instant startedAt,
            Instant lastAt,
            Instant endedAt,
            boolean open,
            long scans,
            long units,
            long starts,
            long completions,
            long defects,
            BigDecimal pacePerHour) {}

    @Transactional(readOnly = true)
    public ItemList<SessionView> sessions(UUID stationId, UUID userId, Boolean open, int limit, String cursor) {
        TimeCursor after = TimeCursor.parse(cursor);
        List<SessionView> rows = jdbc.sql("""
                        select ss.id, ss.user_id, ss.employee_id, ss.station_id, ss.device_id, ss.started_at,
                               ss.last_at, ss.ended_at, c.scans, c.units, c.starts, c.completions, c.defects,
                               c.first_at, c.last_event_at
                          from production.scan_sessions ss
                          cross join lateral (
                                select count(*) as scans, count(distinct e.unit_id) as units,
                                       count(*) filter (where e.kind = 'STARTED') as starts,
                                       count(*) filter (where e.kind in ('COMPLETED_STAGE')) as completions,
                                       count(*) filter (where e.kind = 'DEFECT_REPORTED') as defects,
                                       min(e.at) as first_at, max(e.at) as last_event_at
                                  from production.unit_events e
                                 where e.org_id = ss.org_id and e.session_id = ss.id
                                   and e.kind not in ('MOVED', 'COMPLETED')) c
                         where ss.org_id = :org
                           and (cast(:station as uuid) is null or ss.station_id = :station)
                           and (cast(:user as uuid) is null or ss.user_id = :user)
                           and (cast(:open as boolean) is null or (ss.ended_at is null) = :open)
                           and (cast(:afterAt as timestamptz) is null
                                or (ss.started_at, ss.id) < (:afterAt, :afterId))
                         order by ss.started_at desc, ss.id desc limit :limit""")
                .param("org", TenantContext.requireOrgId())
                .param("station", stationId)
                .param("user", userId)
                .param("open", open)
                .param("afterAt", TimeCursor.timeOf(after))
                .param("afterId", TimeCursor.idOf(after))
                .param("limit", limit + 1)
                .query((rs, n) -> {
                    long scans = rs.getLong("scans");
                    Instant first = UnitRow.instant(rs, "first_at");
                    Instant last = UnitRow.instant(rs, "last_event_at");
                    BigDecimal pace = null;
                    if (first != null && Duration.between(first, last).toSeconds() >= 60) {
                        pace = BigDecimal.valueOf(scans * 3600L)
                                .divide(
                                        BigDecimal.valueOf(
                                                Duration.between(first, last).toSeconds()),
                                        1,
                                        RoundingMode.HALF_UP);
                    }
                    return new SessionView(
                            rs.getObject("id", UUID.class),
                            rs.getObject("user_id", UUID.class),
                            rs.getObject("employee_id", UUID.class),
                            rs.getObject("station_id", UUID.class),
                            rs.getString("device_id"),
                            UnitRow.instant(rs, "started_at"),
                            UnitRow.instant(rs, "last_at"),
                            UnitRow.instant(rs, "ended_at"),
                            rs.getObject("ended_at") == null,
                            scans,
                            rs.getLong("units"),
                            rs.getLong("starts"),
                            rs.getLong("completions"),
                            rs.getLong("defects"),
                            pace);
                })
                .list();
        return TimeCursor.page(rows, limit, s -> new TimeCursor(s.startedAt(), s.id()));
    }

    // --- quality ---------------------------------------------------------------------------------------------

    /**
     * A stage's first-pass yield: of the units decided there (completed it, or found defective there), the share that
     * completed it on their first entry with no defect reported there. Null while no unit is decided.
     */
    public record StageQuality(
            StageView stage, long decided, long firstPass, BigDecimal firstPassYield, long defects) {}

    public record DefectCount(UUID stageInstanceId, String stageName, String code, long count, long open) {}

    public record Quality(UUID projectId, List<StageQuality> stages, List<DefectCount> defects) {}

    @Transactional(readOnly = true)
    public Quality quality(UUID projectId) {
        units.requireProject(projectId);
        UUID org = TenantContext.requireOrgId();
        List<StageQuality> stages = jdbc.sql("""
                        with per_unit as (
                            select e.stage_instance_id, e.unit_id,
                                   bool_or(e.kind = 'COMPLETED_STAGE') as completed,
                                   bool_or(e.kind = 'COMPLETED_STAGE' and (e.detail ->> 'entry')::int = 1) as first,
                                   bool_or(e.kind = 'DEFECT_REPORTED') as defective,
                                   count(*) filter (where e.kind = 'DEFECT_REPORTED') as defects
                              from production.unit_events e
                              join production.units u on u.org_id = e.org_id and u.id = e.unit_id
                             where e.org_id = :org and u.project_id = :project and e.stage_instance_id is not null
                             group by e.stage_instance_id, e.unit_id)
                        select s.id, s.name, s.position, s.station_id,
                               count(pu.unit_id) filter (where pu.completed or pu.defective) as decided,
                               count(pu.unit_id) filter (where pu.first and not pu.defective) as first_pass,
                               coalesce(sum(pu.defects), 0) as defects
                          from projects.stage_instances s
                          left join per_unit pu on pu.stage_instance_id = s.id
                         where s.org_id = :org and s.project_id = :project
                         group by s.id, s.name, s.position, s.station_id
                         order by s.position""")
                .param("org", org)
                .param("project", projectId)
                .query((rs, n) -> {
                    long decided = rs.getLong("decided");
                    long firstPass = rs.getLong("first_pass");
                    return new StageQuality(
                            new StageView(
                                    rs.getObject("id", UUID.class),
                                    rs.getString("name"),
                                    rs.getInt("position"),
                                    rs.getObject("station_id", UUID.class)),
                            decided,
                            firstPass,
                            decided == 0
                                    ? null
                                    : BigDecimal.valueOf(firstPass)
                                            .divide(BigDecimal.valueOf(decided), 4, RoundingMode.HALF_UP),
                            rs.getLong("defects"));
                })
                .list();
        List<DefectCount> defects = jdbc.sql("""
                        select d.stage_instance_id, s.name as stage_name, d.code, count(*) as count,
                               count(*) filter (where d.disposition is null) as open
                          from production.defects d
                          join projects.stage_instances s on s.org_id = d.org_id and s.id = d.stage_instance_id
                         where d.org_id = :org and d.project_id = :project
                         group by d.stage_instance_id, s.name, s.position, d.code
                         order by s.position, count(*) desc, d.code""")
                .param("org", org)
                .param("project", projectId)
                .query((rs, n) -> new DefectCount(
                        rs.getObject("stage_instance_id", UUID.class),
                        rs.getString("stage_name"),
                        rs.getString("code"),
                        rs.getLong("count"),
                        rs.getLong("open")))
                .list();
        return new Quality(projectId, stages, defects);
    }
}
