package io.traveler.accounts.internal.mail;

import io.traveler.accounts.Mailer;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.TryLaterException;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox: {@link #send} records the message with the business change; after commit a virtual thread delivers
 * it, and {@link OutboxRetry} picks up what failed or was never tried (a crash between commit and delivery).
 */
@Service
public class OutboxMailer implements Mailer {
    static final int MAX_ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(OutboxMailer.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ObjectProvider<JavaMailSender> senders;
    private final String from;
    private final int hourlyBudget;
    private final int hourlyPerRecipient;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();

    OutboxMailer(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ObjectProvider<JavaMailSender> senders,
            @Value("${traveler.mail.from:traveler@localhost}") String from,
            @Value("${traveler.mail.per-organization-per-hour:100}") int hourlyBudget,
            @Value("${traveler.mail.per-recipient-per-hour:5}") int hourlyPerRecipient) {
        this.jdbc = jdbc;
        this.hourlyBudget = hourlyBudget;
        this.hourlyPerRecipient = hourlyPerRecipient;
        this.transactions = transactions;
        this.senders = senders;
        this.from = from;
    }

    public record Message(
            UUID id,
            String recipient,
            String subject,
            String body,
            String status,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant sentAt) {
        private static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile("https?://\\S+");

        /**
         * Only a message that was never delivered is the sender's to read: a delivered (or deliverable) one holds
         * links meant for its recipient alone, such as an invitation's, which would otherwise let the inviter join
         * as the invited address.
         */
        public boolean readableBySender() {
            return "KEPT".equals(status);
        }

        /** The links in the text, so the page can make them clickable; none of a message meant for its recipient. */
        public List<String> links() {
            return readableBySender()
                    ? LINK.matcher(body).results().map(r -> r.group()).toList()
                    : List.of();
        }
    }

    @Override
    public boolean delivers() {
        return senders.getIfAvailable() != null;
    }

    @Override
    public void send(String to, String subject, String text) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Mail is sent from inside the transaction of the change it reports");
        }
        UUID orgId = TenantContext.requireOrgId();
        requireBudget(orgId, to);
        boolean smtp = delivers();
        UUID id = Ids.newId();
        jdbc.sql("""
                        insert into accounts.outbox (org_id, id, recipient, subject, body, status, created_at, updated_at)
                        values (:org, :id, :to, :subject, :body, :status, now(), now())
                        """)
                .param("org", orgId)
                .param("id", id)
                .param("to", to)
                .param("subject", subject)
                .param("body", text)
                .param("status", smtp ? "PENDING" : "KEPT")
                .update();
        if (!smtp) {
            log.info(
                    "Mail to {} (\"{}\") is kept in the outbox of organization {}: no SMTP server is configured"
                            + " (spring.mail.host). Its administrators read it, links included, at /app/outbox",
                    to,
                    subject,
                    orgId);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                deliveries.execute(() -> deliver(orgId, id));
            }
        });
    }

    /**
     * An organization mails at most {@code traveler.mail.per-organization-per-hour} messages in any hour, and at most
     * {@code traveler.mail.per-recipient-per-hour} to one address, so a fresh sign-up cannot turn Traveler into a
     * mail cannon (invitations and their resends go to any address it names). The transaction-scoped advisory lock
     * makes parallel senders of one organization count one after another.
     */
    private void requireBudget(UUID orgId, String to) {
        jdbc.sql("select 1 from pg_advisory_xact_lock(hashtextextended('accounts.outbox:' || :org, 0))")
                .param("org", orgId.toString())
                .query()
                .singleValue();
        LastHour sent = jdbc.sql("""
                        select count(*)::int, (count(*) filter (where lower(recipient) = lower(:to)))::int
                          from accounts.outbox where org_id = :org and created_at > now() - interval '1 hour'
                        """)
                .param("org", orgId)
                .param("to", to)
                .query((rs, n) -> new LastHour(rs.getInt(1), rs.getInt(2)))
                .single();
        if (sent.toRecipient() >= hourlyPerRecipient) {
            throw TryLaterException.tooMany(
                    "This organization has mailed " + to + " " + sent.toRecipient()
                            + " times in the last hour, its limit for one address; try later",
                    Duration.ofMinutes(10));
        }
        if (sent.all() >= hourlyBudget) {
            throw TryLaterException.tooMany(
                    "This organization has sent " + sent.all() + " messages in the last hour, its limit; try later",
                    Duration.ofMinutes(10));
        }
    }

    private record LastHour(int all, int toRecipient) {}

    /** Delivers one message if it is still undelivered; the row lock keeps the retry job from sending it twice. */
    void deliver(UUID orgId, UUID id) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            return;
        }
        TenantContext.runAs(
                Tenant.system(orgId),
                () -> transactions.executeWithoutResult(status -> {
                    Optional<Message> message = jdbc.sql("""
                            select id, recipient, subject, body, status, attempts, last_error, created_at, sent_at
                              from accounts.outbox
                             where org_id = :org and id = :id and status in ('PENDING', 'FAILED')
                             for update skip locked
                            """)
                            .param("org", orgId)
                            .param("id", id)
                            .query(OutboxMailer::message)
                            .optional();
                    if (message.isEmpty()) {
                        return;
                    }
                    String error = null;
                    try {
                        var mail = new SimpleMailMessage();
                        mail.setFrom(from);
                        mail.setTo(message.get().recipient());
                        mail.setSubject(message.get().subject());
                        mail.setText(message.get().body());
                        sender.send(mail);
                    } catch (RuntimeException e) {
                        error = e.getClass().getSimpleName() + ": " + e.getMessage();
                        log.warn("Mail {} to {} failed: {}", id, message.get().recipient(), error);
                    }
                    jdbc.sql("""
                            update accounts.outbox
                               set status = :status, attempts = attempts + 1, last_error = :error,
                                   sent_at = case when :status = 'SENT' then now() end, updated_at = now()
                             where org_id = :org and id = :id
                            """)
                            .param("org", orgId)
                            .param("status", error == null ? "SENT" : "FAILED")
                            .param("error", error)
                            .param("id", id)
                            .update();
                }));
    }

    /** The organization's latest outgoing mail, newest first. */
    public List<Message> recent(int limit) {
        return transactions.execute(status -> jdbc.sql("""
                        select id, recipient, subject, body, status, attempts, last_error, created_at, sent_at
                          from accounts.outbox where org_id = :org order by created_at desc, id desc limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("limit", limit)
                .query(OutboxMailer::message)
                .list());
    }

    private static Message message(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp sent = rs.getTimestamp(9);
        return new Message(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getInt(6),
                rs.getString(7),
                rs.getTimestamp(8).toInstant(),
                sent == null ? null : sent.toInstant());
    }
}
