package io.traveler.production.internal;

import io.traveler.production.internal.Views.StageView;
import io.traveler.production.internal.Views.UnitView;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.paging.Cursors;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reading units and their passports: a project's units by position (keyset paged), one unit, its events. */
@Service
public class UnitQueries {
    private static final String POSITION = "p";
    private static final String SEQ = "s";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String UNIT_VIEW_COLUMNS = UnitRow.COLUMNS + """
            , s.name as stage_name""";
    static final String UNIT_VIEW_FROM = UnitRow.FROM + " " + """
            left join projects.stage_instances s on s.org_id = u.org_id and s.id = u.stage_instance_id""";

    /** A passport event, oldest first. */
    public record EventView(
            UUID id,
            int seq,
            String kind,
            Instant at,
            Instant recordedAt,
            UUID stageInstanceId,
            UUID stationId,
            UUID actorId,
            UUID employeeId,
            String deviceId,
            UUID sessionId,
            String stepId,
            Map<String, Object> detail) {}

    private final JdbcClient jdbc;

    UnitQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public ItemList<UnitView> ofProject(UUID projectId, int limit, String cursor) {
        requireProject(projectId);
        int after = after(cursor, POSITION);
        List<UnitView> rows = jdbc.sql("select " + UNIT_VIEW_COLUMNS + " from " + UNIT_VIEW_FROM + " " + """
                         where u.org_id = :org and u.project_id = :project and u.position > :after
                         order by u.position limit :limit""")
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .param("after", after)
                .param("limit", limit + 1)
                .query(UnitQueries::view)
                .list();
        return Cursors.page(rows, limit, unit -> cursor(POSITION, unit.position()));
    }

    @Transactional(readOnly = true)
    public UnitView unit(UUID unitId) {
        return jdbc.sql("select " + UNIT_VIEW_COLUMNS + " from " + UNIT_VIEW_FROM
                        + " where u.org_id = :org and u.id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", unitId)
                .query(UnitQueries::view)
                .optional()
                .orElseThrow(() -> NotFoundException.of("Unit", unitId));
    }

    /** The passport, oldest first (by seq: gapless from 1), {@code limit} events a page. */
    @Transactional(readOnly = true)
    public ItemList<EventView> events(UUID unitId, int limit, String cursor) {
        unit(unitId);
        List<EventView> rows = jdbc.sql("""
                        select id, seq, kind, at, recorded_at, stage_instance_id, station_id, actor_id, employee_id,
                               device_id, session_id, step_id, detail::text as detail
                          from production.unit_events
                         where org_id = :org and unit_id = :unit and seq > :after
                         order by seq limit :limit""")
                .param("org", TenantContext.requireOrgId())
                .param("unit", unitId)
                .param("after", after(cursor, SEQ))
                .param("limit", limit + 1)
                .query((rs, n) -> new EventView(
                        rs.getObject("id", UUID.class),
                        rs.getInt("seq"),
                        rs.getString("kind"),
                        UnitRow.instant(rs, "at"),
                        UnitRow.instant(rs, "recorded_at"),
                        rs.getObject("stage_instance_id", UUID.class),
                        rs.getObject("station_id", UUID.class),
                        rs.getObject("actor_id", UUID.class),
                        rs.getObject("employee_id", UUID.class),
                        rs.getString("device_id"),
                        rs.getObject("session_id", UUID.class),
                        rs.getString("step_id"),
                        JSON.readValue(rs.getString("detail"), new TypeReference<Map<String, Object>>() {})))
                .list();
        return Cursors.page(rows, limit, event -> cursor(SEQ, event.seq()));
    }

    void requireProject(UUID projectId) {
        jdbc.sql("select id from projects.projects where org_id = :org and id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", projectId)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> NotFoundException.of("Project", projectId));
    }

    static UnitView view(ResultSet rs, int n) throws SQLException {
        UnitRow u = UnitRow.read(rs, n);
        StageView stage = u.stageInstanceId() == null
                ? null
                : new StageView(u.stageInstanceId(), rs.getString("stage_name"), u.stagePosition(), u.stationId());
        return new UnitView(
                u.id(),
                u.serial(),
                u.projectId(),
                u.projectCode(),
                u.position(),
                u.quantity(),
                u.parentUnitId(),
                stage,
                u.stageEntry(),
                u.status(),
                u.heldFrom(),
                u.location(),
                u.assigneeId(),
                u.priority(),
                u.dueDate(),
                u.enteredStageAt(),
                u.startedAt(),
                u.completedAt(),
                u.version());
    }

    /**
     * A keyset cursor: which number it is ({@link #POSITION} in the units list, {@link #SEQ} in a passport, so one
     * list's cursor is refused by the other) and the last row's number of the page it follows.
     */
    private static String cursor(String kind, int last) {
        return Cursors.encode(kind, last);
    }

    private static int after(String cursor, String kind) {
        List<String> values = Cursors.decode(cursor, 2);
        if (values == null) {
            return 0;
        }
        if (!values.getFirst().equals(kind)) {
            throw Cursors.invalid();
        }
        try {
            return Integer.parseInt(values.get(1));
        } catch (NumberFormatException e) {
            throw Cursors.invalid();
        }
    }
}
