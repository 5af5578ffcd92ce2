package io.traveler.production.internal;

import io.traveler.accounts.Accounts;
import io.traveler.projects.DemoProjectsLoaded;
import io.traveler.projects.ProjectStages;
import io.traveler.projects.ProjectStages.Job;
import io.traveler.projects.ProjectStages.Stage;
import io.traveler.shared.Ids;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo factory's units on the floor. Once the demo projects have been started and walked (their units were made
 * at the first stage), each project's units are walked to the project's current stage as the floor would have done
 * over the last days: started and completed at each stage before it by an employee of its station in a scan session
 * of a tablet, the first two started at the current stage, one reported defective there (an open defect to decide),
 * and one that had a defect at the first stage, used as is (so first-pass yield is below 100 %); the units of a
 * completed project completed. Written with set-based SQL (one statement per table per project, the passport's seq
 * gapless from the unit's {@code event_seq}) rather than through scans, so that the projects' own stages, walked by
 * the projects demo, are left where they are. A factory whose units have moved already is skipped.
 */
@Component
class DemoUnits {
    private static final Logger log = LoggerFactory.getLogger(DemoUnits.class);

    private static final Duration STAGE_SPAN = Duration.ofHours(8);
    private static final Duration BETWEEN_UNITS = Duration.ofMinutes(2);
    private static final Duration AT_THE_BENCH = Duration.ofMinutes(3);

    private final ProjectStages projects;
    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    DemoUnits(ProjectStages projects, Accounts accounts, JdbcClient jdbc, TransactionTemplate transactions) {
        this.projects = projects;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Async
    @TransactionalEventListener
    void load(DemoProjectsLoaded demo) {
        var factory = Tenant.user(demo.factoryOrgId(), demo.factoryAdminId());
        try {
            List<UUID> started = call(factory, this::projectsWithUnits);
            if (started.isEmpty() || call(factory, this::moved)) {
                return;
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            var floor = new Floor(demo.factoryOrgId(), demo.factoryAdminId(), now);
            boolean defectShown = false;
            for (UUID projectId : started) {
                boolean showDefect = !defectShown;
                defectShown |= call(factory, () -> walk(floor, projectId, showDefect));
            }
            call(factory, () -> {
                floor.writeSessions();
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Demo units stopped: {}", e.toString());
        }
    }

    private List<UUID> projectsWithUnits() {
        return jdbc.sql("""
                        select project_id from production.units where org_id = :org
                         group by project_id order by min(created_at), project_id
                        """)
                .param("org", TenantContext.requireOrgId())
                .query(UUID.class)
                .list();
    }

    private boolean moved() {
        return jdbc.sql("select exists (select 1 from production.units where org_id = :org and event_seq > 1)")
                .param("org", TenantContext.requireOrgId())
                .query(Boolean.class)
                .single();
    }

    /** Walks the project's units to where the project is; answers whether it reported the open defect. */
    private boolean walk(Floor floor, UUID projectId, boolean showDefect) {
        Optional<Job> found = projects.job(projectId);
        if (found.isEmpty() || found.get().stages().isEmpty()) {
            return false;
        }
        Job job = found.get();
        List<Stage> stages = job.stages();
        int current = currentPosition(job);
        List<Walked> units = jdbc.sql("""
                        select id, position, event_seq from production.units
                         where org_id = :org and project_id = :project order by position
                        """)
                .param("org", floor.orgId)
                .param("project", projectId)
                .query((rs, n) ->
                        new Walked(rs.getObject("id", UUID.class), rs.getInt("position"), rs.getInt("event_seq")))
                .list();
        Instant base = floor.now.minus(Duration.ofDays(3));
        boolean completed = current > stages.size();
        boolean reportedOpen = false;
        for (Walked unit : units) {
            Instant at = base.plus(BETWEEN_UNITS.multipliedBy(unit.position));
            for (Stage stage : stages.subList(0, Math.min(current, stages.size() + 1) - 1)) {
                Instant start = at.plus(STAGE_SPAN.multipliedBy(stage.position() - 1L));
                unit.event(floor, "STARTED", stage, start, "{}");
                if (unit.position == 5 && stage.position() == 1) {
                    unit.event(floor, "DEFECT_REPORTED", stage, start.plusSeconds(60), defectDetail("STITCH", "MINOR"));
                    unit.defect(
                            job,
                            stage,
                            "STITCH",
                            "MINOR",
                            "Uneven stitch on the strap",
                            start.plusSeconds(60),
                            start.plusSeconds(150));
                    unit.event(floor, "DISPOSED", stage, start.plusSeconds(150), "{\"disposition\": \"USE_AS_IS\"}");
                }
                unit.event(floor, "COMPLETED_STAGE", stage, start.plus(AT_THE_BENCH), "{}");
                unit.entered = start.plus(AT_THE_BENCH);
            }
            if (completed) {
                unit.event(floor, "COMPLETED", null, unit.entered, "{}");
                unit.status = "COMPLETED";
                unit.completedAt = unit.entered;
                continue;
            }
            Stage here = stages.get(current - 1);
            unit.stage = here;
            if (current == 1) {
                unit.entered = null; // still where it was made
            }
            if (!"ACTIVE".equals(job.status())) {
                continue;
            }
            if (unit.position <= 2) {
                unit.event(floor, "STARTED", here, floor.now.minus(Duration.ofMinutes(50 - 20L * unit.position)), "{}");
                unit.status = "IN_PROGRESS";
            } else if (unit.position == 3 && showDefect) {
                Instant reported = floor.now.minus(Duration.ofMinutes(15));
                unit.event(floor, "STARTED", here, reported.minus(Duration.ofMinutes(20)), "{}");
                unit.event(floor, "DEFECT_REPORTED", here, reported, defectDetail("SEAM", "MAJOR"));
                unit.defect(job, here, "SEAM", "MAJOR", "Seam open along the zip, about 3 cm", reported, null);
                unit.status = "DEFECTIVE";
                reportedOpen = true;
            }
        }
        write(floor, units);
        return reportedOpen;
    }

    private static String defectDetail(String code, String severity) {
        return "{\"code\": \"" + code + "\", \"severity\": \"" + severity + "\"}";
    }

    /** The first stage not done yet; one past the last when every stage is done. */
    private static int currentPosition(Job job) {
        return job.stages().stream()
                .filter(s -> !s.status().equals("DONE") && !s.status().equals("SKIPPED"))
                .mapToInt(Stage::position)
                .min()
                .orElse(job.stages().size() + 1);
    }

    /** The units' passports, defects and where they are now: three statements. */
    private void write(Floor floor, List<Walked> units) {
        List<Event> events = units.stream().flatMap(u -> u.events.stream()).toList();
        if (events.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into production.unit_events (org_id, id, unit_id, seq, kind, stage_instance_id,
                                station_id, actor_id, employee_id, device_id, session_id, detail, at, recorded_at)
                        select :org, e.id, e.unit_id, e.seq, e.kind, e.stage, e.station, :actor, e.employee,
                               e.device, e.session, e.detail::jsonb, e.at::timestamptz, e.at::timestamptz
                          from unnest(:ids, :units, :seqs, :kinds, :stages, :stations, :employees, :devices,
                                      :sessions, :details, :ats)
                               as e(id, unit_id, seq, kind, stage, station, employee, device, session, detail, at)
                        """)
                .param("org", floor.orgId)
                .param("actor", floor.actorId)
                .param("ids", events.stream().map(Event::id).toArray(UUID[]::new))
                .param("units", events.stream().map(Event::unitId).toArray(UUID[]::new))
                .param("seqs", events.stream().map(Event::seq).toArray(Integer[]::new))
                .param("kinds", events.stream().map(Event::kind).toArray(String[]::new))
                .param("stages", events.stream().map(Event::stageInstanceId).toArray(UUID[]::new))
                .param("stations", events.stream().map(Event::stationId).toArray(UUID[]::new))
                .param("employees", events.stream().map(Event::employeeId).toArray(UUID[]::new))
                .param("devices", events.stream().map(Event::deviceId).toArray(String[]::new))
                .param("sessions", events.stream().map(Event::sessionId).toArray(UUID[]::new))
                .param("details", events.stream().map(Event::detail).toArray(String[]::new))
                .param("ats", events.stream().map(e -> e.at().toString()).toArray(String[]::new))
                .update();
        for (Walked unit : units) {
            for (Defect d : unit.defects) {
                jdbc.sql("""
                                insert into production.defects (org_id, id, unit_id, project_id, stage_instance_id,
                                        station_id, code, severity, description, disposition, disposition_note,
                                        reported_by, reported_at, disposed_by, disposed_at)
                                values (:org, :id, :unit, :project, :stage, :station, :code, :severity, :description,
                                        :disposition, :note, :actor, :reported, :disposedBy, :disposed)
                                """)
                        .param("org", floor.orgId)
                        .param("id", Ids.newId())
                        .param("unit", unit.id)
                        .param("project", d.projectId())
                        .param("stage", d.stage().stageInstanceId())
                        .param("station", d.stage().stationId())
                        .param("code", d.code())
                        .param("severity", d.severity())
                        .param("description", d.description())
                        .param("disposition", d.disposedAt() == null ? null : "USE_AS_IS")
                        .param("note", d.disposedAt() == null ? null : "Within the cosmetic limit")
                        .param("actor", floor.actorId)
                        .param("reported", Timestamp.from(d.reportedAt()))
                        .param("disposedBy", d.disposedAt() == null ? null : floor.actorId)
                        .param("disposed", d.disposedAt() == null ? null : Timestamp.from(d.disposedAt()))
                        .update();
            }
        }
        List<Walked> moved = units.stream().filter(u -> !u.events.isEmpty()).toList();
        jdbc.sql("""
                        update production.units u
                           set stage_instance_id = m.stage, stage_position = m.position, station_id = m.station,
                               status = m.status, event_seq = m.seq,
                               entered_stage_at = coalesce(m.entered::timestamptz, u.entered_stage_at),
                               started_at = m.started::timestamptz, completed_at = m.completed::timestamptz,
                               updated_at = now(),
                               version = u.version + 1
                          from unnest(:ids, :stages, :positions, :stations, :statuses, :seqs, :entered, :started,
                                      :completed)
                               as m(id, stage, position, station, status, seq, entered, started, completed)
                         where u.org_id = :org and u.id = m.id
                        """)
                .param("org", floor.orgId)
                .param("ids", moved.stream().map(u -> u.id).toArray(UUID[]::new))
                .param(
                        "stages",
                        moved.stream()
                                .map(u -> u.stage == null ? null : u.stage.stageInstanceId())
                                .toArray(UUID[]::new))
                .param(
                        "positions",
                        moved.stream()
                                .map(u -> u.stage == null ? null : u.stage.position())
                                .toArray(Integer[]::new))
                .param(
                        "stations",
                        moved.stream()
                                .map(u -> u.stage == null ? null : u.stage.stationId())
                                .toArray(UUID[]::new))
                .param("statuses", moved.stream().map(u -> u.status).toArray(String[]::new))
                .param("seqs", moved.stream().map(u -> u.seq).toArray(Integer[]::new))
                .param("entered", moved.stream().map(u -> text(u.entered)).toArray(String[]::new))
                .param("started", moved.stream().map(u -> text(u.startedAt)).toArray(String[]::new))
                .param("completed", moved.stream().map(u -> text(u.completedAt)).toArray(String[]::new))
                .update();
    }

    /** Times travel as ISO text and are cast in SQL: no time zone of the JVM or the session in between. */
    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private record Event(
            UUID id,
            UUID unitId,
            int seq,
            String kind,
            UUID stageInstanceId,
            UUID stationId,
            UUID employeeId,
            String deviceId,
            UUID sessionId,
            String detail,
            Instant at) {}

    private record Defect(
            UUID projectId,
            Stage stage,
            String code,
            String severity,
            String description,
            Instant reportedAt,
            Instant disposedAt) {}

    /** A unit as the walk leaves it: its new passport events and where and how it stands. */
    private static final class Walked {
        final UUID id;
        final int position;
        int seq;
        Stage stage;
        String status = "QUEUED";
        Instant entered;
        Instant startedAt;
        Instant completedAt;
        final List<Event> events = new ArrayList<>();
        final List<Defect> defects = new ArrayList<>();

        Walked(UUID id, int position, int seq) {
            this.id = id;
            this.position = position;
            this.seq = seq;
        }

        void event(Floor floor, String kind, Stage at, Instant when, String detail) {
            seq++;
            Floor.Shift shift = at == null ? null : floor.shift(at.stationId(), when);
            events.add(new Event(
                    Ids.newId(),
                    id,
                    seq,
                    kind,
                    at == null ? null : at.stageInstanceId(),
                    at == null ? null : at.stationId(),
                    shift == null ? null : shift.employeeId,
                    shift == null ? null : shift.device,
                    shift == null ? null : shift.sessionId,
                    detail,
                    when));
            if (startedAt == null && kind.equals("STARTED")) {
                startedAt = when;
            }
        }

        void defect(
                Job job,
                Stage at,
                String code,
                String severity,
                String description,
                Instant reported,
                Instant disposed) {
            defects.add(new Defect(job.projectId(), at, code, severity, description, reported, disposed));
        }
    }

    /**
     * The demo's operators: one scan session per station and day, on that station's tablet, by an employee of the
     * station, spanning the events scanned there (still open when its last scan was in the last hour).
     */
    private final class Floor {
        final UUID orgId;
        final UUID actorId;
        final Instant now;
        final Map<String, Shift> shifts = new HashMap<>();
        final Map<UUID, String> tablets = new HashMap<>();
        final List<Accounts.EmployeeRef> staff;

        Floor(UUID orgId, UUID actorId, Instant now) {
            this.orgId = orgId;
            this.actorId = actorId;
            this.now = now;
            this.staff = call(Tenant.user(orgId, actorId), accounts::allEmployees);
        }

        final class Shift {
            final UUID sessionId = Ids.newId();
            final UUID stationId;
            final UUID employeeId;
            final String device;
            Instant first;
            Instant last;

            Shift(UUID stationId, UUID employeeId, String device) {
                this.stationId = stationId;
                this.employeeId = employeeId;
                this.device = device;
            }
        }

        Shift shift(UUID stationId, Instant at) {
            String tablet = tablets.computeIfAbsent(stationId, id -> "demo-tablet-" + (tablets.size() + 1));
            Shift shift = shifts.computeIfAbsent(
                    stationId + "/" + at.atZone(ZoneOffset.UTC).toLocalDate(),
                    key -> new Shift(
                            stationId,
                            staff.stream()
                                    .filter(e -> e.active() && e.stationIds().contains(stationId))
                                    .map(Accounts.EmployeeRef::id)
                                    .findFirst()
                                    .orElse(null),
                            tablet));
            shift.first = shift.first == null || at.isBefore(shift.first) ? at : shift.first;
            shift.last = shift.last == null || at.isAfter(shift.last) ? at : shift.last;
            return shift;
        }

        /** The sessions the events name (written after the events; nothing references a session by key). */
        void writeSessions() {
            // One session per (user, station, device) may be open: only a station's latest shift, and only if it
            // saw a scan within the hour (around midnight UTC two days' shifts would otherwise both be open).
            Map<UUID, Instant> latest = new HashMap<>();
            shifts.values().forEach(s -> latest.merge(s.stationId, s.last, (a, b) -> a.isAfter(b) ? a : b));
            for (Shift shift : shifts.values()) {
                boolean open = shift.last.equals(latest.get(shift.stationId))
                        && Duration.between(shift.last, now).compareTo(Duration.ofHours(1)) < 0;
                jdbc.sql("""
                                insert into production.scan_sessions (org_id, id, user_id, employee_id, station_id,
                                        device_id, started_at, last_at, ended_at)
                                values (:org, :id, :user, :employee, :station, :device, :started, :last, :ended)
                                """)
                        .param("org", orgId)
                        .param("id", shift.sessionId)
                        .param("user", actorId)
                        .param("employee", shift.employeeId)
                        .param("station", shift.stationId)
                        .param("device", shift.device)
                        .param("started", Timestamp.from(shift.first))
                        .param("last", Timestamp.from(shift.last))
                        .param("ended", open ? null : Timestamp.from(shift.last))
                        .update();
            }
        }
    }

    private <T> T call(Tenant tenant, Supplier<T> work) {
        return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
    }
}
