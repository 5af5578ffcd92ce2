package io.traveler.shared.jobs;

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
 * The job runner's db-scheduler tasks: running one job ({@link JobRunner#TASK}, on one of the scheduler's bounded
 * workers; queued executions survive a restart, a dead one is revived on another node), and the recurring retention.
 */
@Configuration(proxyBeanMethods = false)
class JobTasks {

    /** The runner is looked up when a job runs: it schedules through the scheduler, which needs this task first. */
    @Bean
    Task<JobRunner.Order> jobTask(ObjectProvider<JobRunner> runner) {
        return Tasks.oneTime(JobRunner.TASK).onDeadExecutionRevive().execute((execution, context) -> runner.getObject()
                .run(execution.getData()));
    }

    @Bean
    Task<Void> jobRetentionTask(
            JobRetention retention, @Value("${traveler.jobs.retention-interval:1h}") Duration interval) {
        Clock clock = Clock.systemUTC();
        return Tasks.recurring("job-retention", FixedDelay.of(interval))
                .execute((execution, context) -> retention.purge(clock.instant()));
    }
}
