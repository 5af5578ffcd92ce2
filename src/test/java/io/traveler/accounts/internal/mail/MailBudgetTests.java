package io.traveler.accounts.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.errors.TryLaterException;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh sign-up names any address it likes: it may not use Traveler to flood one address or the world. */
@ApplicationTest
class MailBudgetTests {
    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void resendingAnInvitationOverAndOverStopsAtTheLimitForOneAddressAndChangesNothing() {
        var api = new Api(port);
        var stranger = api.signUp("SHOP");
        String victim = Api.uniqueEmail("victim");
        var invited = api.invite(stranger, victim, "TECHNICIAN");
        assertThat(invited.status()).isEqualTo(202);
        for (int resend = 1; resend < 5; resend++) {
            assertThat(api.post("/api/invitations/" + invited.id() + "/resend")
                            .as(stranger)
                            .send()
                            .status())
                    .as("resend %d", resend)
                    .isEqualTo(202);
        }
        String lastLink = TestMail.awaitToken(victim, "/invitations/", 4);

        var refused = api.post("/api/invitations/" + invited.id() + "/resend")
                .as(stranger)
                .send();

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.text("type")).endsWith("/throttled");
        assertThat(api.post("/api/invitations/accept")
                        .body(java.util.Map.of("token", lastLink, "name", "Victim", "password", Api.PASSWORD))
                        .send()
                        .status())
                .as("the refused resend rolled back: the last mailed link still works")
                .isEqualTo(200);
        assertThat(TestMail.countTo(victim)).isEqualTo(5);
    }

    @Test
    void anOrganizationSendsAtMostItsHourlyBudgetWhateverTheAddresses() {
        var shop = new Api(port).signUp("SHOP");
        var beans = new StaticListableBeanFactory();
        OutboxMailer mailer = new OutboxMailer(
                jdbc, transactions, beans.getBeanProvider(JavaMailSender.class), "traveler@example.test", 3, 5);
        Runnable sendOne = () -> TenantContext.runAs(
                Tenant.user(shop.orgId(), shop.userId()),
                () -> transactions.executeWithoutResult(
                        s -> mailer.send(Api.uniqueEmail("spray"), "Hello", "Unsolicited")));
        // the sign-up's verification mail is the first of the hour
        sendOne.run();
        sendOne.run();

        assertThatThrownBy(sendOne::run).isInstanceOfSatisfying(TryLaterException.class, e -> assertThat(e.kind())
                .isEqualTo(TravelerException.Kind.TOO_MANY));
        Integer kept = TenantContext.callAs(
                Tenant.user(shop.orgId(), shop.userId()),
                () -> transactions.execute(s -> jdbc.sql("select count(*)::int from accounts.outbox")
                        .query(Integer.class)
                        .single()));
        assertThat(kept).isEqualTo(3);
    }

    @Test
    void anOrganizationWithItsLimitOfPendingInvitationsMustWithdrawSomeBeforeInvitingMore() {
        var api = new Api(port);
        var stranger = api.signUp("SHOP");
        TenantContext.runAs(
                Tenant.user(stranger.orgId(), stranger.userId()),
                () -> transactions.executeWithoutResult(
                        s -> jdbc.sql("""
                                insert into accounts.invitations (org_id, id, email, role_ids, token_hash, expires_at,
                                                                  status, created_at, updated_at)
                                select :org, gen_random_uuid(), 'pending-' || g || '@example.test',
                                       array[gen_random_uuid()], md5(cast(:org as text) || g), now() + interval '7 days',
                                       'PENDING', now(), now()
                                  from generate_series(1, 500) g
                                """).param("org", stranger.orgId()).update()));
        String one = Api.uniqueEmail("one-more");

        var refused = api.invite(stranger, one, "TECHNICIAN");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("500 pending invitations");
        assertThat(TestMail.countTo(one)).isZero();
    }
}
