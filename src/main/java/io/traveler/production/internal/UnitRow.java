package io.traveler.production.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A unit as stored, with its project's code, status and workflow version (read together, under the unit's lock). */
record UnitRow(
        UUID id,
        UUID projectId,
        String serial,
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
        long version,
        String projectCode,
        String projectStatus,
        UUID workflowId) {

    static final String COLUMNS = """
            u.id, u.project_id, u.serial, u.position, u.quantity, u.parent_unit_id, u.stage_instance_id,
            u.stage_position, u.station_id, u.stage_entry, u.status, u.held_from, u.location, u.assignee_id,
            u.priority, u.due_date, u.entered_stage_at, u.started_at, u.completed_at, u.event_seq, u.version,
            p.code as project_code, p.status as project_status, p.workflow_id""";

    static final String FROM = """
            production.units u join projects.projects p on p.org_id = u.org_id and p.id = u.project_id""";

    static UnitRow read(ResultSet rs, int row) throws SQLException {
        return new UnitRow(
                rs.getObject("id", UUID.class),
                rs.getObject("project_id", UUID.class),
                rs.getString("serial"),
                rs.getInt("position"),
                rs.getBigDecimal("quantity"),
                rs.getObject("parent_unit_id", UUID.class),
                rs.getObject("stage_instance_id", UUID.class),
                (Integer) rs.getObject("stage_position"),
                rs.getObject("station_id", UUID.class),
                rs.getInt("stage_entry"),
                rs.getString("status"),
                rs.getString("held_from"),
                rs.getString("location"),
                rs.getObject("assignee_id", UUID.class),
                rs.getInt("priority"),
                rs.getObject("due_date", LocalDate.class),
                instant(rs, "entered_stage_at"),
                instant(rs, "started_at"),
                instant(rs, "completed_at"),
                rs.getInt("event_seq"),
                rs.getLong("version"),
                rs.getString("project_code"),
                rs.getString("project_status"),
                rs.getObject("workflow_id", UUID.class));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    boolean finished() {
        return status.equals("COMPLETED") || status.equals("SCRAPPED");
    }
}
