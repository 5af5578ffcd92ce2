package io.traveler.accounts.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Eventually;
import io.traveler.testing.TestMail;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/** Mail is recorded with the change that sends it; without SMTP it waits in the outbox; failures are retried. */
@ApplicationTest
class OutboxTests {
    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JavaMailSender smtp;

    private OutboxMailer mailer(JavaMailSender sender) {
        var beans = new StaticListableBeanFactory();
        if (sender != null) {
            beans.addBean("sender", sender);
        }
        ObjectProvider<JavaMailSender> provider = beans.getBeanProvider(JavaMailSender.class);
        return new OutboxMailer(jdbc, transactions, provider, "traveler@example.test", 100, 5);
    }

    private <T> T as(Api.Tenant tenant, Supplier<T> work) {
        return TenantContext.callAs(
                Tenant.user(tenant.orgId(), tenant.userId()), () -> transactions.execute(status -> work.get()));
    }

    @Test
    void withoutSmtpMailIsKeptInTheSendersOutboxWithItsLink() {
        var api = new Api(port);
        var shop = api.signUp("SHOP");
        var other = api.signUp("SHOP");
        OutboxMailer noSmtp = mailer(null);
        String to = Api.uniqueEmail("kept");

        as(shop, () -> {
            noSmtp.send(to, "Join us", "Open http://localhost:8080/invitations/abc123 to join.");
            return null;
        });

        List<OutboxMailer.Message> mine = as(shop, () -> noSmtp.recent(50));
        assertThat(mine)
                .filteredOn(m -> m.recipient().equals(to))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.status()).isEqualTo("KEPT");
                    assertThat(m.links()).containsExactly("http://localhost:8080/invitations/abc123");
                });
        assertThat(as(other, () -> noSmtp.recent(50)))
                .as("another organization never sees this outbox")
                .noneMatch(m -> m.recipient().equals(to));
        assertThat(TestMail.countTo(to)).isZero();
    }

    @Test
    void mailRolledBackWithItsChangeIsNeverSent() {
        var api = new Api(port);
        var shop = api.signUp("SHOP");
        String to = Api.uniqueEmail("rolled-back");
        OutboxMailer mailer = mailer(smtp);
        try {
            TenantContext.runAs(
                    Tenant.user(shop.orgId(), shop.userId()),
                    () -> transactions.executeWithoutResult(s -> {
                        mailer.send(to, "Never", "This change fails.");
                        throw new IllegalStateException("the business change fails");
                    }));
        } catch (IllegalStateException expected) {
            // the point of the test
        }
        assertThat(as(shop, () -> mailer.recent(50)))
                .noneMatch(m -> m.recipient().equals(to));
        assertThat(TestMail.countTo(to)).isZero();
    }

    @Test
    void aFailedDeliveryIsRetriedUntilItIsSent() throws Exception {
        var api = new Api(port);
        var shop = api.signUp("SHOP");
        String to = Api.uniqueEmail("retried");
        JavaMailSender down = new JavaMailSenderImpl() {
            @Override
            public void send(org.springframework.mail.SimpleMailMessage... messages) {
                throw new MailSendException("connection refused");
            }
        };
        OutboxMailer failing = mailer(down);
        as(shop, () -> {
            failing.send(to, "Retry me", "http://localhost:8080/verify-email/retry");
            return null;
        });
        OutboxMailer.Message failed = awaitStatus(shop, failing, to, "FAILED");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("connection refused");

        mailer(smtp).deliver(shop.orgId(), failed.id());
        OutboxMailer.Message sent = awaitStatus(shop, failing, to, "SENT");
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(TestMail.awaitToken(to, "/verify-email/")).isEqualTo("retry");

        mailer(smtp).deliver(shop.orgId(), failed.id());
        assertThat(TestMail.countTo(to)).as("a sent message is not sent again").isEqualTo(1);
    }

    private OutboxMailer.Message awaitStatus(Api.Tenant tenant, OutboxMailer mailer, String to, String status) {
        return Eventually.poll(
                        "a " + status + " message to " + to,
                        Duration.ofSeconds(10),
                        () -> as(tenant, () -> mailer.recent(50)).stream()
                                .filter(m ->
                                        m.recipient().equals(to) && m.status().equals(status))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }
}
