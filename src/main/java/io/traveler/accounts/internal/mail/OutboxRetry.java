package io.traveler.accounts.internal.mail;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every minute, delivers the mail that failed (up to {@value OutboxMailer#MAX_ATTEMPTS} attempts) or that was never
 * tried. Which messages are due comes from a function run as the tables' owner; each is then delivered as its
 * organization, under row-level security.
 */
@Configuration(proxyBeanMethods = false)
class OutboxRetry {
    record Due(UUID orgId, UUID id) {}

    @Bean
    RecurringTask<Void> outboxRetryTask(JdbcClient jdbc, OutboxMailer mailer) {
        return Tasks.recurring("outbox-retry", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> jdbc.sql(
                                "select org_id, id from accounts.undelivered_mail(:max, :before)")
                        .param("max", OutboxMailer.MAX_ATTEMPTS)
                        .param("before", Timestamp.from(Instant.now().minusSeconds(60)))
                        .query(Due.class)
                        .list()
                        .forEach(due -> mailer.deliver(due.orgId(), due.id())));
    }
}
