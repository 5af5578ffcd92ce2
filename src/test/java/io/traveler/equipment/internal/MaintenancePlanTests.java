package io.traveler.equipment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.equipment.MaintenanceDue;
import io.traveler.equipment.internal.EquipmentService.EquipmentData;
import io.traveler.equipment.internal.EquipmentService.LogData;
import io.traveler.equipment.internal.EquipmentService.PlanData;
import io.traveler.equipment.internal.MaintenanceSchedule.PlanDue;
import io.traveler.equipment.internal.MaintenanceSchedule.State;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Maintenance plans counted in days and in hours of use, what is due and overdue, and the daily check that announces
 * each due plan once, called as the recurring task calls it. Direct service calls in an organization of their own.
 */
@ApplicationTest
@RecordApplicationEvents
class MaintenancePlanTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    EquipmentService equipment;

    @Autowired
    MaintenanceSchedule schedule;

    @Autowired
    MaintenanceCheck check;

    @Autowired
    ApplicationEvents events;

    Tenants.Member admin;

    @BeforeEach
    void organization() {
        admin = Tenants.in(context).organization("FACTORY");
    }

    private UUID machine(String code) {
        return admin.call(() -> equipment
                .create(new EquipmentData(
                        code, "Machine " + code, Equipment.Kind.MACHINE, null, null, null, null, null, Set.of()))
                .id());
    }

    private UUID plan(UUID machine, String name, Integer days, String hours, LocalDate since) {
        return admin.call(() -> equipment
                .addPlan(
                        machine,
                        new PlanData(
                                name, null, days, hours == null ? null : new BigDecimal(hours), since, null, Set.of()))
                .id());
    }

    private List<PlanDue> due(int withinDays, String withinHours) {
        return admin.call(() -> schedule.due(withinDays, new BigDecimal(withinHours), false));
    }

    private PlanDue dueOf(UUID plan, int withinDays, String withinHours) {
        return due(withinDays, withinHours).stream()
                .filter(i -> i.planId().equals(plan))
                .findFirst()
                .orElse(null);
    }

    private LocalDate today() {
        return admin.call(equipment::today);
    }

    @Test
    void aPlanByDaysFallsDueOnItsDateIsOverdueAfterItAndLoggingItCountsAgainFromThen() {
        UUID machine = machine("M-1");
        LocalDate today = today();
        UUID dueToday = plan(machine, "Blade", 30, null, today.minusDays(30));
        UUID overdue = plan(machine, "Oil", 7, null, today.minusDays(9));
        UUID later = plan(machine, "Service", 90, null, today.minusDays(60));

        assertThat(dueOf(dueToday, 0, "0").state()).isEqualTo(State.DUE);
        assertThat(dueOf(dueToday, 0, "0").nextDueOn()).isEqualTo(today);
        assertThat(dueOf(overdue, 0, "0").state()).isEqualTo(State.OVERDUE);
        assertThat(dueOf(overdue, 0, "0").daysLeft()).isEqualTo(-2);
        assertThat(dueOf(later, 0, "0")).as("due in 30 days").isNull();
        assertThat(dueOf(later, 30, "0").state()).isEqualTo(State.UPCOMING);
        assertThat(due(0, "0").getFirst().planId()).as("overdue first").isEqualTo(overdue);
        assertThat(admin.call(() -> schedule.due(30, BigDecimal.ZERO, true)))
                .extracting(PlanDue::planId)
                .containsExactly(overdue);

        admin.run(() -> equipment.logMaintenance(
                machine, new LogData(overdue, Instant.now(), null, "Oiled", new BigDecimal("12.50"))));

        assertThat(dueOf(overdue, 6, "0")).isNull();
        assertThat(admin.call(() -> equipment.plan(machine, overdue).nextDueOn()))
                .isEqualTo(today.plusDays(7));
        assertThat(admin.call(() -> equipment.logsOf(machine, 10, null).items()))
                .singleElement()
                .satisfies(log -> {
                    assertThat(log.planName()).isEqualTo("Oil");
                    assertThat(log.cost()).isEqualByComparingTo("12.50");
                    assertThat(log.doneBy()).isEqualTo(admin.userId());
                });
    }

    @Test
    void aPlanByHoursFallsDueWhenTheMachineHasRunItsHoursAndAnOlderLogDoesNotMoveItBack() {
        UUID machine = machine("M-2");
        UUID service = plan(machine, "Service", null, "100", today().minusDays(400));
        admin.run(() -> equipment.recordUsage(machine, ExpectedVersion.none(), new BigDecimal("90"), null));

        assertThat(dueOf(service, 366, "0")).as("no date, 10 hours to go").isNull();
        PlanDue soon = dueOf(service, 0, "10");
        assertThat(soon.state()).isEqualTo(State.UPCOMING);
        assertThat(soon.hoursLeft()).isEqualByComparingTo("10");

        admin.run(() -> equipment.recordUsage(machine, ExpectedVersion.none(), null, new BigDecimal("105")));
        assertThat(dueOf(service, 0, "0").state()).isEqualTo(State.OVERDUE);
        assertThatThrownBy(() ->
                        admin.run(() -> equipment.recordUsage(machine, ExpectedVersion.none(), null, BigDecimal.ONE)))
                .as("the meter only goes forward")
                .isInstanceOf(ConflictException.class);

        admin.run(() -> equipment.logMaintenance(machine, new LogData(service, null, null, null, null)));
        assertThat(admin.call(() -> equipment.plan(machine, service).nextDueHours()))
                .isEqualByComparingTo("205");
        admin.run(() -> equipment.logMaintenance(
                machine,
                new LogData(service, Instant.now().minus(Duration.ofDays(30)), new BigDecimal("50"), null, null)));
        assertThat(admin.call(() -> equipment.plan(machine, service).nextDueHours()))
                .as("a late record of older maintenance")
                .isEqualByComparingTo("205");
        assertThat(dueOf(service, 0, "0")).isNull();
    }

    @Test
    void aPlanByDaysAndHoursIsDueByWhicheverComesFirstAndRetiredEquipmentIsDueNothing() {
        UUID machine = machine("M-3");
        UUID both = plan(machine, "Both", 365, "50", today().minusDays(10));
        admin.run(() -> equipment.recordUsage(machine, ExpectedVersion.none(), new BigDecimal("50"), null));
        assertThat(dueOf(both, 0, "0").state()).isEqualTo(State.DUE);

        admin.run(() -> {
            var current = equipment.equipment(machine);
            equipment.change(
                    machine,
                    ExpectedVersion.of(current.version()),
                    new EquipmentData(null, null, null, Equipment.Status.RETIRED, null, null, null, null, Set.of()));
        });
        assertThat(dueOf(both, 366, "1000")).isNull();
    }

    @Test
    void maintenanceDoneLongAgoIsRefusedNamingTheDateNotAStorageError() {
        UUID machine = machine("M-7");
        UUID oil = plan(machine, "Oil", 7, null, null);
        for (Instant ancient : new Instant[] {
            Instant.parse("-300000000-01-01T00:00:00Z"),
            Instant.parse("-5000-01-01T00:00:00Z"),
            Instant.parse("1969-12-31T00:00:00Z")
        }) {
            assertThatThrownBy(() -> admin.run(
                            () -> equipment.logMaintenance(machine, new LogData(oil, ancient, null, null, null))))
                    .as(ancient.toString())
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("done_at");
        }
        assertThatThrownBy(() -> plan(machine, "Belt", 7, null, java.time.LocalDate.of(-5000, 1, 1)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("last_done_on");
    }

    @Test
    void aPlanNeedsAnIntervalAndAUniqueNameAndMaintenanceUnderAnotherEquipmentsPlanIsRefused() {
        UUID machine = machine("M-4");
        UUID other = machine("M-5");
        assertThatThrownBy(() -> plan(machine, "Nothing", null, null, null)).isInstanceOf(ValidationException.class);
        UUID oil = plan(machine, "Oil", 7, null, null);
        assertThatThrownBy(() -> plan(machine, "Oil", 14, null, null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() ->
                        admin.run(() -> equipment.logMaintenance(other, new LogData(oil, null, null, null, null))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("plan_id");
        assertThatThrownBy(() -> admin.run(() -> equipment.logMaintenance(
                        machine, new LogData(oil, Instant.now().plus(Duration.ofDays(1)), null, null, null))))
                .hasMessageContaining("done_at");
        admin.run(() -> equipment.logMaintenance(machine, new LogData(null, null, null, "Repair", null)));
        assertThatThrownBy(() -> admin.run(() -> equipment.delete(machine, ExpectedVersion.any())))
                .as("maintenance on record")
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void theDailyCheckAnnouncesEachDuePlanOnceAndAgainOnlyAfterItWasDoneAndFellDueAgain() {
        UUID machine = machine("M-6");
        LocalDate today = today();
        UUID overdue = plan(machine, "Blade", 14, null, today.minusDays(17));
        UUID byHours = plan(machine, "Service", null, "10", today);
        plan(machine, "Later", 30, null, today);
        admin.run(() -> equipment.recordUsage(machine, ExpectedVersion.none(), new BigDecimal("12"), null));

        check.announceAt(Instant.now());

        List<MaintenanceDue> first = announcedInMyOrganization();
        assertThat(first).extracting(MaintenanceDue::planId).containsExactlyInAnyOrder(overdue, byHours);
        assertThat(first)
                .filteredOn(e -> e.planId().equals(overdue))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.dueOn()).isEqualTo(today.minusDays(3));
                    assertThat(e.equipmentCode()).isEqualTo("M-6");
                    assertThat(e.planName()).isEqualTo("Blade");
                });
        assertThat(first)
                .filteredOn(e -> e.planId().equals(byHours))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.dueOn()).as("the day it was found due").isEqualTo(today));

        events.clear();
        check.announceAt(Instant.now());
        check.announceAt(Instant.now().plus(Duration.ofHours(1)));
        assertThat(announcedInMyOrganization()).as("announced once").isEmpty();

        admin.run(() -> equipment.logMaintenance(
                machine, new LogData(overdue, Instant.now().minus(Duration.ofDays(15)), null, null, null)));
        check.announceAt(Instant.now());
        assertThat(announcedInMyOrganization())
                .as("done 15 days ago, due again yesterday")
                .extracting(MaintenanceDue::planId, MaintenanceDue::dueOn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(overdue, today.minusDays(1)));
    }

    @Test
    void theCalendarShowsEachOccurrenceOfAPlanInTheMonthAndTheMaintenanceDone() {
        UUID machine = machine("M-7");
        LocalDate today = today();
        UUID weekly = plan(machine, "Weekly", 7, null, today.minusDays(3));
        plan(machine, "Hours", null, "500", today);
        admin.run(() -> equipment.logMaintenance(machine, new LogData(null, null, null, "Repair", null)));

        var ahead = admin.call(() -> schedule.month(YearMonth.from(today.plusDays(4))));
        var now = admin.call(() -> schedule.month(YearMonth.from(today)));

        List<LocalDate> weeklyDays = ahead.weeks().stream()
                .flatMap(List::stream)
                .filter(d -> d.due().stream().anyMatch(i -> i.planId().equals(weekly)))
                .map(MaintenanceSchedule.Day::date)
                .toList();
        assertThat(weeklyDays).first().isEqualTo(today.plusDays(4));
        assertThat(weeklyDays).allSatisfy(d -> assertThat(
                        Math.floorMod(java.time.temporal.ChronoUnit.DAYS.between(today.plusDays(4), d), 7))
                .isZero());
        assertThat(weeklyDays.size())
                .as("every week of the grid from the next due date on")
                .isBetween(2, 6);
        assertThat(ahead.byHoursOnly()).extracting(PlanDue::planName).containsExactly("Hours");
        assertThat(now.weeks().stream()
                        .flatMap(List::stream)
                        .filter(MaintenanceSchedule.Day::today)
                        .findFirst()
                        .orElseThrow()
                        .done())
                .extracting(MaintenanceSchedule.Done::equipmentCode)
                .containsExactly("M-7");
    }

    @Test
    void hoursOfUseReportedAtOnceFromManyTabletsAllCount() {
        UUID machine = machine("M-8");
        io.traveler.testing.Parallel.run(
                16,
                i -> admin.call(
                        () -> equipment.recordUsage(machine, ExpectedVersion.none(), new BigDecimal("1.25"), null)));
        assertThat(admin.call(() -> equipment.equipment(machine).hoursUsed())).isEqualByComparingTo("20");
    }

    @Autowired
    Fleet fleet;

    @Autowired
    io.traveler.accounts.Accounts accounts;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void theDemoFactoryGetsMachinesWithPlansOneOverdueAndASecondDeliveryChangesNothing() {
        var brand = Tenants.in(context).organization("BRAND");
        var demo = new io.traveler.accounts.DemoOrganizationsLoaded(
                admin.orgId(), admin.userId(), brand.orgId(), brand.userId());
        var loader = new DemoEquipment(equipment, fleet, accounts, transactions);

        loader.load(demo);
        loader.load(demo);

        assertThat(admin.call(() -> fleet.count())).isEqualTo(6);
        List<PlanDue> due = admin.call(() -> schedule.due(0, new BigDecimal("24"), false));
        assertThat(due)
                .filteredOn(i -> i.state() == State.OVERDUE)
                .extracting(PlanDue::equipmentCode, PlanDue::planName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CUT-01", "Blade change"));
        assertThat(due).extracting(PlanDue::equipmentCode).contains("SEW-01");
    }

    private List<MaintenanceDue> announcedInMyOrganization() {
        return events.stream(MaintenanceDue.class)
                .filter(e -> e.orgId().equals(admin.orgId()))
                .toList();
    }
}
