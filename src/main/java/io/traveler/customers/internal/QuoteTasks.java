package io.traveler.customers.internal;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recurring quote expiry on the shared db-scheduler: one node runs each execution. */
@Configuration(proxyBeanMethods = false)
class QuoteTasks {
    @Bean
    Task<Void> quoteExpiryTask(QuoteExpiry expiry, @Value("${traveler.quotes.expiry-interval:15m}") Duration interval) {
        Clock clock = Clock.systemUTC();
        return Tasks.recurring("quote-expiry", FixedDelay.of(interval))
                .execute((execution, context) -> expiry.expireAt(clock.instant()));
    }
}
