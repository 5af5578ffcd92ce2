package io.traveler.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The demo customers that {@code traveler.demo-data=true} adds once the demo organizations exist (partners, as the
 * demo catalog, which hears the same event, needs them to be).
 */
@ApplicationTest
class DemoCustomersTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachDemoOrganizationGetsItsOwnCustomersWithAPrimaryContactOnceEvenWhenTheEventComesTwice() {
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
        var loaded = new DemoOrganizationsLoaded(factory.orgId(), factory.userId(), brand.orgId(), brand.userId());

        transactions.executeWithoutResult(status -> events.publishEvent(loaded));
        awaitListeners();
        transactions.executeWithoutResult(status -> events.publishEvent(loaded));
        awaitListeners();

        JsonNode factoryCustomers =
                api.get("/api/customers?sort=code").as(factory).send().json().path("items");
        assertThat(factoryCustomers)
                .extracting(c -> c.path("code").asString())
                .containsExactly("C-BLUEBIRD", "C-NORTHPEAK", "C-TRAILHEAD");
        JsonNode contacts = api.get(
                        "/api/customers/" + factoryCustomers.get(0).path("id").asString() + "/contacts")
                .as(factory)
                .send()
                .json()
                .path("items");
        assertThat(contacts)
                .singleElement()
                .satisfies(c -> assertThat(c.path("primary").asBoolean()).isTrue());
        assertThat(api.get("/api/customers").as(brand).send().json().path("items"))
                .extracting(c -> c.path("code").asString())
                .containsExactlyInAnyOrder("C-HARBOUR", "C-ALPINE");
        assertThat(api.get("/api/customers/"
                                + factoryCustomers.get(0).path("id").asString() + "/interactions")
                        .as(factory)
                        .send()
                        .json()
                        .path("items"))
                .extracting(i -> i.path("kind").asString())
                .containsExactly("NOTE", "EMAIL", "CALL");
        for (var org : java.util.List.of(factory, brand)) {
            assertThat(api.get("/api/quotes?sort=code").as(org).send().json().path("items"))
                    .as("one quote in each state, once")
                    .extracting(q -> q.path("status").asString())
                    .containsExactlyInAnyOrder("DRAFT", "ACCEPTED", "SENT", "EXPIRED");
        }
    }

    /** Every listener of the event has completed (a failed one stays in the registry and times this out). */
    private void awaitListeners() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from event_publication where event_type = :type")
                                .param("type", DemoOrganizationsLoaded.class.getName())
                                .query(Long.class)
                                .single()
                        == 0);
    }
}
