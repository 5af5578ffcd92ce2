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
import java.util.ArrayList;
import java.util.List;
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
        // One round trip: the unit's row and its new passport events (numbered on from the event_seq read under
        // the row lock this transaction holds).
        jdbc.sql("""
                        with changed as (
                            update production.units
                               set status = :status, held_from = :heldFrom, stage_instance_id = :stage,
                                   stage_position = :position, station_id = :station, stage_entry = :entry,
                                   entered_stage_at = :entered, started_at = :started, completed_at = :completed,
                                   event_seq = event_seq + :events, version = version + 1, updated_at = :now
                             where org_id = :org and id = :unit
                            returning id)
                        insert into production.unit_events (org_id, id, unit_id, seq, kind, stage_instance_id,
                                station_id, actor_id, employee_id, device_id, session_id, step_id, detail, at,
                                recorded_at)
                        select :org, e.id, changed.id, e.seq, e.kind, e.stage, e.station, :actor, :employee, :device,
                               :session, :step, e.detail::jsonb, :at, :now
                          from changed, unnest(:ids, :seqs, :kinds, :stages, :stations, :details)
                               as e(id, seq, kind, stage, station, detail)""")
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
        feed.announce(change(step));
        if (step.moved) {
            publisher.publishEvent(new UnitsMoved(org, unit.projectId()));
        }
        return unit.version() + 1;
    }

    static UnitChange change(UnitStep step) {
        UnitRow unit = step.before;
        return new UnitChange(
                TenantContext.requireOrgId(),
                unit.id(),
                unit.serial(),
                unit.projectId(),
                step.stationNow(),
                step.moved ? unit.stationId() : null,
                step.status,
                step.stage == null ? null : step.stage.name(),
                step.lastKind(),
                step.at);
    }

    /** One step of a batch, decided and waiting to be written with the others. */
    record Pending(UnitStep step, UUID sessionId, UUID employeeId, String stepId) {}

    /**
     * Writes a batch's steps at once: the final row of every unit they changed (one UPDATE), all their passport
     * events in order (one INSERT), one announcement per step (one statement). The steps were decided in order on
     * rows locked for the whole batch, so each step's events number on from the step before.
     */
    void writeAll(List<Pending> pending, String device) {
        if (pending.isEmpty()) {
            return;
        }
        UUID org = TenantContext.requireOrgId();
        Timestamp now = Timestamp.from(now());
        java.util.Map<UUID, UnitRow> last = new java.util.LinkedHashMap<>();
        List<UUID> ids = new ArrayList<>();
        List<UUID> unitIds = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<UUID> stages = new ArrayList<>();
        List<UUID> stations = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<Timestamp> ats = new ArrayList<>();
        List<UUID> sessions = new ArrayList<>();
        List<UUID> employees = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        List<UnitChange> changes = new ArrayList<>();
        for (Pending p : pending) {
            UnitStep step = p.step();
            UnitRow after = step.after();
            last.put(after.id(), after);
            for (int i = 0; i < step.events.size(); i++) {
                UnitStep.Event event = step.events.get(i);
                ids.add(Ids.newId());
                unitIds.add(after.id());
                seqs.add(step.before.eventSeq() + i + 1);
                kinds.add(event.kind());
                stages.add(event.stage() == null ? null : event.stage().id());
                stations.add(event.stage() == null ? null : event.stage().stationId());
                details.add(JSON.writeValueAsString(event.detail()));
                ats.add(Timestamp.from(step.at));
                sessions.add(p.sessionId());
                employees.add(p.employeeId());
                steps.add(p.stepId());
            }
            changes.add(change(step));
            if (step.moved) {
                publisher.publishEvent(new UnitsMoved(org, after.projectId()));
            }
        }
        List<UnitRow> rows = List.copyOf(last.values());
        jdbc.sql("""
                        update production.units u
                           set status = v.status, held_from = v.held_from, stage_instance_id = v.stage,
                               stage_position = v.position, station_id = v.station, stage_entry = v.entry,
                               entered_stage_at = v.entered, started_at = v.started, completed_at = v.completed,
                               event_seq = v.seq, version = v.version, updated_at = :now
                          from unnest(:ids, :statuses, :held, :stages, :positions, :stations, :entries, :entered,
                                      :started, :completed, :seqs, :versions)
                               as v(id, status, held_from, stage, position, station, entry, entered, started,
                                    completed, seq, version)
                         where u.org_id = :org and u.id = v.id""")
                .param("now", now)
                .param("org", org)
                .param("ids", rows.stream().map(UnitRow::id).toArray(UUID[]::new))
                .param("statuses", rows.stream().map(UnitRow::status).toArray(String[]::new))
                .param("held", rows.stream().map(UnitRow::heldFrom).toArray(String[]::new))
                .param("stages", rows.stream().map(UnitRow::stageInstanceId).toArray(UUID[]::new))
                .param("positions", rows.stream().map(UnitRow::stagePosition).toArray(Integer[]::new))
                .param("stations", rows.stream().map(UnitRow::stationId).toArray(UUID[]::new))
                .param("entries", rows.stream().map(UnitRow::stageEntry).toArray(Integer[]::new))
                .param(
                        "entered",
                        rows.stream().map(r -> timestamp(r.enteredStageAt())).toArray(Timestamp[]::new))
                .param(
                        "started",
                        rows.stream().map(r -> timestamp(r.startedAt())).toArray(Timestamp[]::new))
                .param(
                        "completed",
                        rows.stream().map(r -> timestamp(r.completedAt())).toArray(Timestamp[]::new))
                .param("seqs", rows.stream().map(UnitRow::eventSeq).toArray(Integer[]::new))
                .param("versions", rows.stream().map(UnitRow::version).toArray(Long[]::new))
                .update();
        jdbc.sql("""
                        insert into production.unit_events (org_id, id, unit_id, seq, kind, stage_instance_id,
                                station_id, actor_id, employee_id, device_id, session_id, step_id, detail, at,
                                recorded_at)
                        select :org, e.id, e.unit, e.seq, e.kind, e.stage, e.station, :actor, e.employee, :device,
                               e.session, e.step, e.detail::jsonb, e.at, :now
                          from unnest(:ids, :units, :seqs, :kinds, :stages, :stations, :details, :ats, :sessions,
                                      :employees, :steps)
                               as e(id, unit, seq, kind, stage, station, detail, at, session, employee, step)""")
                .param("org", org)
                .param("actor", TenantContext.actorId().orElse(null))
                .param("device", device)
                .param("now", now)
                .param("ids", ids.toArray(UUID[]::new))
                .param("units", unitIds.toArray(UUID[]::new))
                .param("seqs", seqs.toArray(Integer[]::new))
                .param("kinds", kinds.toArray(String[]::new))
                .param("stages", stages.toArray(UUID[]::new))
                .param("stations", stations.toArray(UUID[]::new))
                .param("details", details.toArray(String[]::new))
                .param("ats", ats.toArray(Timestamp[]::new))
                .param("sessions", sessions.toArray(UUID[]::new))
                .param("employees", employees.toArray(UUID[]::new))
                .param("steps", steps.toArray(String[]::new))
                .update();
        feed.announceAll(changes);
    }

    /** Locks the units of these serials, in id order (as every batch takes them: no two wait on each other). */
    java.util.Map<String, UnitRow> lockBySerials(java.util.Collection<String> serials) {
        java.util.Map<String, UnitRow> locked = new java.util.HashMap<>();
        jdbc.sql("select " + UnitRow.COLUMNS + " from " + UnitRow.FROM
                        + " where u.org_id = :org and u.serial = any(:serials) order by u.id for update of u")
                .param("org", TenantContext.requireOrgId())
                .param("serials", serials.toArray(String[]::new))
                .query(UnitRow::read)
                .list()
                .forEach(row -> locked.put(row.serial(), row));
        return locked;
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
