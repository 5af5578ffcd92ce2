package io.traveler.production.internal;

import static io.traveler.production.ShopFloor.idOf;
import static io.traveler.production.ShopFloor.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.traveler.production.ShopFloor;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Eventually;
import io.traveler.testing.Tenants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Live scans that wait while a group of their caller's is written go together into the next group, each answered for
 * itself. The first scan's unit is held locked by the test, so its group waits in the database while the others
 * queue behind it; the test then lets go (or cancels the waiting statement) and reads every answer.
 */
@ApplicationTest
class ScanGroupsTests {
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ScanGroups groups;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource ownerDataSource;

    /** The application's own pool: its role may see and cancel the application's statements. */
    @Autowired
    DataSource dataSource;

    Api api;
    Tenants tenants;
    Tenants.Member organization;
    Api.Tenant admin;
    ShopFloor floor;
    UUID cutting;
    UUID packing;
    List<String> serials;
    ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    Connection holder;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        tenants = Tenants.in(context);
        organization = tenants.organization("FACTORY");
        admin = tenants.signedIn(organization);
        floor = new ShopFloor(api, admin);
        cutting = floor.station("Cutting");
        packing = floor.station("Packing");
        UUID workflow = idOf(floor.workflow(List.of(stage("Cut", cutting), stage("Pack", packing))));
        serials = floor.units(floor.startedProject(workflow, 8)).stream()
                .map(unit -> unit.path("serial").asString())
                .toList();
    }

    @AfterEach
    void letGo() throws Exception {
        if (holder != null) {
            holder.rollback();
            holder.close();
        }
        requests.shutdownNow();
    }

    @Test
    void scansThatCameWhileAGroupWasWrittenAreWrittenTogetherAndEachIsAnsweredForItself() throws Exception {
        String stranger = strangersSerial();
        double groupsBefore = groupCount();
        double scansBefore = groupedScans();
        hold(serials.get(0));
        Future<Api.Response> first = scan(serials.get(0), cutting, "start");
        awaitGroupWaitingInTheDatabase();

        List<Future<Api.Response>> behind = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            behind.add(scan(serials.get(i), cutting, "start"));
        }
        Eventually.until("four scans waiting for their group", WITHIN, () -> groups.waiting() == 4);
        Future<Api.Response> twice = scan(serials.get(1), cutting, "start");
        Future<Api.Response> wrongStation = scan(serials.get(5), packing, "start");
        Future<Api.Response> strangers = scan(stranger, cutting, "start");
        Future<Api.Response> notStarted = scan(serials.get(6), cutting, "complete");
        Eventually.until("eight scans waiting for their group", WITHIN, () -> groups.waiting() == 8);
        assertThat(first.isDone()).isFalse();

        letGoOfTheUnit();

        assertThat(answer(first).status()).isEqualTo(200);
        for (Future<Api.Response> scan : behind) {
            Api.Response answer = answer(scan);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().path("unit").path("status").asString()).isEqualTo("IN_PROGRESS");
            assertThat(answer.json().path("unit").path("version").asLong())
                    .isEqualTo(answer(first).json().path("unit").path("version").asLong());
            assertThat(answer.json().path("next").path("action").asString()).isEqualTo("complete");
        }
        Api.Response again = answer(twice);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("detail")).contains("Cannot start unit " + serials.get(1), "IN_PROGRESS");
        assertThat(answer(wrongStation).status()).isEqualTo(409);
        assertThat(answer(wrongStation).text("detail")).contains("not at this station");
        assertThat(answer(strangers).status()).isEqualTo(404);
        assertThat(answer(notStarted).status()).isEqualTo(409);
        assertThat(answer(notStarted).text("detail")).contains("QUEUED");

        assertThat(groupCount() - groupsBefore).isEqualTo(2);
        assertThat(groupedScans() - scansBefore).isEqualTo(1 + 8);
        for (int i = 0; i <= 4; i++) {
            assertThat(passport(serials.get(i))).containsExactly("1 CREATED", "2 STARTED");
        }
        assertThat(passport(serials.get(5))).containsExactly("1 CREATED");
        assertThat(passport(serials.get(6))).containsExactly("1 CREATED");
        assertThat(passport(stranger)).isEmpty();
    }

    @Test
    void aGroupTheDatabaseRefusesIsWrittenAgainScanByScanSoOnlyTheBlockedScanWaits() throws Exception {
        double groupsBefore = groupCount();
        hold(serials.get(0));
        Future<Api.Response> first = scan(serials.get(0), cutting, "start");
        awaitGroupWaitingInTheDatabase();
        Future<Api.Response> second = scan(serials.get(1), cutting, "start");
        Future<Api.Response> third = scan(serials.get(2), cutting, "start");
        Future<Api.Response> blocked = scan(serials.get(0), cutting, "start");
        Eventually.until("three scans waiting for their group", WITHIN, () -> groups.waiting() == 3);

        WaitingGroup firstGroup = cancelTheWaitingGroup();
        // The first scan goes on alone (and waits for the unit again); the three behind it form the next group,
        // which waits for the same unit: cancelled too, each is written alone, and only the blocked one still waits.
        Eventually.until(
                "the next group waiting in the database",
                WITHIN,
                () -> waitingGroupBackends().equals(List.of())
                        ? false
                        : !waitingGroupBackends().contains(firstGroup));
        cancelTheWaitingGroup();

        assertThat(answer(second).status()).isEqualTo(200);
        assertThat(answer(third).status()).isEqualTo(200);
        assertThat(first.isDone()).isFalse();
        assertThat(blocked.isDone()).isFalse();

        letGoOfTheUnit();

        assertThat(List.of(answer(first).status(), answer(blocked).status())).containsExactlyInAnyOrder(200, 409);
        assertThat(passport(serials.get(0))).containsExactly("1 CREATED", "2 STARTED");
        assertThat(passport(serials.get(1))).containsExactly("1 CREATED", "2 STARTED");
        assertThat(passport(serials.get(2))).containsExactly("1 CREATED", "2 STARTED");
        assertThat(groupCount() - groupsBefore).isZero();
    }

    @Test
    void anotherOrganizationsScansNeverWaitForThisOnesGroup() throws Exception {
        Api.Tenant other = tenants.signedIn(tenants.organization("FACTORY"));
        ShopFloor otherFloor = new ShopFloor(api, other);
        UUID otherStation = otherFloor.station("Cutting");
        UUID otherProject =
                otherFloor.startedProject(idOf(otherFloor.workflow(List.of(stage("Cut", otherStation)))), 1);
        String otherSerial =
                otherFloor.units(otherProject).getFirst().path("serial").asString();
        hold(serials.get(0));
        Future<Api.Response> first = scan(serials.get(0), cutting, "start");
        awaitGroupWaitingInTheDatabase();

        Api.Response theirs = otherFloor.scan(otherSerial, otherStation, "start");

        assertThat(theirs.status()).isEqualTo(200);
        assertThat(first.isDone()).isFalse();
        letGoOfTheUnit();
        assertThat(answer(first).status()).isEqualTo(200);
    }

    /** A serial of another organization's unit, one this organization has no unit of. */
    private String strangersSerial() {
        ShopFloor theirs = new ShopFloor(api, tenants.signedIn(tenants.organization("FACTORY")));
        UUID station = theirs.station("Cutting");
        UUID project = theirs.startedProject(idOf(theirs.workflow(List.of(stage("Cut", station)))), 9);
        String serial = theirs.units(project).getLast().path("serial").asString();
        assertThat(serials).doesNotContain(serial);
        return serial;
    }

    private Future<Api.Response> scan(String serial, UUID station, String action) {
        return requests.submit(() -> floor.scan(serial, station, action));
    }

    private static Api.Response answer(Future<Api.Response> scan) throws Exception {
        return scan.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
    }

    /** Locks the unit's row in a transaction of the test's own, as a long writer elsewhere would. */
    private void hold(String serial) throws Exception {
        holder = ownerDataSource.getConnection();
        holder.setAutoCommit(false);
        actAs(holder);
        try (PreparedStatement lock =
                holder.prepareStatement("select id from production.units where org_id = ? and serial = ? for update")) {
            lock.setObject(1, organization.orgId());
            lock.setString(2, serial);
            assertThat(lock.executeQuery().next()).isTrue();
        }
    }

    private void letGoOfTheUnit() throws Exception {
        holder.commit();
        holder.close();
        holder = null;
    }

    /** Waits until a group's lock of its units waits for the test's lock. */
    private void awaitGroupWaitingInTheDatabase() {
        Eventually.until("a group waiting for the held unit", WITHIN, () -> waitingGroups() == 1);
    }

    private int waitingGroups() {
        return waitingGroupBackends().size();
    }

    /** A group's transaction waiting in the database: its backend, and when the transaction began. */
    private record WaitingGroup(int pid, String began) {}

    /** The groups waiting to lock their units (a group locks them with {@code any}). */
    private List<WaitingGroup> waitingGroupBackends() {
        return JdbcClient.create(dataSource)
                .sql("""
                        select pid, xact_start::text as began from pg_stat_activity
                         where datname = current_database() and wait_event_type = 'Lock'
                           and query like '%u.serial = any(%'""")
                .query((rs, n) -> new WaitingGroup(rs.getInt("pid"), rs.getString("began")))
                .list();
    }

    /** Cancels the one group waiting in the database; answers it. */
    private WaitingGroup cancelTheWaitingGroup() {
        List<WaitingGroup> waiting = waitingGroupBackends();
        assertThat(waiting).hasSize(1);
        assertThat(JdbcClient.create(dataSource)
                        .sql("select pg_cancel_backend(:pid)")
                        .param("pid", waiting.getFirst().pid())
                        .query(Boolean.class)
                        .single())
                .isTrue();
        return waiting.getFirst();
    }

    /** The unit's passport as "seq KIND", read in the organization's name (the tables force row-level security). */
    private List<String> passport(String serial) throws Exception {
        try (Connection connection = ownerDataSource.getConnection()) {
            connection.setAutoCommit(false);
            actAs(connection);
            try (PreparedStatement events = connection.prepareStatement("""
                    select e.seq || ' ' || e.kind from production.unit_events e
                      join production.units u on u.org_id = e.org_id and u.id = e.unit_id
                     where u.org_id = ? and u.serial = ? order by e.seq""")) {
                events.setObject(1, organization.orgId());
                events.setString(2, serial);
                List<String> passport = new ArrayList<>();
                try (var rows = events.executeQuery()) {
                    while (rows.next()) {
                        passport.add(rows.getString(1));
                    }
                }
                connection.rollback();
                return passport;
            }
        }
    }

    private void actAs(Connection connection) throws Exception {
        try (PreparedStatement tenant = connection.prepareStatement("select set_config('app.org_id', ?, true)")) {
            tenant.setString(1, organization.orgId().toString());
            tenant.execute();
        }
    }

    private double groupCount() {
        var summary = meters.find("traveler.scan.groups").summary();
        return summary == null ? 0 : summary.count();
    }

    private double groupedScans() {
        var summary = meters.find("traveler.scan.groups").summary();
        return summary == null ? 0 : summary.totalAmount();
    }
}
