package io.traveler.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.traveler.accounts.OrganizationCreated;
import io.traveler.accounts.OrganizationKind;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The settings module hears {@link OrganizationCreated} through the event publication registry. */
@ApplicationTest
class OrganizationSetupTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrganizationSettings settings;

    @Test
    void aSignUpLeavesTheOrganizationASettingsRowAndItsDefaultNumberingSeries() {
        var api = new Api(port);
        var shop = api.signUp("SHOP");

        await().atMost(Duration.ofSeconds(20)).until(() -> settingsRows(shop.orgId()) == 1);
        assertThat(seriesKeys(shop.orgId())).containsExactly("custom_parts", "orders", "rma", "units");
        assertThat(api.get("/api/settings/numbering-series")
                        .as(shop)
                        .send()
                        .raw()
                        .body())
                .contains("ORD-{yyyy}-", "700-");
        await().atMost(Duration.ofSeconds(20))
                .alias("the publication completes and leaves the registry")
                .until(() -> outstandingPublications() == 0);
    }

    @Test
    void aRedeliveredOrganizationCreatedChangesNothingTheOrganizationAlreadyChanged() {
        var api = new Api(port);
        var factory = api.signUp("FACTORY");
        await().atMost(Duration.ofSeconds(20)).until(() -> settingsRows(factory.orgId()) == 1);
        var current = api.get("/api/settings").as(factory).send();
        assertThat(api.patch("/api/settings")
                        .as(factory)
                        .ifMatch(current.header("ETag"))
                        .body(Map.of("currency", "EUR"))
                        .send()
                        .status())
                .isEqualTo(200);
        String first = TenantContext.callAs(
                Tenant.user(factory.orgId(), factory.userId()), () -> settings.nextNumber("orders"));

        transactions.executeWithoutResult(status -> events.publishEvent(
                new OrganizationCreated(factory.orgId(), "Again", OrganizationKind.FACTORY, factory.userId())));
        await().atMost(Duration.ofSeconds(20)).until(() -> outstandingPublications() == 0);

        assertThat(api.get("/api/settings").as(factory).send().text("currency")).isEqualTo("EUR");
        assertThat(seriesKeys(factory.orgId())).hasSize(4);
        String second = TenantContext.callAs(
                Tenant.user(factory.orgId(), factory.userId()), () -> settings.nextNumber("orders"));
        assertThat(Long.parseLong(second.substring(second.length() - 6)))
                .as("the series kept counting")
                .isEqualTo(Long.parseLong(first.substring(first.length() - 6)) + 1);
    }

    private long settingsRows(UUID orgId) {
        return asOrganization(orgId, () -> jdbc.sql("select count(*) from settings.organization_settings")
                .query(Long.class)
                .single());
    }

    private List<String> seriesKeys(UUID orgId) {
        return asOrganization(orgId, () -> jdbc.sql("select key from settings.numbering_series order by key")
                .query(String.class)
                .list());
    }

    private long outstandingPublications() {
        return jdbc.sql("select count(*) from event_publication where event_type = :type")
                .param("type", OrganizationCreated.class.getName())
                .query(Long.class)
                .single();
    }

    private <T> T asOrganization(UUID orgId, java.util.function.Supplier<T> query) {
        return TenantContext.callAs(Tenant.system(orgId), () -> transactions.execute(status -> query.get()));
    }
}
