package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.shared.web.IdempotencyKeyPurge;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** What the idempotency store keeps: never a secret, never one client's answer for another, never past its day. */
@ApplicationTest
class IdempotencySecretsTests {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource ownerDataSource;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    IdempotencyKeyPurge purge;

    Api api;
    Api.Tenant tenant;

    @BeforeEach
    void signUp() {
        api = new Api(port);
        tenant = api.signUp("FACTORY");
    }

    @Test
    void aReplayedApiKeyCreationNeverHandsOutTheKeyAgainNorKeepsIt() {
        String idempotencyKey = UUID.randomUUID().toString();
        var body = Map.of("name", "Scanner", "permissions", List.of("stations:read"));
        var first = api.post("/api/api-keys")
                .as(tenant)
                .header("Idempotency-Key", idempotencyKey)
                .body(body)
                .send();
        assertThat(first.status()).isEqualTo(201);
        String secret = first.text("key");
        assertThat(secret).startsWith("tvk_");

        var replay = api.post("/api/api-keys")
                .as(tenant)
                .header("Idempotency-Key", idempotencyKey)
                .body(body)
                .send();

        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.header("Content-Type")).startsWith("application/problem+json");
        assertThat(replay.text("type")).isEqualTo("https://traveler.io/problems/idempotent-response-withheld");
        assertThat(replay.raw().body()).doesNotContain(secret).doesNotContain(first.text("prefix"));
        assertThat(api.get("/api/api-keys").as(tenant).send().json().path("items"))
                .as("the replay created no second key")
                .hasSize(1);
        assertThat(storedBodiesContaining(secret)).isZero();
        assertThat(storedBodiesContaining(first.text("prefix"))).isZero();
    }

    @Test
    void aReplayedMfaEnrolmentNeverHandsOutTheSeedAgainNorKeepsIt() {
        String idempotencyKey = UUID.randomUUID().toString();
        var body = Map.of("password", Api.PASSWORD);
        var first = api.post("/api/me/mfa/totp")
                .as(tenant)
                .header("Idempotency-Key", idempotencyKey)
                .body(body)
                .send();
        assertThat(first.status()).isEqualTo(200);
        String seed = first.text("secret");
        assertThat(seed).isNotBlank();

        var replay = api.post("/api/me/mfa/totp")
                .as(tenant)
                .header("Idempotency-Key", idempotencyKey)
                .body(body)
                .send();

        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.text("type")).isEqualTo("https://traveler.io/problems/idempotent-response-withheld");
        assertThat(replay.raw().body()).doesNotContain(seed);
        assertThat(storedBodiesContaining(seed)).isZero();
    }

    @Test
    void aRefusedSecretRequestIsStillReplayedAsItsProblem() {
        String idempotencyKey = UUID.randomUUID().toString();
        var body = Map.of("name", "", "permissions", List.of("stations:read"));
        var first = api.post("/api/api-keys")
                .as(tenant)
                .header("Idempotency-Key", idempotencyKey)
                .body(body)
                .send();
        var replay = api.post("/api/api-keys")
                .as(tenant)
                .header("Idempotency-Key", idempotencyKey)
                .body(body)
                .send();
        assertThat(first.status()).isEqualTo(422);
        assertThat(replay.status()).isEqualTo(422);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    }

    /**
     * Two anonymous clients on different addresses send the same sign-up with the same key: the second must run as
     * its own request, never receive the first client's stored answer.
     */
    @Test
    void oneAnonymousClientNeverObtainsAnothersStoredResponse() throws Exception {
        String idempotencyKey = UUID.randomUUID().toString();
        String signup = JSON.writeValueAsString(Map.of(
                "organization_name", "Replay target",
                "organization_kind", "FACTORY",
                "name", "Victim",
                "email", Api.uniqueEmail("victim"),
                "password", Api.PASSWORD));

        var victim = anonymousPost("127.0.0.2", "/api/auth/signup", idempotencyKey, signup);
        var victimAgain = anonymousPost("127.0.0.2", "/api/auth/signup", idempotencyKey, signup);
        var attacker = anonymousPost("127.0.0.3", "/api/auth/signup", idempotencyKey, signup);

        assertThat(victim.statusCode()).isBetween(200, 299);
        assertThat(victimAgain.headers().firstValue("Idempotent-Replayed"))
                .as("the same client still gets its replay")
                .contains("true");
        assertThat(victimAgain.body()).isEqualTo(victim.body());
        assertThat(attacker.headers().firstValue("Idempotent-Replayed"))
                .as("another client's request runs as its own")
                .isEmpty();
        assertThat(attacker.body()).isNotEqualTo(victim.body());
    }

    @Test
    void expiredKeysOfEveryOrganizationArePurgedOnSchedule() {
        var other = api.signUp("BRAND");
        String oldKey = "old-" + UUID.randomUUID();
        String freshKey = "fresh-" + UUID.randomUUID();
        insertKey(tenant.orgId(), oldKey, "2 days");
        insertKey(other.orgId(), oldKey, "25 hours");
        insertKey(other.orgId(), freshKey, "1 hour");

        assertThat(purge.purgeExpired()).isGreaterThanOrEqualTo(2);

        var remaining = JdbcClient.create(ownerDataSource)
                .sql("select idempotency_key from shared.idempotency_keys where org_id in (:orgs)")
                .param("orgs", List.of(tenant.orgId(), other.orgId()))
                .query(String.class)
                .list();
        assertThat(remaining).containsExactly(freshKey);
    }

    @Test
    void theApplicationRoleCannotPurgeKeysBeforeTheirDayIsOver() {
        String freshKey = "fresh-" + UUID.randomUUID();
        insertKey(tenant.orgId(), freshKey, "1 hour");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> jdbc.sql("select shared.purge_expired_idempotency_keys(interval '0 seconds')")
                                .query(Integer.class)
                                .single())
                .hasMessageContaining("at least 1 day");
        assertThat(JdbcClient.create(ownerDataSource)
                        .sql("select count(*) from shared.idempotency_keys where idempotency_key = :key")
                        .param("key", freshKey)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private void insertKey(UUID orgId, String key, String age) {
        TenantContext.runAs(
                Tenant.system(orgId),
                () -> transactions.executeWithoutResult(s -> jdbc.sql("""
                        insert into shared.idempotency_keys
                               (org_id, actor_id, idempotency_key, request_hash, state, response_status, response_body,
                                created_at, completed_at)
                        values (:org, :actor, :key, 'hash', 'COMPLETED', 201, convert_to('{}', 'UTF8'),
                                now() - cast(:age as interval), now() - cast(:age as interval))
                        """)
                        .param("org", orgId)
                        .param("actor", UUID.randomUUID())
                        .param("key", key)
                        .param("age", age)
                        .update()));
    }

    /** Counts stored responses, of every organization, that contain {@code text}. */
    private long storedBodiesContaining(String text) {
        return JdbcClient.create(ownerDataSource)
                .sql("""
                        select count(*) from shared.idempotency_keys
                         where position(convert_to(:text, 'UTF8') in coalesce(response_body, ''::bytea)) > 0
                        """)
                .param("text", text)
                .query(Long.class)
                .single();
    }

    /** A request from another local address: the whole of 127.0.0.0/8 reaches the server on Linux. */
    private HttpResponse<String> anonymousPost(String fromAddress, String path, String idempotencyKey, String body)
            throws Exception {
        var client = HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(fromAddress))
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
