package io.traveler.production.internal;

import io.traveler.production.internal.Line.StageRef;
import io.traveler.production.internal.LiveFeed.UnitChange;
import io.traveler.production.internal.ScanSessions.Session;
import io.traveler.production.internal.Views.StageView;
import io.traveler.production.internal.Views.UnitView;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The unit store and passport writer: locks a unit (by serial or id) with its project's state, and writes a
 * {@link UnitStep} as one UPDATE of the unit and one INSERT of its events, numbered on from the unit's
 * {@code event_seq} under its row lock (no gap, no twin), then announces the change once on the live feed.
 */
@Component
class UnitChanges {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final LiveFeed feed;
    private final ApplicationEventPublisher publisher;

    UnitChanges(JdbcClient jdbc, LiveFeed feed, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.feed = feed;
        this.publisher = publisher;
    }

    Optional<UnitRow> lockBySerial(String serial) {
        return jdbc.sql("select " + UnitRow.COLUMNS + " from " + UnitRow.FROM
                        + " where u.org_id = :org and u.serial = :serial for update of u")
                .param("org", TenantContext.requireOrgId())
                .param("serial", serial)
                .query(UnitRow::read)
                .optional();
    }

    UnitRow lock(UUID unitId) {
        return jdbc.sql("select " + UnitRow.COLUMNS + " from " + UnitRow.FROM
                        + " where u.org_id = :org and u.id = :id for update of u")
                .param("org", TenantContext.requireOrgId())
                .param("id", unitId)
                .query(UnitRow::read)
                .optional()
                .orElseThrow(() -> NotFoundException.of("Unit", unitId));
    }

    Optional<UnitRow> find(UUID unitId) {
        return jdbc.sql("select " + UnitRow.COLUMNS + " from " + UnitRow.FROM + " where u.org_id = :org and u.id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", unitId)
                .query(UnitRow::read)
                .optional();
    }

    /** How many times the unit has entered this stage so far (made there, moved there, sent back there). */
    int entries(UUID unitId, UUID stageInstanceId) {
        return jdbc.sql("""
                        select count(*) from production.unit_events
                         where org_id = :org and unit_id = :unit and stage_instance_id = :stage
                           and kind in ('CREATED', 'MOVED', 'REWORK')""")
                .param("org", TenantContext.requireOrgId())
                .param("unit", unitId)
                .param("stage", stageInstanceId)
                .query(Integer.class)
                .single();
    }

    /** Stores the step; answers the unit's new version. */
    long write(UnitStep step, Session session, String device, String stepId) {
        UUID org = TenantContext.requireOrgId();
        UnitRow unit = step.before;
        Timestamp now = Timestamp.from(now());
        int events = step.events.size();
        jdbc.sql("""
                        update production.units
                           set status = :status, held_from = :heldFrom, stage_instance_id = :stage,
                               stage_position = :position, station_id = :station, stage_entry = :entry,
                               entered_stage_at = :entered, started_at = :started, completed_at = :completed,
                               event_seq = event_seq + :events, version = version + 1, updated_at = :now
                         where org_id = :org and id = :id""")
                .param("status", step.status)
                .param("heldFrom", step.heldFrom)
                .param("stage", step.stage == null ? null : step.stage.id())
                .param("position", step.stage == null ? null : step.stage.position())
                .param("station", step.stage == null ? null : step.stage.stationId())
                .param("entry", step.stageEntry)
                .param("entered", timestamp(step.enteredStageAt))
                .param("started", timestamp(step.startedAt))
                .param("completed", timestamp(step.completedAt))
                .param("events", events)
                .param("now", now)
                .param("org", org)
                .param("id", unit.id())
                .update();
        UUID[] ids = new UUID[events];
        Integer[] seqs = new Integer[events];
        String[] kinds = new String[events];
        UUID[] stages = new UUID[events];
        UUID[] stations = new UUID[events];
        String[] details = new String[events];
        for (int i = 0; i < events; i++) {
            UnitStep.Event event = step.events.get(i);
            ids[i] = Ids.newId();
            seqs[i] = unit.eventSeq() + i + 1;
            kinds[i] = event.kind();
            stages[i] = event.stage() == null ? null : event.stage().id();
            stations[i] = event.stage() == null ? null : event.stage().stationId();
            details[i] = JSON.writeValueAsString(event.detail());
        }
        jdbc.sql("""
                        insert into production.unit_events (org_id, id, unit_id, seq, kind, stage_instance_id,
                                station_id, actor_id, employee_id, device_id, session_id, step_id, detail, at,
                                recorded_at)
                        select :org, e.id, :unit, e.seq, e.kind, e.stage, e.station, :actor, :employee, :device,
                               :session, :step, e.detail::jsonb, :at, :now
                          from unnest(:ids, :seqs, :kinds, :stages, :stations, :details)
                               as e(id, seq, kind, stage, station, detail)""")
                .param("org", org)
                .param("unit", unit.id())
                .param("actor", TenantContext.actorId().orElse(null))
                .param("employee", session == null ? null : session.employeeId())
                .param("device", device)
                .param("session", session == null ? null : session.id())
                .param("step", stepId)
                .param("at", Timestamp.from(step.at))
                .param("now", now)
                .param("ids", ids)
                .param("seqs", seqs)
                .param("kinds", kinds)
                .param("stages", stages)
                .param("stations", stations)
                .param("details", details)
                .update();
        feed.announce(new UnitChange(
                org,
                unit.id(),
                unit.serial(),
                unit.projectId(),
                step.stationNow(),
                step.moved ? unit.stationId() : null,
                step.status,
                step.stage == null ? null : step.stage.name(),
                step.lastKind(),
                step.at));
        if (step.moved) {
            publisher.publishEvent(new UnitsMoved(org, unit.projectId()));
        }
        return unit.version() + 1;
    }

    static UnitView view(UnitStep step, long version) {
        UnitRow u = step.before;
        return new UnitView(
                u.id(),
                u.serial(),
                u.projectId(),
                u.projectCode(),
                u.position(),
                u.quantity(),
                u.parentUnitId(),
                StageView.of(step.stage),
                step.stageEntry,
                step.status,
                step.heldFrom,
                u.location(),
                u.assigneeId(),
                u.priority(),
                u.dueDate(),
                step.enteredStageAt,
                step.startedAt,
                step.completedAt,
                version);
    }

    static UnitView view(UnitRow u, StageRef stage) {
        return view(new UnitStep(u, stage, Instant.now()), u.version());
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
