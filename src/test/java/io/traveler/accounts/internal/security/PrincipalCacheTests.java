package io.traveler.accounts.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Callers are cached (the test configuration keeps them for an hour), yet every change reaches the next request: a
 * change made through the API at once, one made in the database by anyone else as soon as its NOTIFY arrives.
 */
@ApplicationTest
class PrincipalCacheTests {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    PrincipalCache cache;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        awaitTrue(cache::isListening, "the principal listener is connected");
    }

    private String role(Api.Tenant admin, String name, List<String> permissions) {
        var created = api.post("/api/roles")
                .as(admin)
                .body(Map.of("name", name, "permissions", permissions))
                .send();
        assertThat(created.status()).isEqualTo(201);
        return created.text("id");
    }

    private int stations(Api.Tenant caller) {
        return api.get("/api/stations").as(caller).send().status();
    }

    @Test
    void aRoleChangedThroughTheApiTakesEffectOnTheVeryNextRequest() {
        var admin = api.signUp("FACTORY");
        String readers = role(admin, "Station readers", List.of("stations:read"));
        var member = api.addMember(admin, readers);
        assertThat(stations(member)).isEqualTo(200);
        assertThat(stations(member)).isEqualTo(200);

        var current = api.get("/api/roles/" + readers).as(admin).send();
        assertThat(api.patch("/api/roles/" + readers)
                        .as(admin)
                        .ifMatch(current.header("ETag"))
                        .body(Map.of("permissions", List.of("roles:read")))
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(stations(member)).isEqualTo(403);

        var membership = api.get("/api/users/" + member.userId()).as(admin).send();
        assertThat(api.patch("/api/users/" + member.userId())
                        .as(admin)
                        .ifMatch(membership.header("ETag"))
                        .body(Map.of("role_ids", List.of(api.builtInRoleId(admin, "PRODUCTION_MANAGER"))))
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(stations(member)).isEqualTo(200);
    }

    @Test
    void aMembershipDisabledInTheDatabaseByAnotherNodeEndsTheCachedCaller() throws SQLException {
        var admin = api.signUp("FACTORY");
        var member = api.addMember(admin, "PRODUCTION_MANAGER");
        assertThat(stations(member)).isEqualTo(200);
        assertThat(stations(member)).isEqualTo(200);

        asAnotherNode(admin.orgId(), "update accounts.memberships set status = 'DISABLED' where user_id = ?", member);

        awaitTrue(() -> stations(member) == 401, "the member's token is refused");
        assertThat(stations(admin)).isEqualTo(200);
    }

    @Test
    void aRolesPermissionsTakenAwayInTheDatabaseReachEveryCachedMemberAndKey() throws SQLException {
        var admin = api.signUp("FACTORY");
        String readers = role(admin, "Station readers", List.of("stations:read", "api_keys:manage"));
        var member = api.addMember(admin, readers);
        var key = api.post("/api/api-keys")
                .as(member)
                .body(Map.of("name", "Reader key", "permissions", List.of("stations:read")))
                .send();
        assertThat(key.status()).isEqualTo(201);
        String secret = key.text("key");
        assertThat(stations(member)).isEqualTo(200);
        assertThat(withKey(secret)).isEqualTo(200);
        assertThat(withKey(secret)).isEqualTo(200);

        asAnotherNode(
                admin.orgId(),
                "update accounts.roles set permissions = '{roles:read}' where id = ?",
                UUID.fromString(readers));

        awaitTrue(() -> stations(member) == 403, "the member lost stations:read");
        awaitTrue(() -> withKey(secret) == 403, "the member's key lost stations:read");
    }

    @Test
    void callersAreNotKeptFromBeforeTheListenerLostItsConnection() throws SQLException {
        var admin = api.signUp("FACTORY");
        var member = api.addMember(admin, "PRODUCTION_MANAGER");
        assertThat(stations(member)).isEqualTo(200);
        assertThat(cache.size()).isPositive();

        try (Connection connection = connect();
                PreparedStatement kill = connection.prepareStatement(
                        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?")) {
            kill.setString(1, PrincipalChangeListener.APPLICATION_NAME);
            kill.execute();
        }
        // whatever is changed while nobody listens must not leave the member's caller behind
        asAnotherNode(admin.orgId(), "update accounts.memberships set status = 'DISABLED' where user_id = ?", member);

        awaitTrue(() -> stations(member) == 401, "the member's token is refused");
        awaitTrue(cache::isListening, "the listener is connected again");
        assertThat(stations(member)).isEqualTo(401);
    }

    private int withKey(String secret) {
        return api.get("/api/stations").header("X-API-Key", secret).send().status();
    }

    /** A change written on a connection of its own, as another node or an operator would: this JVM announces nothing. */
    private void asAnotherNode(UUID orgId, String sql, Object subject) throws SQLException {
        Object parameter = subject instanceof Api.Tenant tenant ? tenant.userId() : subject;
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement tenant = connection.prepareStatement("select set_config('app.org_id', ?, true)");
                    PreparedStatement change = connection.prepareStatement(sql)) {
                tenant.setString(1, orgId.toString());
                tenant.execute();
                change.setObject(1, parameter);
                assertThat(change.executeUpdate()).isEqualTo(1);
            }
            connection.commit();
        }
    }

    private Connection connect() throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
