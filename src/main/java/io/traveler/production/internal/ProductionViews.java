package io.traveler.production.internal;

import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.TimeCursor;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the shop floor's pages read, in the current organization: a unit and its passport, a project's units and
 * their counts, a station's queue, the defect log, defect counts and first-pass yield per stage, and scan sessions.
 * Plain queries of this module's tables (row-level security applies, and each names its organization as well);
 * names of projects, stages, stations and people come from their modules' facades.
 */
@Component
@Transactional(readOnly = true)
public class ProductionViews {
    /** Units a station's board shows at most. */
    public static final int QUEUE_LIMIT = 200;

    /** Scan sessions the sessions page lists at most. */
    public static final int SESSION_LIMIT = 100;

    /** Statuses of a unit still at a stage (what a queue holds). */
    public static final List<String> OPEN_STATUSES = List.of("QUEUED", "IN_PROGRESS", "ON_HOLD", "DEFECTIVE", "REWORK");

    public static final List<String> STATUSES =
            List.of("QUEUED", "IN_PROGRESS", "ON_HOLD", "DEFECTIVE", "REWORK", "COMPLETED", "SCRAPPED");

    public record Unit(
            UUID id,
            String serial,
            UUID projectId,
            int position,
            BigDecimal quantity,
            UUID parentUnitId,
            UUID stageInstanceId,
            Integer stagePosition,
            UUID stationId,
            int stageEntry,
            String status,
            String heldFrom,
            String location,
            UUID assigneeId,
            int priority,
            LocalDate dueDate,
            Instant enteredStageAt,
            Instant startedAt,
            Instant completedAt,
            int eventSeq,
            Instant createdAt,
            long version) {}

    public record Event(
            int seq,
            String kind,
            UUID stageInstanceId,
            UUID stationId,
            UUID actorId,
            UUID employeeId,
            String deviceId,
            UUID sessionId,
            String stepId,
            String detail,
            Instant at,
            Instant recordedAt) {}

    public record Action(
            UUID stageInstanceId,
            int stageEntry,
            UUID actionId,
            String kind,
            String valueText,
            BigDecimal measuredValue,
            Boolean withinTolerance,
            UUID documentId,
            UUID actorId,
            Instant at) {}

    public record Defect(
            UUID id,
            UUID unitId,
            String serial,
            UUID projectId,
            UUID stageInstanceId,
            UUID stationId,
            String code,
            String severity,
            String description,
            List<UUID> photoIds,
            String disposition,
            UUID reworkStageId,
            String dispositionNote,
            UUID reportedBy,
            Instant reportedAt,
            UUID disposedBy,
            Instant disposedAt,
            long version) {
        public boolean open() {
            return disposition == null;
        }
    }

    /** A unit in a list: where it is and how it stands. */
    public record UnitRow(
            UUID id,
            String serial,
            UUID projectId,
            int position,
            UUID stageInstanceId,
            Integer stagePosition,
            UUID stationId,
            String status,
            int priority,
            LocalDate dueDate,
            Instant enteredStageAt,
            UUID assigneeId) {}

    /** How many of a project's units are at a stage (null once completed or scrapped) with a status. */
    public record StageCount(UUID stageInstanceId, Integer stagePosition, String status, long units) {}

    public record DefectFilter(Boolean open, String code, UUID stationId, UUID projectId) {}

    public record DefectCount(UUID projectId, UUID stageInstanceId, String code, long defects, long open) {}

    /** Units that completed a stage, and those of them that did it without a defect or a rework there. */
    public record Yield(UUID projectId, UUID stageInstanceId, long completed, long firstPass) {}

    public record Session(
            UUID id,
            UUID userId,
            UUID employeeId,
            UUID stationId,
            String deviceId,
            Instant startedAt,
            Instant lastAt,
            Instant endedAt,
            long steps) {}

    private final JdbcClient jdbc;

    ProductionViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Unit> unit(UUID unitId) {
        return jdbc.sql("select * from production.units where org_id = :org and id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", unitId)
                .query(ProductionViews::unit)
                .optional();
    }

    public Optional<Unit> unitBySerial(String serial) {
        return jdbc.sql("select * from production.units where org_id = :org and serial = :serial")
                .param("org", TenantContext.requireOrgId())
                .param("serial", serial)
                .query(ProductionViews::unit)
                .optional();
    }

    /**
     * The passport's latest {@code limit} events, oldest first. Its sequence is gapless from 1, so the last event's
     * {@code seq} is the passport's length.
     */
    public List<Event> latestEvents(UUID unitId, int limit) {
        return jdbc.sql("""
                        select * from (
                            select seq, kind, stage_instance_id, station_id, actor_id, employee_id, device_id,
                                   session_id, step_id, detail::text as detail, at, recorded_at
                              from production.unit_events
                             where org_id = :org and unit_id = :unit
                             order by seq desc limit :limit) latest
                         order by seq
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("unit", unitId)
                .param("limit", limit)
                .query((rs, n) -> new Event(
                        rs.getInt("seq"),
                        rs.getString("kind"),
                        uuid(rs, "stage_instance_id"),
                        uuid(rs, "station_id"),
                        uuid(rs, "actor_id"),
                        uuid(rs, "employee_id"),
                        rs.getString("device_id"),
                        uuid(rs, "session_id"),
                        rs.getString("step_id"),
                        rs.getString("detail"),
                        instant(rs, "at"),
                        instant(rs, "recorded_at")))
                .list();
    }

    public List<Action> actions(UUID unitId) {
        return jdbc.sql("""
                        select * from production.unit_actions
                         where org_id = :org and unit_id = :unit
                         order by at, id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("unit", unitId)
                .query((rs, n) -> new Action(
                        uuid(rs, "stage_instance_id"),
                        rs.getInt("stage_entry"),
                        uuid(rs, "action_id"),
                        rs.getString("kind"),
                        rs.getString("value_text"),
                        rs.getBigDecimal("measured_value"),
                        (Boolean) rs.getObject("within_tolerance"),
                        uuid(rs, "document_id"),
                        uuid(rs, "actor_id"),
                        instant(rs, "at")))
                .list();
    }

    public List<Defect> defectsOf(UUID unitId) {
        return jdbc.sql(DEFECTS + " where d.org_id = :org and d.unit_id = :unit order by d.reported_at desc, d.id desc")
                .param("org", TenantContext.requireOrgId())
                .param("unit", unitId)
                .query(ProductionViews::defect)
                .list();
    }

    public Optional<Defect> defect(UUID defectId) {
        return jdbc.sql(DEFECTS + " where d.org_id = :org and d.id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", defectId)
                .query(ProductionViews::defect)
                .optional();
    }

    /** The defect log, newest first, {@code size} rows after the cursor. */
    public ItemList<Defect> defects(DefectFilter filter, String cursor, int size) {
        TimeCursor after = TimeCursor.parse(cursor);
        List<Defect> rows = jdbc.sql(DEFECTS + """
                         where d.org_id = :org
                           and (cast(:open as boolean) is null or (d.disposition is null) = cast(:open as boolean))
                           and (cast(:code as text) is null or d.code = cast(:code as text))
                           and (cast(:station as uuid) is null or d.station_id = cast(:station as uuid))
                           and (cast(:project as uuid) is null or d.project_id = cast(:project as uuid))
                           and (cast(:at as timestamptz) is null
                                or (d.reported_at, d.id) < (cast(:at as timestamptz), cast(:id as uuid)))
                         order by d.reported_at desc, d.id desc
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("open", filter.open())
                .param("code", filter.code())
                .param("station", filter.stationId())
                .param("project", filter.projectId())
                .param("at", TimeCursor.timeOf(after))
                .param("id", TimeCursor.idOf(after))
                .param("limit", size + 1)
                .query(ProductionViews::defect)
                .list();
        return TimeCursor.page(rows, size, d -> new TimeCursor(d.reportedAt(), d.id()));
    }

    /** The defect codes used so far, for the log's filter. */
    public List<String> defectCodes() {
        return jdbc.sql("select distinct code from production.defects where org_id = :org order by code limit 200")
                .param("org", TenantContext.requireOrgId())
                .query(String.class)
                .list();
    }

    /** The projects and stations that have defects, for the log's filters. */
    public List<UUID> defectProjects() {
        return jdbc.sql("select distinct project_id from production.defects where org_id = :org limit 200")
                .param("org", TenantContext.requireOrgId())
                .query(UUID.class)
                .list();
    }

    public List<UUID> defectStations() {
        return jdbc.sql("select distinct station_id from production.defects where org_id = :org limit 200")
                .param("org", TenantContext.requireOrgId())
                .query(UUID.class)
                .list();
    }

    public long openDefects() {
        return jdbc.sql("select count(*) from production.defects where org_id = :org and disposition is null")
                .param("org", TenantContext.requireOrgId())
                .query(Long.class)
                .single();
    }

    /** A project's units by position, {@code size} after the cursor (the last position shown). */
    public ItemList<UnitRow> projectUnits(
            UUID projectId, String status, Integer stagePosition, String cursor, int size) {
        int after = position(cursor);
        List<UnitRow> rows = jdbc.sql(UNITS + """
                         where org_id = :org and project_id = :project and position > :after
                           and (cast(:status as text) is null or status = cast(:status as text))
                           and (cast(:stage as int) is null or stage_position = cast(:stage as int))
                         order by position
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .param("after", after)
                .param("status", status)
                .param("stage", stagePosition)
                .param("limit", size + 1)
                .query(ProductionViews::unitRow)
                .list();
        if (rows.size() <= size) {
            return new ItemList<>(rows, null);
        }
        return new ItemList<>(
                rows.subList(0, size), Integer.toString(rows.get(size - 1).position()));
    }

    /** A project's units counted per stage and status. */
    public List<StageCount> stageCounts(UUID projectId) {
        return jdbc.sql("""
                        select stage_instance_id, stage_position, status, count(*) as units
                          from production.units
                         where org_id = :org and project_id = :project
                         group by stage_instance_id, stage_position, status
                         order by stage_position nulls last, status
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .query((rs, n) -> new StageCount(
                        uuid(rs, "stage_instance_id"),
                        (Integer) rs.getObject("stage_position"),
                        rs.getString("status"),
                        rs.getLong("units")))
                .list();
    }

    /** The units waiting at a station, in the order to take them: priority, due date, then the longest waiting. */
    public List<UnitRow> queue(UUID stationId) {
        return jdbc.sql(UNITS + """
                         where org_id = :org and station_id = :station and unfinished
                         order by priority desc, due_date, entered_stage_at, id
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("station", stationId)
                .param("limit", QUEUE_LIMIT)
                .query(ProductionViews::unitRow)
                .list();
    }

    /** Open units per station: how long each station's queue is. */
    public Map<UUID, Long> queueLengths() {
        Map<UUID, Long> lengths = new LinkedHashMap<>();
        jdbc.sql("""
                        select station_id, count(*) as units from production.units
                         where org_id = :org and unfinished
                         group by station_id
                         order by count(*) desc
                        """).param("org", TenantContext.requireOrgId()).query(rs -> {
            lengths.put(uuid(rs, "station_id"), rs.getLong("units"));
        });
        return lengths;
    }

    public long unitsInProgress() {
        return jdbc.sql("select count(*) from production.units where org_id = :org and status = 'IN_PROGRESS'")
                .param("org", TenantContext.requireOrgId())
                .query(Long.class)
                .single();
    }

    /** Defects per stage instance and code, the stages with the most first. */
    public List<DefectCount> defectCounts() {
        return jdbc.sql("""
                        select project_id, stage_instance_id, code, count(*) as defects,
                               count(*) filter (where disposition is null) as open
                          from production.defects
                         where org_id = :org
                         group by project_id, stage_instance_id, code
                         order by count(*) desc, code
                         limit 500
                        """)
                .param("org", TenantContext.requireOrgId())
                .query((rs, n) -> new DefectCount(
                        uuid(rs, "project_id"),
                        uuid(rs, "stage_instance_id"),
                        rs.getString("code"),
                        rs.getLong("defects"),
                        rs.getLong("open")))
                .list();
    }

    /**
     * First-pass yield per stage instance, from the passport: of the units that completed the stage, those with no
     * DEFECT_REPORTED or REWORK event at it.
     */
    public List<Yield> yields() {
        return jdbc.sql("""
                        with done as (
                            select distinct e.unit_id, e.stage_instance_id
                              from production.unit_events e
                             where e.org_id = :org and e.kind = 'COMPLETED_STAGE' and e.stage_instance_id is not null
                        ), troubled as (
                            select distinct e.unit_id, e.stage_instance_id
                              from production.unit_events e
                             where e.org_id = :org and e.kind in ('DEFECT_REPORTED', 'REWORK')
                               and e.stage_instance_id is not null
                        )
                        select u.project_id, done.stage_instance_id, count(*) as completed,
                               count(*) filter (where troubled.unit_id is null) as first_pass
                          from done
                          join production.units u on u.org_id = :org and u.id = done.unit_id
                          left join troubled on troubled.unit_id = done.unit_id
                                            and troubled.stage_instance_id = done.stage_instance_id
                         group by u.project_id, done.stage_instance_id
                         order by u.project_id, done.stage_instance_id
                         limit 500
                        """)
                .param("org", TenantContext.requireOrgId())
                .query((rs, n) -> new Yield(
                        uuid(rs, "project_id"),
                        uuid(rs, "stage_instance_id"),
                        rs.getLong("completed"),
                        rs.getLong("first_pass")))
                .list();
    }

    /** The latest scan sessions, with the passport events each wrote. */
    public List<Session> sessions(UUID stationId) {
        return jdbc.sql("""
                        select s.*, (select count(*) from production.unit_events e
                                      where e.org_id = s.org_id and e.session_id = s.id) as steps
                          from production.scan_sessions s
                         where s.org_id = :org and (cast(:station as uuid) is null or s.station_id = cast(:station as uuid))
                         order by s.started_at desc, s.id desc
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("station", stationId)
                .param("limit", SESSION_LIMIT)
                .query((rs, n) -> new Session(
                        uuid(rs, "id"),
                        uuid(rs, "user_id"),
                        uuid(rs, "employee_id"),
                        uuid(rs, "station_id"),
                        rs.getString("device_id"),
                        instant(rs, "started_at"),
                        instant(rs, "last_at"),
                        instant(rs, "ended_at"),
                        rs.getLong("steps")))
                .list();
    }

    private static final String UNITS = """
            select id, serial, project_id, position, stage_instance_id, stage_position, station_id, status, priority,
                   due_date, entered_stage_at, assignee_id
              from production.units
            """;

    private static final String DEFECTS = """
            select d.*, u.serial from production.defects d
              join production.units u on u.org_id = d.org_id and u.id = d.unit_id
            """;

    private static int position(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(cursor));
        } catch (NumberFormatException e) {
            throw new ValidationException("cursor", "is not a cursor this list gave out");
        }
    }

    private static Unit unit(ResultSet rs, int n) throws SQLException {
        return new Unit(
                uuid(rs, "id"),
                rs.getString("serial"),
                uuid(rs, "project_id"),
                rs.getInt("position"),
                rs.getBigDecimal("quantity"),
                uuid(rs, "parent_unit_id"),
                uuid(rs, "stage_instance_id"),
                (Integer) rs.getObject("stage_position"),
                uuid(rs, "station_id"),
                rs.getInt("stage_entry"),
                rs.getString("status"),
                rs.getString("held_from"),
                rs.getString("location"),
                uuid(rs, "assignee_id"),
                rs.getInt("priority"),
                rs.getObject("due_date", LocalDate.class),
                instant(rs, "entered_stage_at"),
                instant(rs, "started_at"),
                instant(rs, "completed_at"),
                rs.getInt("event_seq"),
                instant(rs, "created_at"),
                rs.getLong("version"));
    }

    private static UnitRow unitRow(ResultSet rs, int n) throws SQLException {
        return new UnitRow(
                uuid(rs, "id"),
                rs.getString("serial"),
                uuid(rs, "project_id"),
                rs.getInt("position"),
                uuid(rs, "stage_instance_id"),
                (Integer) rs.getObject("stage_position"),
                uuid(rs, "station_id"),
                rs.getString("status"),
                rs.getInt("priority"),
                rs.getObject("due_date", LocalDate.class),
                instant(rs, "entered_stage_at"),
                uuid(rs, "assignee_id"));
    }

    private static Defect defect(ResultSet rs, int n) throws SQLException {
        return new Defect(
                uuid(rs, "id"),
                uuid(rs, "unit_id"),
                rs.getString("serial"),
                uuid(rs, "project_id"),
                uuid(rs, "stage_instance_id"),
                uuid(rs, "station_id"),
                rs.getString("code"),
                rs.getString("severity"),
                rs.getString("description"),
                uuids(rs.getArray("photo_ids")),
                rs.getString("disposition"),
                uuid(rs, "rework_stage_id"),
                rs.getString("disposition_note"),
                uuid(rs, "reported_by"),
                instant(rs, "reported_at"),
                uuid(rs, "disposed_by"),
                instant(rs, "disposed_at"),
                rs.getLong("version"));
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray())
                .map(o -> o instanceof UUID id ? id : UUID.fromString(o.toString()))
                .toList();
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
