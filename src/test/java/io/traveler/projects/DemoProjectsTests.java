package io.traveler.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.math.BigDecimal;
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
 * The demo factory's projects: once its demo customers, catalog, orders and workflows exist, its orders in approval,
 * production, on hold and quality control get their projects, walked along the daypack line with tasks done and time
 * logged, and a draft of straps for stock; a second event adds nothing.
 */
@ApplicationTest
class DemoProjectsTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    record Row(String status, String stage, int done, BigDecimal minutes) {}

    @Test
    void theDemoOrdersGetProjectsInProgressWithTasksDoneAndTimeLoggedOnceEvenWhenTheEventComesTwice() {
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
        List<Row> first = projects(factory.orgId());
        transactions.executeWithoutResult(status -> events.publishEvent(loaded));
        awaitListeners();

        assertThat(projects(factory.orgId()))
                .as("the second event adds nothing")
                .isEqualTo(first);
        assertThat(first)
                .extracting(Row::status)
                .containsExactlyInAnyOrder("ACTIVE", "ACTIVE", "ON_HOLD", "COMPLETED", "DRAFT");
        assertThat(first)
                .filteredOn(row -> row.status().equals("ACTIVE"))
                .extracting(Row::stage, Row::done)
                .as("the production order's project two stages on, the approved order's one")
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Assemble hardware", 2),
                        org.assertj.core.groups.Tuple.tuple("Sew body", 1));
        assertThat(first)
                .filteredOn(row -> row.status().equals("COMPLETED"))
                .extracting(Row::done)
                .containsExactly(5);
        assertThat(first).filteredOn(row -> row.done() > 0).allSatisfy(row -> assertThat(row.minutes())
                .isPositive());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/api/orders?phase=APPROVAL")
                        .as(factory)
                        .send()
                        .json()
                        .path("items"))
                .as("the approved order went into production when its project started")
                .isEmpty());
    }

    /** Each project: its status, its current stage, how many stages are done, and the minutes logged on it. */
    private List<Row> projects(UUID orgId) {
        return as(orgId, () -> jdbc.sql("""
                        select p.status, s.name as stage,
                               (select count(*) from projects.stage_instances d
                                 where d.project_id = p.id and d.status = 'DONE') as done,
                               (select coalesce(sum(l.minutes), 0) from tasks.time_logs l
                                 where l.project_id = p.id) as minutes
                          from projects.projects p
                          left join projects.stage_instances s on s.id = p.current_stage_id
                         where p.org_id = :org
                         order by p.code
                        """)
                .param("org", orgId)
                .query((rs, n) -> new Row(
                        rs.getString("status"), rs.getString("stage"), rs.getInt("done"), rs.getBigDecimal("minutes")))
                .list());
    }

    private <T> T as(UUID orgId, Supplier<T> query) {
        return TenantContext.callAs(Tenant.system(orgId), () -> transactions.execute(status -> query.get()));
    }

    /** Every listener of the event has completed (a failed one stays in the registry and times this out). */
    private void awaitListeners() {
        await().atMost(Duration.ofSeconds(120))
                .until(() -> jdbc.sql("select count(*) from event_publication where event_type = :type")
                                .param("type", DemoOrganizationsLoaded.class.getName())
                                .query(Long.class)
                                .single()
                        == 0);
    }
}
