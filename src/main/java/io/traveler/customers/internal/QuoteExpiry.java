package io.traveler.customers.internal;

import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.jpa.BulkAudit;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks SENT quotes whose validity date has passed EXPIRED, in every organization. {@code
 * customers.orgs_with_quotes_to_expire} (migration customers V2, the one way across row-level security) names the
 * organizations that may have such quotes; each is then swept in its own context and transaction, where its time
 * zone decides which day "today" is, under the ordinary tenant policy. One organization failing leaves the others
 * swept and itself to the next run.
 */
@Component
class QuoteExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(QuoteExpiry.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OrganizationSettings settings;
    private final BulkAudit audit;

    QuoteExpiry(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            OrganizationSettings settings,
            BulkAudit audit) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.settings = settings;
        this.audit = audit;
    }

    /** What the recurring task does at {@code now}; the number of quotes it expired. */
    int expireAt(Instant now) {
        List<UUID> orgs =
                transactions.execute(s -> jdbc.sql("select org_id from customers.orgs_with_quotes_to_expire(:at)")
                        .param("at", Timestamp.from(now))
                        .query(UUID.class)
                        .list());
        int expired = 0;
        for (UUID org : orgs) {
            try {
                expired += TenantContext.callAs(Tenant.system(org), () -> transactions.execute(s -> expireIn(now)));
            } catch (RuntimeException e) {
                LOG.warn("Quote expiry failed in organization {}; it is retried at the next run", org, e);
            }
        }
        if (expired > 0) {
            LOG.info("Quote expiry: {} quote(s) in {} organization(s) expired", expired, orgs.size());
        }
        return expired;
    }

    /** In the current organization: SENT quotes valid until a day before today there, each audited. */
    private int expireIn(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of(settings.current().timezone()));
        List<UUID> expired = jdbc.sql("""
                        update customers.quotes
                           set status = 'EXPIRED', decided_at = now(), edited_at = now(), updated_at = now(),
                               version = version + 1
                         where org_id = :org and status = 'SENT' and valid_until < :today
                        returning id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("today", today)
                .query(UUID.class)
                .list();
        audit.record(
                "Quote",
                BulkAudit.Action.UPDATE,
                expired.stream()
                        .map(id ->
                                new BulkAudit.Entry(id, Map.of("status", Map.of("before", "SENT", "after", "EXPIRED"))))
                        .toList());
        return expired.size();
    }
}
