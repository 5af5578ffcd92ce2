package io.traveler.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.accounts.Mailer;
import io.traveler.shared.errors.ConflictException;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Without SMTP a link is read in the sender's outbox, so following it proves nothing about who owns the address:
 * it neither verifies an address nor lets an invitation claim an existing account.
 */
@ApplicationTest
class WithoutSmtpTests {
    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    TransactionTemplate transactions;

    /** The outbox keeps every message; nothing is delivered. */
    private static final Mailer KEEPING = new Mailer() {
        @Override
        public void send(String to, String subject, String text) {}

        @Override
        public boolean delivers() {
            return false;
        }
    };

    @Test
    void aVerificationLinkReadInTheOutboxDoesNotVerifyTheAddress() {
        var squatter = new Api(port).signUp("SHOP");
        String token = TestMail.verificationToken(squatter.email());
        var verifications = new EmailVerifications(users, KEEPING, "http://localhost:8080");

        assertThatThrownBy(() -> transactions.executeWithoutResult(s -> verifications.verify(token)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("cannot be verified");
        assertThat(users.findById(squatter.userId()).orElseThrow().isVerified()).isFalse();
    }
}
