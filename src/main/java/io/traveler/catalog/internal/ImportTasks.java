package io.traveler.catalog.internal;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The import's db-scheduler tasks: processing one queued job ({@link ImportService#TASK}, on one of the scheduler's
 * bounded workers; queued executions survive a restart), and the hourly purge of stored files older than
 * {@code traveler.imports.retention}.
 */
@Configuration(proxyBeanMethods = false)
class ImportTasks {

    /** The service is looked up when a job runs: it schedules through the scheduler, which needs this task first. */
    @Bean
    Task<ImportService.Order> catalogImportTask(ObjectProvider<ImportService> imports) {
        return Tasks.oneTime(ImportService.TASK)
                .execute((execution, context) -> imports.getObject().run(execution.getData()));
    }

    @Bean
    Task<Void> importFilePurgeTask(
            ImportFilePurge purge, @Value("${traveler.imports.retention:7d}") Duration retention) {
        Clock clock = Clock.systemUTC();
        return Tasks.recurring("catalog-import-file-purge", FixedDelay.ofHours(1))
                .execute((execution, context) ->
                        purge.purgeStartedBefore(clock.instant().minus(retention)));
    }
}
