package io.traveler.equipment.internal;

import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What maintenance is due when: the due and overdue list and the calendar of a month. Retired equipment is due
 * nothing. A plan is due when its next due date has come or the equipment has run its next due hours, and overdue
 * when either has passed.
 */
@Component
public class MaintenanceSchedule {
    /** Look-ahead limits of the due list. */
    public static final int MAX_WITHIN_DAYS = 366;

    public static final int MAX_ROWS = 500;

    public enum State {
        OVERDUE,
        DUE,
        UPCOMING
    }

    /** A plan on the due list: what, of which equipment, when (date and/or hours) and how far off. */
    public record PlanDue(
            UUID planId,
            String planName,
            UUID equipmentId,
            String equipmentCode,
            String equipmentName,
            String equipmentStatus,
            Integer intervalDays,
            BigDecimal intervalHours,
            LocalDate lastDoneOn,
            LocalDate nextDueOn,
            BigDecimal nextDueHours,
            BigDecimal hoursUsed,
            Long daysLeft,
            BigDecimal hoursLeft,
            State state) {}

    /** One day of the month grid: plans falling due that day (by date) and maintenance done that day. */
    public record Day(LocalDate date, boolean inMonth, boolean today, List<PlanDue> due, List<Done> done) {}

    public record Done(UUID equipmentId, String equipmentCode, String planName) {}

    /** A month: its weeks (Monday first) and the plans counted by hours only, which no date can show. */
    public record Month(YearMonth month, List<List<Day>> weeks, List<PlanDue> byHoursOnly, List<PlanDue> overdue) {}

    private static final String PLANS = """
            select p.id, p.name, p.equipment_id, e.code, e.name as equipment_name, e.status, p.interval_days,
                   p.interval_hours, p.last_done_on, p.next_due_on, p.next_due_hours, e.hours_used
              from equipment.maintenance_plans p
              join equipment.equipment e on e.org_id = p.org_id and e.id = p.equipment_id
             where p.org_id = :org and e.status <> 'RETIRED'
            """;

    private final JdbcClient jdbc;
    private final EquipmentService equipment;

    MaintenanceSchedule(JdbcClient jdbc, EquipmentService equipment) {
        this.jdbc = jdbc;
        this.equipment = equipment;
    }

    /**
     * Plans due within {@code withinDays} days from today (and all overdue), or within {@code withinHours} hours of
     * use; {@code overdueOnly} keeps those past due. Overdue first, then by date.
     */
    @Transactional(readOnly = true)
    public List<PlanDue> due(int withinDays, BigDecimal withinHours, boolean overdueOnly) {
        if (withinDays < 0 || withinDays > MAX_WITHIN_DAYS) {
            throw new ValidationException("within_days", "must be between 0 and " + MAX_WITHIN_DAYS);
        }
        if (withinHours.signum() < 0 || withinHours.compareTo(new BigDecimal("1000000")) > 0) {
            throw new ValidationException("within_hours", "must be between 0 and 1000000");
        }
        LocalDate today = equipment.today();
        List<PlanDue> rows = jdbc.sql(PLANS + """
                           and (p.next_due_on <= :horizon or e.hours_used + :hours >= p.next_due_hours)
                         order by least(p.next_due_on, :today) nulls last, p.next_due_on nulls last, e.code, p.name
                         limit :max
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("horizon", today.plusDays(withinDays))
                .param("today", today)
                .param("hours", withinHours)
                .param("max", MAX_ROWS)
                .query((rs, n) -> item(rs, today))
                .list();
        List<PlanDue> answered = new ArrayList<>(rows);
        answered.sort((a, b) -> Integer.compare(a.state().ordinal(), b.state().ordinal()));
        return overdueOnly
                ? answered.stream().filter(i -> i.state() == State.OVERDUE).toList()
                : answered;
    }

    /** How many plans are due or overdue today (the home page's tile). */
    @Transactional(readOnly = true)
    public long dueNow() {
        return jdbc.sql("select count(*) from (" + PLANS + """
                           and (p.next_due_on <= :today or e.hours_used >= p.next_due_hours)) due
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("today", equipment.today())
                .query(Long.class)
                .single();
    }

    /**
     * The month's grid: each plan counted in days at its next due date and every interval after it within the month;
     * maintenance done on its day; plans counted in hours only beside the grid; overdue plans above it.
     */
    @Transactional(readOnly = true)
    public Month month(YearMonth month) {
        LocalDate today = equipment.today();
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        LocalDate gridStart = first.minusDays(first.getDayOfWeek().getValue() - 1L);
        LocalDate gridEnd = last.plusDays(7L - last.getDayOfWeek().getValue());
        List<PlanDue> plans = jdbc.sql(PLANS + " order by e.code, p.name limit :max")
                .param("org", TenantContext.requireOrgId())
                .param("max", MAX_ROWS)
                .query((rs, n) -> item(rs, today))
                .list();
        var dueOn = new java.util.HashMap<LocalDate, List<PlanDue>>();
        List<PlanDue> byHours = new ArrayList<>();
        List<PlanDue> overdue = new ArrayList<>();
        for (PlanDue plan : plans) {
            if (plan.state() == State.OVERDUE) {
                overdue.add(plan);
            }
            if (plan.nextDueOn() == null) {
                byHours.add(plan);
                continue;
            }
            LocalDate day = plan.nextDueOn();
            if (day.isBefore(gridStart)) {
                long behind = ChronoUnit.DAYS.between(day, gridStart);
                day = day.plusDays(((behind + plan.intervalDays() - 1) / plan.intervalDays()) * plan.intervalDays());
            }
            for (; !day.isAfter(gridEnd); day = day.plusDays(plan.intervalDays())) {
                dueOn.computeIfAbsent(day, d -> new ArrayList<>()).add(plan);
            }
        }
        var doneOn = new java.util.HashMap<LocalDate, List<Done>>();
        var zone = equipment.zone();
        jdbc.sql("""
                        select l.done_at, l.equipment_id, e.code, p.name
                          from equipment.maintenance_logs l
                          join equipment.equipment e on e.org_id = l.org_id and e.id = l.equipment_id
                          left join equipment.maintenance_plans p on p.org_id = l.org_id and p.id = l.plan_id
                         where l.org_id = :org and l.done_at >= :from and l.done_at < :to
                         order by l.done_at
                         limit :max
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("from", Timestamp.from(gridStart.atStartOfDay(zone).toInstant()))
                .param(
                        "to",
                        Timestamp.from(gridEnd.plusDays(1).atStartOfDay(zone).toInstant()))
                .param("max", MAX_ROWS)
                .query((rs, n) -> {
                    LocalDate day =
                            rs.getTimestamp("done_at").toInstant().atZone(zone).toLocalDate();
                    doneOn.computeIfAbsent(day, d -> new ArrayList<>())
                            .add(new Done(
                                    rs.getObject("equipment_id", UUID.class),
                                    rs.getString("code"),
                                    rs.getString("name")));
                    return day;
                })
                .list();
        List<List<Day>> weeks = new ArrayList<>();
        for (LocalDate monday = gridStart; !monday.isAfter(gridEnd); monday = monday.plusWeeks(1)) {
            List<Day> week = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                LocalDate day = monday.plusDays(i);
                week.add(new Day(
                        day,
                        YearMonth.from(day).equals(month),
                        day.equals(today),
                        dueOn.getOrDefault(day, List.of()),
                        doneOn.getOrDefault(day, List.of())));
            }
            weeks.add(week);
        }
        return new Month(month, weeks, byHours, overdue);
    }

    private static PlanDue item(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate nextOn = rs.getObject("next_due_on", LocalDate.class);
        BigDecimal nextHours = rs.getBigDecimal("next_due_hours");
        BigDecimal used = rs.getBigDecimal("hours_used");
        Long daysLeft = nextOn == null ? null : ChronoUnit.DAYS.between(today, nextOn);
        BigDecimal hoursLeft = nextHours == null ? null : nextHours.subtract(used);
        State state = (daysLeft != null && daysLeft < 0) || (hoursLeft != null && hoursLeft.signum() < 0)
                ? State.OVERDUE
                : (daysLeft != null && daysLeft == 0) || (hoursLeft != null && hoursLeft.signum() == 0)
                        ? State.DUE
                        : State.UPCOMING;
        Integer intervalDays = rs.getObject("interval_days", Integer.class);
        return new PlanDue(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getObject("equipment_id", UUID.class),
                rs.getString("code"),
                rs.getString("equipment_name"),
                rs.getString("status"),
                intervalDays,
                rs.getBigDecimal("interval_hours"),
                rs.getObject("last_done_on", LocalDate.class),
                nextOn,
                nextHours,
                used,
                daysLeft,
                hoursLeft,
                state);
    }
}
