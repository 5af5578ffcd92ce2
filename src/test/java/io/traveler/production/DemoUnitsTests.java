package io.traveler.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.projects.DemoProjectsLoaded;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo factory's floor: after its projects are started and walked, their units stand in progress at several
 * stations, one is defective with an open defect, the passports have no gap, scan sessions name the events, and a
 * second event changes nothing.
 */
@ApplicationTest
class DemoUnitsTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoFactoryHasUnitsInProgressAtSeveralStationsAnOpenDefectAndGaplessPassportsOnce() throws Exception {
        var api = new Api(port);
        var factory = api.signUp("FACTORY");
        var brand = api.signUp("BRAND");
        var partnership = api.post("/api/partnerships")
                .as(brand)
                .body(Map.of("factory_org_id", factory.orgId()))
                .send();
        api.post("/api/partnerships/" + partnership.id() + "/accept")
                .as(factory)
                .send();
        for (String name : List.of("Cutting", "Sewing", "Assembly", "Finishing", "Quality control")) {
            UUID station = api.post("/api/stations")
                    .as(factory)
                    .body(Map.of("name", name))
                    .send()
                    .id();
            api.post("/api/employees")
                    .as(factory)
                    .body(Map.of("name", name + " worker", "hourly_rate", 30, "station_ids", List.of(station)))
                    .send();
        }
        var loaded = new DemoOrganizationsLoaded(factory.orgId(), factory.userId(), brand.orgId(), brand.userId());

        transactions.executeWithoutResult(status -> events.publishEvent(loaded));
        awaitListeners();

        UUID org = factory.orgId();
        long inProgressStations = count(org, """
                select count(distinct station_id) from production.units where status = 'IN_PROGRESS'""");
        assertThat(inProgressStations).as("stations with a unit in progress").isGreaterThanOrEqualTo(2);
        assertThat(count(org, "select count(*) from production.defects where disposition is null"))
                .isEqualTo(1);
        assertThat(count(org, """
                select count(*) from production.defects d join production.units u on u.id = d.unit_id
                 where d.disposition is null and u.status = 'DEFECTIVE'""")).isEqualTo(1);
        assertThat(count(org, "select count(*) from production.defects where disposition = 'USE_AS_IS'"))
                .isPositive();
        assertThat(count(org, "select count(*) from production.units where status = 'COMPLETED'"))
                .as("the completed project's units")
                .isPositive();
        assertThat(count(org, """
                select count(*) from production.units u
                 where u.event_seq <> (select count(*) from production.unit_events e where e.unit_id = u.id)
                    or u.event_seq <> (select max(seq) from production.unit_events e where e.unit_id = u.id)"""))
                .as("units whose passport has a gap or a twin")
                .isZero();
        assertThat(count(org, """
                select count(*) from production.scan_sessions s
                 where exists (select 1 from production.unit_events e where e.session_id = s.id)""")).isPositive();
        long passports = count(org, "select count(*) from production.unit_events");

        transactions.executeWithoutResult(status -> events.publishEvent(loaded));
        awaitListeners();
        assertThat(count(org, "select count(*) from production.unit_events"))
                .as("a second event adds nothing")
                .isEqualTo(passports);

        String floor =
                PageSession.signIn(port, factory.email()).get("/app/production").body();
        assertThat(floor).contains("demo-tablet-1").contains("SEAM");
    }

    private long count(UUID orgId, String sql) {
        return as(orgId, () -> jdbc.sql(sql).query(Long.class).single());
    }

    private <T> T as(UUID orgId, Supplier<T> query) {
        return TenantContext.callAs(Tenant.system(orgId), () -> transactions.execute(status -> query.get()));
    }

    /** Every listener of the event has completed (a failed one stays in the registry and times this out). */
    private void awaitListeners() {
        await().atMost(Duration.ofSeconds(180))
                .until(() -> jdbc.sql("select count(*) from event_publication where event_type in (:types)")
                                .param(
                                        "types",
                                        List.of(
                                                DemoOrganizationsLoaded.class.getName(),
                                                DemoProjectsLoaded.class.getName()))
                                .query(Long.class)
                                .single()
                        == 0);
    }
}
