package io.traveler.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Eventually;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Point 6 of the hardening: the sign-in throttle and the lockout, tried the ways an attacker would. */
@ApplicationTest
class SignInAttackTests {
    /** {@code traveler.security.sign-in-attempts-per-account-per-minute}, left at its default in the tests. */
    static final int ACCOUNT_BUDGET = 30;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void encodedSpellingsOfTheTokenPathDrawOnTheSameBudgetOfTheAccount() {
        var tenant = api.signUp("SHOP");
        var spellings = List.of("/api/auth/%74oken", "/api/auth/tok%65n", "/api/auth/token/", "/api/auth/token");
        for (int i = 1; i < ACCOUNT_BUDGET; i++) { // the sign-up's own sign-in spent the first
            var attempt = api.post(spellings.get(i % spellings.size()))
                    .header("X-Forwarded-For", "198.51.100." + i)
                    .body(Map.of("email", tenant.email(), "password", "wrong guess " + i))
                    .send();
            assertThat(attempt.status()).as("attempt %d", i).isIn(401, 423);
        }
        for (String spelling : spellings) {
            var throttled = api.post(spelling)
                    .header("X-Forwarded-For", "203.0.113.77")
                    .body(Map.of("email", tenant.email().toUpperCase(), "password", Api.PASSWORD))
                    .send();
            assertThat(throttled.status()).as(spelling).isEqualTo(429);
            assertThat(throttled.header("Retry-After")).isNotBlank();
            assertThat(throttled.text("type")).isEqualTo("https://traveler.io/problems/throttled");
        }
    }

    /**
     * 27 wrong guesses released together, then the right password as soon as the account is locked, while most
     * guesses are still being hashed. Were the lock only read before the comparison and the failure counted after
     * it, every guess in flight would be compared (and refused with 401); reserved attempts stop at ten.
     */
    @Test
    void parallelGuessesComparedAtMostTenPasswordsBeforeTheLock() throws Exception {
        var tenant = api.signUp("FACTORY");
        int guesses = 27; // with the right password twice, within the account's budget of 30 a minute
        var start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        Future<Integer> right;
        try (var pool = Executors.newFixedThreadPool(guesses + 1)) {
            for (int i = 0; i < guesses; i++) {
                String guess = "parallel guess " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/auth/token")
                            .body(Map.of("email", tenant.email(), "password", guess))
                            .send()
                            .status();
                }));
            }
            start.countDown();
            awaitLock(tenant.userId());
            right = pool.submit(() -> api.post("/api/auth/token")
                    .body(Map.of("email", tenant.email(), "password", Api.PASSWORD))
                    .send()
                    .status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (var answer : answers) {
            statuses.add(answer.get());
        }
        assertThat(statuses).containsOnly(401, 423);
        assertThat(statuses.stream().filter(s -> s != 423).count())
                .as("passwords compared and refused before the lock: %s", statuses)
                .isLessThanOrEqualTo(10);
        assertThat(right.get())
                .as("the right password, sent once locked while guesses are still being checked")
                .isEqualTo(423);
        assertThat(api.post("/api/auth/token")
                        .body(Map.of("email", tenant.email(), "password", Api.PASSWORD))
                        .send()
                        .status())
                .as("the right password after the lock")
                .isEqualTo(423);
    }

    private void awaitLock(java.util.UUID userId) {
        Eventually.until("the account to be locked", java.time.Duration.ofSeconds(30), () -> jdbc.sql(
                        "select locked_until is not null from accounts.users where id = :id")
                .param("id", userId)
                .query(Boolean.class)
                .single());
    }

    @Test
    void failedCurrentPasswordChecksLockTheAccountLikeFailedSignIns() {
        var tenant = api.signUp("SHOP");
        for (int i = 1; i <= 4; i++) {
            assertThat(api.post("/api/me/password")
                            .as(tenant)
                            .body(Map.of("current_password", "guess " + i, "new_password", "a-brand-new-passphrase"))
                            .send()
                            .status())
                    .isEqualTo(422);
        }
        for (int i = 5; i <= 7; i++) {
            var enrol = api.post("/api/me/mfa/totp")
                    .as(tenant)
                    .body(Map.of("password", "guess " + i))
                    .send();
            assertThat(enrol.status()).isEqualTo(422);
            assertThat(enrol.json().path("errors").get(0).path("field").asString())
                    .isEqualTo("password");
        }
        for (int i = 8; i <= 9; i++) {
            assertThat(api.post("/api/me/mfa/totp/remove")
                            .as(tenant)
                            .body(Map.of("password", "guess " + i))
                            .send()
                            .status())
                    .isEqualTo(422);
        }
        assertThat(api.post("/api/me/password")
                        .as(tenant)
                        .body(Map.of("current_password", "guess 10", "new_password", "a-brand-new-passphrase"))
                        .send()
                        .status())
                .as("the tenth wrong password in a row")
                .isEqualTo(423);
        assertThat(api.post("/api/auth/token")
                        .body(Map.of("email", tenant.email(), "password", Api.PASSWORD))
                        .send()
                        .status())
                .as("signing in with the right password while locked")
                .isEqualTo(423);
        assertThat(api.post("/api/me/password")
                        .as(tenant)
                        .body(Map.of("current_password", Api.PASSWORD, "new_password", "a-brand-new-passphrase"))
                        .send()
                        .status())
                .as("no more guesses through the password change either")
                .isEqualTo(423);
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerIsNotTheClientAddress() {
        var tenant = api.signUp("BRAND");
        var signIn = api.post("/api/auth/token")
                .header("X-Forwarded-For", "203.0.113.50")
                .header("User-Agent", "attack-test/1.0")
                .body(Map.of("email", tenant.email(), "password", Api.PASSWORD))
                .send();
        var sessions =
                api.get("/api/me/sessions").token(signIn.text("access_token")).send();
        tools.jackson.databind.JsonNode current = null;
        for (var session : sessions.json().path("items")) {
            if (session.path("current").asBoolean()) {
                current = session;
            }
        }
        assertThat(current).as("the calling session is flagged: %s", sessions).isNotNull();
        assertThat(current.path("client_address").asString()).isNotEqualTo("203.0.113.50");
        assertThat(current.path("client_address").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(current.path("user_agent").asString()).isEqualTo("attack-test/1.0");
    }
}
