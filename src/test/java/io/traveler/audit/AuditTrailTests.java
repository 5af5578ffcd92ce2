package io.traveler.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@ApplicationTest
class AuditTrailTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void recordsEveryChangeWithActorAndBeforeAfter() {
        var api = new Api(port);
        var tenant = Tenants.in(context).signedIn("FACTORY");
        var created = api.post("/api/stations")
                .as(tenant)
                .header("X-Request-Id", "req-audit-1")
                .body(Map.of("name", "Audited"))
                .send();
        api.patch("/api/stations/" + created.id())
                .as(tenant)
                .ifMatch(created.header("ETag"))
                .body(Map.of("name", "Audited twice", "capacity_hours_per_day", 12))
                .send();
        api.delete("/api/stations/" + created.id()).as(tenant).ifMatch("\"1\"").send();

        var trail = api.get("/api/audit/?entity_id=" + created.id()).as(tenant).send();
        assertThat(trail.status()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        for (JsonNode entry : trail.json().path("items")) {
            actions.add(entry.path("action").asString());
            assertThat(entry.path("entity_id").asString())
                    .isEqualTo(created.id().toString());
            assertThat(entry.path("actor_id").asString())
                    .isEqualTo(tenant.userId().toString());
            assertThat(entry.path("at").asString()).isNotBlank();
            assertThat(entry.path("entity_type").asString()).isEqualTo("Station");
        }
        assertThat(actions).containsExactly("DELETE", "UPDATE", "CREATE");
        JsonNode update = trail.json().path("items").get(1).path("changes");
        assertThat(update.path("name").path("before").asString()).isEqualTo("Audited");
        assertThat(update.path("name").path("after").asString()).isEqualTo("Audited twice");
        assertThat(trail.json().path("items").get(2).path("request_id").asString())
                .isEqualTo("req-audit-1");
    }

    @Test
    void anotherOrganizationSeesNoneOfIt() {
        var api = new Api(port);
        var a = Tenants.in(context).signedIn("FACTORY");
        var b = Tenants.in(context).signedIn("FACTORY");
        var created =
                api.post("/api/stations").as(a).body(Map.of("name", "Private")).send();
        assertThat(api.get("/api/audit?entity_id=" + created.id())
                        .as(b)
                        .send()
                        .json()
                        .path("items"))
                .isEmpty();
    }

    @Test
    void recordsNeverAPasswordHash() {
        var api = new Api(port);
        var tenant = api.signUp("SHOP");
        var trail = api.get("/api/audit?entity_type=User").as(tenant).send();
        assertThat(trail.json().path("items")).isNotEmpty();
        assertThat(trail.raw().body()).doesNotContain("bcrypt").contains("(changed)");
    }

    @Test
    void theApplicationRoleCannotChangeOrDeleteAuditRows() {
        var api = new Api(port);
        var tenant = Tenants.in(context).signedIn("SHOP");
        api.post("/api/stations").as(tenant).body(Map.of("name", "Evidence")).send();
        var asTenant = Tenant.user(tenant.orgId(), tenant.userId());
        long rows = TenantContext.callAs(
                asTenant,
                () -> transactions.execute(status -> JdbcClient.create(dataSource)
                        .sql("select count(*) from audit.audit_events")
                        .query(Long.class)
                        .single()));
        assertThat(rows).isPositive();
        assertThatThrownBy(() -> TenantContext.runAs(
                        asTenant,
                        () -> transactions.executeWithoutResult(status -> JdbcClient.create(dataSource)
                                .sql("delete from audit.audit_events")
                                .update())))
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> TenantContext.runAs(
                        asTenant,
                        () -> transactions.executeWithoutResult(status -> JdbcClient.create(dataSource)
                                .sql("update audit.audit_events set action = 'DELETE'")
                                .update())))
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void requiresTheAuditReadPermission() {
        var api = new Api(port);
        var tenant = Tenants.in(context).signedIn("SHOP");
        var key = api.post("/api/api-keys")
                .as(tenant)
                .body(Map.of("name", "no audit", "permissions", List.of("stations:read")))
                .send();
        assertThat(api.get("/api/audit")
                        .header("X-API-Key", key.text("key"))
                        .send()
                        .status())
                .isEqualTo(403);
    }
}
