package io.traveler.tasks.internal;

import io.traveler.accounts.Accounts;
import io.traveler.accounts.Accounts.EmployeeRef;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.TimeCursor;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.tasks.TaskContexts;
import io.traveler.tasks.Tasks.TimeTotals;
import io.traveler.tasks.TimeLogged;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Time: the one running timer of each employee, and the time logs, the canonical record of labour. A log keeps the
 * hourly rate in force when it was written (the employee's, else the organization's default, else zero), so its
 * labour cost, {@code minutes / 60 × rate} rounded to 4 decimals, never changes afterwards. Every total is summed
 * from the logs when asked; nothing is stored.
 */
@Service
public class TimeKeeping {
    /** The longest a single log may be: a month of minutes (the table's check). */
    static final BigDecimal MAX_MINUTES = BigDecimal.valueOf(1440L * 31);

    static final int MAX_GROUPS = 1000;

    public enum Grouping {
        STATION,
        EMPLOYEE,
        PROJECT,
        DAY,
        WEEK,
        MONTH
    }

    public record Timer(UUID employeeId, UUID taskId, UUID stationId, Instant startedAt, UUID startedBy) {}

    public record TimeLog(
            UUID id,
            UUID taskId,
            UUID projectId,
            UUID stageInstanceId,
            UUID employeeId,
            UUID stationId,
            Instant startedAt,
            Instant endedAt,
            BigDecimal minutes,
            BigDecimal hourlyRate,
            BigDecimal labourCost,
            String note,
            UUID loggedBy,
            Instant createdAt) {}

    /** Time to log: {@code minutes}, or {@code startedAt} and {@code endedAt}. */
    public record NewLog(UUID employeeId, BigDecimal minutes, Instant startedAt, Instant endedAt, String note) {}

    public record LogFilter(
            UUID projectId, UUID employeeId, UUID stationId, UUID taskId, LocalDate from, LocalDate to) {}

    public record Group(String key, String label, BigDecimal minutes, BigDecimal labourCost, long logs) {}

    /** {@code group_by} lowercase, as asked. */
    public record Totals(
            String groupBy,
            LocalDate from,
            LocalDate to,
            BigDecimal totalMinutes,
            BigDecimal labourCost,
            List<Group> groups) {}

    /** When a log's work happened: its start, or when it was written. */
    private static final String WORKED_AT = "coalesce(l.started_at, l.created_at)";

    private static final String COST = "round(l.minutes * l.hourly_rate / 60, 4)";

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final OrganizationSettings settings;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<TaskContexts> contexts;

    TimeKeeping(
            JdbcClient jdbc,
            Accounts accounts,
            OrganizationSettings settings,
            ApplicationEventPublisher events,
            ObjectProvider<TaskContexts> contexts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.settings = settings;
        this.events = events;
        this.contexts = contexts;
    }

    // --- timers --------------------------------------------------------------------------------------------------

    /** The employee named, or the caller's own employee record when none is named. */
    @Transactional(readOnly = true)
    public EmployeeRef employeeFor(UUID employeeId) {
        if (employeeId == null) {
            UUID actor =
                    TenantContext.actorId().orElseThrow(() -> new ValidationException("employee_id", "is required"));
            return accounts.employeeOfUser(actor)
                    .orElseThrow(() -> new ValidationException(
                            "employee_id", "is required: no employee record is linked to your user"));
        }
        EmployeeRef employee = accounts.employee(employeeId)
                .orElseThrow(() -> new ValidationException("employee_id", "is not an employee of this organization"));
        if (!employee.active()) {
            throw new ValidationException("employee_id", "is not an active employee");
        }
        return employee;
    }

    /**
     * Starts the employee's timer on a task. The timers table's primary key is the employee: of any number of
     * concurrent starts one inserts, the others find it there (409).
     */
    @Transactional
    public Timer start(UUID taskId, EmployeeRef employee) {
        TaskPlace task = place(taskId);
        Timer timer = new Timer(
                employee.id(),
                taskId,
                task.stationId(),
                Instant.now(),
                TenantContext.actorId().orElse(null));
        int inserted = jdbc.sql("""
                        insert into tasks.timers (org_id, employee_id, task_id, station_id, started_at, started_by)
                        values (:org, :employee, :task, :station, :at, :by)
                        on conflict (org_id, employee_id) do nothing
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("employee", employee.id())
                .param("task", taskId)
                .param("station", task.stationId())
                .param("at", Timestamp.from(timer.startedAt()))
                .param("by", timer.startedBy())
                .update();
        if (inserted == 0) {
            Optional<Timer> running = runningOf(employee.id());
            throw new ConflictException(employee.name() + " already runs a timer"
                    + running.map(t -> " on task " + t.taskId()).orElse("") + "; stop it first");
        }
        return timer;
    }

    /** Stops the employee's timer and writes its time log; of concurrent stops one writes it, the others get 404. */
    @Transactional
    public TimeLog stop(UUID employeeId) {
        Timer timer = jdbc.sql("""
                        delete from tasks.timers where org_id = :org and employee_id = :employee
                        returning employee_id, task_id, station_id, started_at, started_by
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("employee", employeeId)
                .query((rs, n) -> timer(rs))
                .optional()
                .orElseThrow(() -> new NotFoundException("Running timer of employee", employeeId));
        return write(timer);
    }

    /** Stops every timer running on the task (it was completed), each writing its log. */
    @Transactional
    public List<TimeLog> stopTimersOn(UUID taskId) {
        return jdbc
                .sql("""
                        delete from tasks.timers where org_id = :org and task_id = :task
                        returning employee_id, task_id, station_id, started_at, started_by
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("task", taskId)
                .query((rs, n) -> timer(rs))
                .list()
                .stream()
                .map(this::write)
                .toList();
    }

    @Transactional(readOnly = true)
    public List<Timer> running() {
        return jdbc.sql("""
                        select employee_id, task_id, station_id, started_at, started_by from tasks.timers
                         where org_id = :org order by started_at, employee_id limit 1000
                        """)
                .param("org", TenantContext.requireOrgId())
                .query((rs, n) -> timer(rs))
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<Timer> runningOf(UUID employeeId) {
        return jdbc.sql("""
                        select employee_id, task_id, station_id, started_at, started_by from tasks.timers
                         where org_id = :org and employee_id = :employee
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("employee", employeeId)
                .query((rs, n) -> timer(rs))
                .optional();
    }

    private TimeLog write(Timer timer) {
        Instant end = Instant.now();
        if (!end.isAfter(timer.startedAt())) {
            end = timer.startedAt().plusMillis(1);
        }
        BigDecimal minutes = BigDecimal.valueOf(
                        Duration.between(timer.startedAt(), end).toMillis())
                .divide(BigDecimal.valueOf(60_000), 2, RoundingMode.HALF_UP)
                .max(new BigDecimal("0.01"));
        if (minutes.compareTo(MAX_MINUTES) > 0) {
            minutes = MAX_MINUTES;
        }
        return insert(
                place(timer.taskId()),
                timer.employeeId(),
                rateOf(timer.employeeId()),
                minutes,
                timer.startedAt(),
                end,
                "Timer");
    }

    // --- logs ----------------------------------------------------------------------------------------------------

    /** Logs time on a task by hand: a number of minutes, or a start and an end. */
    @Transactional
    public TimeLog log(UUID taskId, NewLog log) {
        TaskPlace task = place(taskId);
        EmployeeRef employee = employeeFor(log.employeeId());
        BigDecimal minutes = log.minutes();
        if (log.startedAt() != null || log.endedAt() != null) {
            if (log.startedAt() == null) {
                throw new ValidationException("started_at", "goes with ended_at");
            }
            if (log.endedAt() == null) {
                throw new ValidationException("ended_at", "goes with started_at");
            }
            if (!log.endedAt().isAfter(log.startedAt())) {
                throw new ValidationException("ended_at", "must be after started_at");
            }
            BigDecimal span = BigDecimal.valueOf(
                            Duration.between(log.startedAt(), log.endedAt()).toMillis())
                    .divide(BigDecimal.valueOf(60_000), 2, RoundingMode.HALF_UP);
            if (minutes != null && minutes.compareTo(span) != 0) {
                throw new ValidationException("minutes", "differs from ended_at - started_at; send one or the other");
            }
            minutes = span;
        }
        if (minutes == null) {
            throw new ValidationException("minutes", "is required (or started_at and ended_at)");
        }
        if (minutes.signum() <= 0 || minutes.setScale(2, RoundingMode.HALF_UP).signum() <= 0) {
            throw new ValidationException("minutes", "must be more than 0");
        }
        if (minutes.compareTo(MAX_MINUTES) > 0) {
            throw new ValidationException("minutes", "must be at most " + MAX_MINUTES + " (31 days)");
        }
        if (minutes.scale() > 2) {
            minutes = minutes.setScale(2, RoundingMode.HALF_UP);
        }
        if (log.note() != null && log.note().length() > 2000) {
            throw new ValidationException("note", "is longer than 2000 characters");
        }
        String note =
                log.note() == null || log.note().isBlank() ? null : log.note().trim();
        return insert(task, employee.id(), rateOf(employee), minutes, log.startedAt(), log.endedAt(), note);
    }

    @Transactional(readOnly = true)
    public ItemList<TimeLog> logs(LogFilter filter, int limit, String cursor) {
        TimeCursor after = TimeCursor.parse(cursor);
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("l.org_id = :org");
        params.put("org", TenantContext.requireOrgId());
        if (filter.projectId() != null) {
            where.append(" and l.project_id = :project");
            params.put("project", filter.projectId());
        }
        if (filter.employeeId() != null) {
            where.append(" and l.employee_id = :employee");
            params.put("employee", filter.employeeId());
        }
        if (filter.stationId() != null) {
            where.append(" and l.station_id = :station");
            params.put("station", filter.stationId());
        }
        if (filter.taskId() != null) {
            where.append(" and l.task_id = :task");
            params.put("task", filter.taskId());
        }
        period(filter.from(), filter.to(), where, params);
        if (after != null) {
            where.append(" and (" + WORKED_AT + " < :at or (" + WORKED_AT + " = :at and l.id < :id))");
            params.put("at", TimeCursor.timeOf(after));
            params.put("id", after.id());
        }
        var statement = jdbc.sql("select " + LOG_COLUMNS + ", " + WORKED_AT + " from tasks.time_logs l where " + where
                + " order by " + WORKED_AT + " desc, l.id desc limit " + (limit + 1));
        for (var param : params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        List<Object[]> rows = statement
                .query((rs, n) -> new Object[] {log(rs), rs.getTimestamp(15).toInstant()})
                .list();
        return TimeCursor.page(rows, limit, row -> new TimeCursor((Instant) row[1], ((TimeLog) row[0]).id()))
                .map(row -> (TimeLog) row[0]);
    }

    /** Minutes and labour cost grouped by station, employee, project or period, summed from the logs now. */
    @Transactional(readOnly = true)
    public Totals totals(Grouping groupBy, LocalDate from, LocalDate to) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", TenantContext.requireOrgId());
        params.put("zone", zone().getId());
        StringBuilder where = new StringBuilder("l.org_id = :org");
        period(from, to, where, params);
        String local = "(" + WORKED_AT + " at time zone :zone)";
        // Grouped by the raw bucket (an id or a truncated timestamp), formatted once per group afterwards.
        String bucket =
                switch (groupBy) {
                    case STATION -> "l.station_id";
                    case EMPLOYEE -> "l.employee_id";
                    case PROJECT -> "l.project_id";
                    case DAY -> "date_trunc('day', " + local + ")";
                    case WEEK -> "date_trunc('week', " + local + ")";
                    case MONTH -> "date_trunc('month', " + local + ")";
                };
        String key =
                switch (groupBy) {
                    case STATION, EMPLOYEE, PROJECT -> "cast(b as text)";
                    case DAY, WEEK -> "to_char(b, 'YYYY-MM-DD')";
                    case MONTH -> "to_char(b, 'YYYY-MM')";
                };
        var statement = jdbc.sql("select " + key + ", m, c, n from (select " + bucket + " as b, sum(l.minutes) as m,"
                + " sum(" + COST + ") as c, count(*) as n from tasks.time_logs l where " + where + " group by b) g"
                + " order by b nulls last limit " + (MAX_GROUPS + 1));
        for (var param : params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        List<Group> groups = statement
                .query((rs, n) -> new Group(
                        rs.getString(1),
                        null,
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3).setScale(4),
                        rs.getLong(4)))
                .list();
        if (groups.size() > MAX_GROUPS) {
            throw new ValidationException(
                    "from", "the period has more than " + MAX_GROUPS + " groups; narrow it with from and to");
        }
        Map<String, String> labels = labels(groupBy, groups);
        List<Group> labelled = groups.stream()
                .map(g -> new Group(
                        g.key(), labels.getOrDefault(g.key(), g.key()), g.minutes(), g.labourCost(), g.logs()))
                .toList();
        return new Totals(
                groupBy.name().toLowerCase(Locale.ROOT),
                from,
                to,
                groups.stream().map(Group::minutes).reduce(BigDecimal.ZERO, BigDecimal::add),
                groups.stream().map(Group::labourCost).reduce(BigDecimal.ZERO.setScale(4), BigDecimal::add),
                labelled);
    }

    /** Every project named gets its totals, zero where no time is logged. */
    @Transactional(readOnly = true)
    public Map<UUID, TimeTotals> ofProjects(Collection<UUID> projectIds) {
        Map<UUID, BigDecimal> minutes = new HashMap<>();
        Map<UUID, BigDecimal> costs = new HashMap<>();
        Map<UUID, Map<UUID, BigDecimal>> stageMinutes = new HashMap<>();
        Map<UUID, Map<UUID, BigDecimal>> stageCosts = new HashMap<>();
        if (!projectIds.isEmpty()) {
            jdbc.sql("select l.project_id, l.stage_instance_id, sum(l.minutes), sum(" + COST + ")"
                            + " from tasks.time_logs l where l.org_id = :org and l.project_id in (:projects)"
                            + " group by l.project_id, l.stage_instance_id")
                    .param("org", TenantContext.requireOrgId())
                    .param("projects", List.copyOf(projectIds))
                    .query(rs -> {
                        UUID project = rs.getObject(1, UUID.class);
                        UUID stage = rs.getObject(2, UUID.class);
                        BigDecimal m = rs.getBigDecimal(3);
                        BigDecimal c = rs.getBigDecimal(4).setScale(4);
                        minutes.merge(project, m, BigDecimal::add);
                        costs.merge(project, c, BigDecimal::add);
                        stageMinutes
                                .computeIfAbsent(project, p -> new HashMap<>())
                                .put(stage, m);
                        stageCosts
                                .computeIfAbsent(project, p -> new HashMap<>())
                                .put(stage, c);
                    });
        }
        Map<UUID, TimeTotals> totals = new LinkedHashMap<>();
        for (UUID project : projectIds) {
            totals.put(
                    project,
                    new TimeTotals(
                            minutes.getOrDefault(project, BigDecimal.ZERO.setScale(2)),
                            costs.getOrDefault(project, BigDecimal.ZERO.setScale(4)),
                            java.util.Collections.unmodifiableMap(stageMinutes.getOrDefault(project, Map.of())),
                            java.util.Collections.unmodifiableMap(stageCosts.getOrDefault(project, Map.of()))));
        }
        return totals;
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** Where a task's time goes: its project, stage and station. */
    private record TaskPlace(UUID id, UUID projectId, UUID stageInstanceId, UUID stationId) {}

    private TaskPlace place(UUID taskId) {
        return jdbc.sql("""
                        select id, project_id, stage_instance_id, station_id from tasks.tasks
                         where org_id = :org and id = :id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", taskId)
                .query((rs, n) -> new TaskPlace(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class)))
                .optional()
                .orElseThrow(() -> new NotFoundException("Task", taskId));
    }

    private BigDecimal rateOf(UUID employeeId) {
        return accounts.employee(employeeId).map(this::rateOf).orElseGet(this::defaultRate);
    }

    /** The employee's own rate, else the organization's default, else zero. */
    private BigDecimal rateOf(EmployeeRef employee) {
        return employee.hourlyRate() != null ? employee.hourlyRate() : defaultRate();
    }

    private BigDecimal defaultRate() {
        BigDecimal rate = settings.current().defaultHourlyRate();
        return rate == null ? BigDecimal.ZERO : rate;
    }

    private TimeLog insert(
            TaskPlace task,
            UUID employeeId,
            BigDecimal rate,
            BigDecimal minutes,
            Instant startedAt,
            Instant endedAt,
            String note) {
        UUID org = TenantContext.requireOrgId();
        TimeLog log = jdbc.sql("""
                        insert into tasks.time_logs (org_id, id, task_id, project_id, stage_instance_id, employee_id,
                               station_id, started_at, ended_at, minutes, hourly_rate, note, logged_by, created_at)
                        values (:org, :id, :task, :project, :stage, :employee, :station, :started, :ended, :minutes,
                               :rate, :note, :by, now())
                        returning\s""" + LOG_COLUMNS.replace("l.", ""))
                .param("org", org)
                .param("id", Ids.newId())
                .param("task", task.id())
                .param("project", task.projectId())
                .param("stage", task.stageInstanceId())
                .param("employee", employeeId)
                .param("station", task.stationId())
                .param("started", startedAt == null ? null : Timestamp.from(startedAt))
                .param("ended", endedAt == null ? null : Timestamp.from(endedAt))
                .param("minutes", minutes)
                .param("rate", rate)
                .param("note", note)
                .param("by", TenantContext.actorId().orElse(null))
                .query((rs, n) -> log(rs))
                .single();
        events.publishEvent(new TimeLogged(
                org,
                log.id(),
                log.taskId(),
                log.projectId(),
                log.employeeId(),
                log.stationId(),
                log.minutes(),
                log.labourCost(),
                log.createdAt()));
        return log;
    }

    private static final String LOG_COLUMNS = "l.id, l.task_id, l.project_id, l.stage_instance_id, l.employee_id,"
            + " l.station_id, l.started_at, l.ended_at, l.minutes, l.hourly_rate, round(l.minutes * l.hourly_rate / 60,"
            + " 4), l.note, l.logged_by, l.created_at";

    private static TimeLog log(ResultSet rs) throws SQLException {
        return new TimeLog(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class),
                rs.getObject(5, UUID.class),
                rs.getObject(6, UUID.class),
                instant(rs.getTimestamp(7)),
                instant(rs.getTimestamp(8)),
                rs.getBigDecimal(9),
                rs.getBigDecimal(10),
                rs.getBigDecimal(11).setScale(4),
                rs.getString(12),
                rs.getObject(13, UUID.class),
                instant(rs.getTimestamp(14)));
    }

    private static Timer timer(ResultSet rs) throws SQLException {
        return new Timer(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getTimestamp(4).toInstant(),
                rs.getObject(5, UUID.class));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private void period(LocalDate from, LocalDate to, StringBuilder where, Map<String, Object> params) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new ValidationException("to", "is before from");
        }
        ZoneId zone = zone();
        if (from != null) {
            where.append(" and " + WORKED_AT + " >= :from");
            params.put("from", Timestamp.from(from.atStartOfDay(zone).toInstant()));
        }
        if (to != null) {
            where.append(" and " + WORKED_AT + " < :to");
            params.put("to", Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()));
        }
    }

    private Map<String, String> labels(Grouping groupBy, List<Group> groups) {
        List<UUID> ids = new ArrayList<>();
        for (Group g : groups) {
            if (g.key() != null && groupBy.ordinal() <= Grouping.PROJECT.ordinal()) {
                ids.add(UUID.fromString(g.key()));
            }
        }
        Map<String, String> labels = new HashMap<>();
        switch (groupBy) {
            case STATION -> accounts.stations(ids).forEach((id, s) -> labels.put(id.toString(), s.name()));
            case EMPLOYEE -> accounts.employees(ids).forEach((id, e) -> labels.put(id.toString(), e.name()));
            case PROJECT -> {
                TaskContexts names = contexts.getIfAvailable();
                if (names != null && !ids.isEmpty()) {
                    names.projects(ids)
                            .forEach((id, p) -> labels.put(
                                    id.toString(), p.code() == null ? p.name() : p.code() + " · " + p.name()));
                }
            }
            default -> {}
        }
        return labels;
    }

    public ZoneId zone() {
        try {
            return ZoneId.of(settings.current().timezone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    public static Grouping grouping(String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("group_by", "is required: station, employee, project, day, week or month");
        }
        try {
            return Grouping.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("group_by", "must be station, employee, project, day, week or month");
        }
    }
}
