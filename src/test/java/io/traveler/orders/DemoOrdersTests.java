package io.traveler.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
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
 * The demo orders that {@code traveler.demo-data=true} adds once the demo organizations, their customers and catalogs
 * exist: the factory's orders across the phases with their history, the brand's shop order and its purchase order.
 */
@ApplicationTest
class DemoOrdersTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoOrganizationsGetOrdersInSeveralPhasesAndAPurchaseOrderOnceEvenWhenTheEventComesTwice() {
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

        JsonNode factoryOrders =
                api.get("/api/orders?limit=100").as(factory).send().json().path("items");
        assertThat(factoryOrders)
                .extracting(o -> o.path("phase").asString())
                .containsExactlyInAnyOrder(
                        "DRAFT",
                        "DRAFT",
                        "CONFIGURATION",
                        "APPROVAL",
                        "PRODUCTION",
                        "QUALITY_CONTROL",
                        "SHIPPING",
                        "DELIVERED",
                        "ON_HOLD");
        JsonNode delivered =
                api.get("/api/orders?phase=DELIVERED").as(factory).send().json().path("items");
        assertThat(delivered.get(0).path("delivered_on").isNull()).isFalse();
        JsonNode held =
                api.get("/api/orders?phase=ON_HOLD").as(factory).send().json().path("items");
        assertThat(held.get(0).path("held_from_phase").asString()).isEqualTo("PRODUCTION");
        long changes = TenantContext.callAs(
                Tenant.system(factory.orgId()),
                () -> transactions.execute(
                        status -> jdbc.sql("select count(*) from orders.phase_changes where org_id = :org")
                                .param("org", factory.orgId())
                                .query(Long.class)
                                .single()));
        assertThat(changes)
                .as("one creation entry per order, one per step")
                .isEqualTo(9 + 0 + 1 + 2 + 3 + 4 + 6 + 7 + 4);

        JsonNode placed = api.get("/api/orders?factory_org_id=" + factory.orgId())
                .as(brand)
                .send()
                .json()
                .path("items");
        assertThat(placed).hasSize(1);
        JsonNode purchaseOrder = api.get(
                        "/api/orders/" + placed.get(0).path("id").asString())
                .as(factory)
                .send()
                .json();
        assertThat(purchaseOrder.path("code").asString()).startsWith("PO-");
        assertThat(purchaseOrder.path("lines").get(0).path("supplier_sku").asString())
                .isEqualTo("NW-BP20-BLU");
        assertThat(api.get("/api/orders?limit=100").as(brand).send().json().path("items"))
                .as("the brand's shop order and its purchase order")
                .hasSize(2);
    }

    /** Every listener of the event has completed (a failed one stays in the registry and times this out). */
    private void awaitListeners() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("select count(*) from event_publication where event_type = :type")
                                .param("type", DemoOrganizationsLoaded.class.getName())
                                .query(Long.class)
                                .single()
                        == 0);
    }
}
