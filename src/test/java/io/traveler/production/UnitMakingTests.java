package io.traveler.production;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.db.PlannerStatistics;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Eventually;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Starting a project makes its units: one per piece, queued at the first stage, serials from one block. */
@ApplicationTest
class UnitMakingTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    Api api;
    Tenants tenants;
    Tenants.Member factory;
    Api.Tenant caller;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        tenants = Tenants.in(context);
        factory = tenants.organization("FACTORY");
        caller = tenants.signedIn(factory);
    }

    record UnitRow(String serial, int position, String status, UUID stationId, int eventSeq) {}

    @Test
    void aStartedProjectHasOneQueuedUnitPerPieceWithConsecutiveSerialsAndACreatedEvent() {
        UUID cutting = created(api.post("/api/stations")
                .as(caller)
                .body(Map.of("name", "Cutting"))
                .send());
        UUID project = project(cutting, new BigDecimal("5"));
        assertThat(units(project)).isEmpty();

        var started =
                api.post("/api/projects/" + project + "/start/").as(caller).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(200);

        List<UnitRow> units = units(project);
        assertThat(units).hasSize(5);
        assertThat(units).extracting(UnitRow::position).containsExactly(1, 2, 3, 4, 5);
        assertThat(units)
                .extracting(UnitRow::serial)
                .containsExactly("U-000001", "U-000002", "U-000003", "U-000004", "U-000005");
        assertThat(units).allSatisfy(unit -> {
            assertThat(unit.status()).isEqualTo("QUEUED");
            assertThat(unit.stationId()).isEqualTo(cutting);
            assertThat(unit.eventSeq()).isEqualTo(1);
        });
        long created = factory.call(() -> transactions.execute(status ->
                jdbc.sql("""
                        select count(*) from production.unit_events e join production.units u on u.id = e.unit_id
                         where u.project_id = :project and e.kind = 'CREATED' and e.seq = 1""").param("project", project).query(Long.class).single()));
        assertThat(created).isEqualTo(5);

        UUID second = project(cutting, new BigDecimal("2"));
        api.post("/api/projects/" + second + "/start/").as(caller).send();
        assertThat(units(second)).extracting(UnitRow::serial).containsExactly("U-000006", "U-000007");
    }

    @Test
    void aFractionalQuantityMakesNoUnits() {
        UUID cutting = created(api.post("/api/stations")
                .as(caller)
                .body(Map.of("name", "Cutting"))
                .send());
        UUID project = project(cutting, new BigDecimal("2.5"));
        var started =
                api.post("/api/projects/" + project + "/start/").as(caller).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(units(project)).isEmpty();
    }

    /**
     * Without it, a start of thousands of units in a database the planner has no statistics for left every scan's
     * lock reading all of the organization's units until autovacuum came by (a minute or more later).
     */
    @Test
    void aStartOfManyUnitsRefreshesThePlannersStatisticsOfUnitsOnceItCommits() {
        UUID cutting = created(api.post("/api/stations")
                .as(caller)
                .body(Map.of("name", "Cutting"))
                .send());
        double known = plannersRowCount("production.units");
        double knownEvents = plannersRowCount("production.unit_events");
        int quantity = (int) Math.max(PlannerStatistics.MIN_ROWS, Math.max(Math.max(known, knownEvents), 0) / 10 + 1);
        UUID project = project(cutting, new BigDecimal(quantity));

        var started =
                api.post("/api/projects/" + project + "/start/").as(caller).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(200);

        double expected = Math.max(known, 0) + quantity;
        String what = "the planner's row count of production.units after %d more units (it believed %s)"
                .formatted(quantity, known);
        double counted = Eventually.poll(
                what, Duration.ofSeconds(20), () -> plannersRowCount("production.units"), n -> n >= expected);
        assertThat(counted).as(what).isGreaterThanOrEqualTo(expected);
        // each unit's passport begins with its CREATED event, written in the same statement
        double expectedEvents = Math.max(knownEvents, 0) + quantity;
        double events = Eventually.poll(
                "the planner's row count of production.unit_events",
                Duration.ofSeconds(20),
                () -> plannersRowCount("production.unit_events"),
                n -> n >= expectedEvents);
        assertThat(events).isGreaterThanOrEqualTo(expectedEvents);
    }

    private double plannersRowCount(String table) {
        return jdbc.sql("select reltuples from pg_class where oid = cast(:table as regclass)")
                .param("table", table)
                .query(Double.class)
                .single();
    }

    private UUID project(UUID station, BigDecimal quantity) {
        UUID customer = created(api.post("/api/customers")
                .as(caller)
                .body(Map.of("name", "Harbour"))
                .send());
        UUID workflow = created(api.post("/api/workflows/")
                .as(caller)
                .body(Map.of(
                        "name",
                        "Line " + UUID.randomUUID(),
                        "stages",
                        List.of(Map.of("name", "Cut", "station_id", station, "expected_minutes", 10))))
                .send());
        return created(api.post("/api/projects/")
                .as(caller)
                .body(Map.of("name", "Chairs", "customer_id", customer, "workflow_id", workflow, "quantity", quantity))
                .send());
    }

    private List<UnitRow> units(UUID project) {
        return factory.call(() -> transactions.execute(status ->
                jdbc.sql("""
                        select serial, position, status, station_id, event_seq from production.units
                         where project_id = :project order by position""").param("project", project).query(UnitRow.class).list()));
    }

    private static UUID created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }
}
