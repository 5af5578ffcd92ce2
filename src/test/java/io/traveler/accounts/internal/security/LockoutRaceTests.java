package io.traveler.accounts.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.accounts.internal.Totp;
import io.traveler.accounts.internal.Users;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lockout against parallel guessing, counted where it matters: how many passwords get compared. The
 * application's own beans, with a password encoder that counts its comparisons (no new Spring context).
 */
@ApplicationTest
class LockoutRaceTests {
    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    Totp totp;

    @Autowired
    SecretBox secrets;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void fortyParallelGuessesGetAtMostTenPasswordsComparedAndTheRightOneAfterThemIsLockedOut() throws Exception {
        var tenant = new Api(port).signUp("SHOP");
        var compared = new AtomicInteger();
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return passwords.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                compared.incrementAndGet();
                return passwords.matches(raw, encoded);
            }
        };
        var authenticator =
                new Authenticator(users, counting, totp, secrets, new SignInThrottle(1_000_000), jdbc, transactions);

        List<HttpStatus> statuses = Parallel.run(40, i -> {
            try {
                authenticator.authenticate(tenant.email(), "parallel guess " + i, null, null);
                return HttpStatus.OK;
            } catch (AuthenticationFailure refused) {
                return io.traveler.shared.web.Problems.answerTo(refused).status();
            }
        });

        assertThat(compared.get()).as("passwords compared").isLessThanOrEqualTo(10);
        assertThat(statuses).containsOnly(HttpStatus.UNAUTHORIZED, HttpStatus.LOCKED);
        assertThat(statuses.stream().filter(s -> s != HttpStatus.LOCKED).count())
                .isLessThanOrEqualTo(10);
        assertThatThrownBy(() -> authenticator.authenticate(tenant.email(), Api.PASSWORD, null, null))
                .isInstanceOfSatisfying(AuthenticationFailure.class, f -> assertThat(f.kind())
                        .isEqualTo(io.traveler.shared.errors.TravelerException.Kind.LOCKED));
        assertThat(compared.get())
                .as("nor is the right one compared while locked")
                .isLessThanOrEqualTo(10);
    }
}
