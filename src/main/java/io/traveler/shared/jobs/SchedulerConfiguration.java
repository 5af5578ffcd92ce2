package io.traveler.shared.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * db-scheduler on the application's pool: persistent tasks in {@code public.scheduled_tasks}, each execution picked
 * by one node. Every {@link Task} bean of any module is registered; recurring tasks schedule themselves at start.
 * The scheduler starts once the context is up and stops before the connection pools close. Each node beats for the
 * executions it runs every {@code traveler.jobs.heartbeat-interval}; one silent for
 * {@code traveler.jobs.missed-heartbeats-limit} beats is dead, and whichever node sees it first revives it.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

    @Bean
    RunningScheduler runningScheduler(DataSource dataSource, ObjectProvider<Task<?>> tasks, Environment env) {
        return new RunningScheduler(
                () -> build(dataSource, tasks.orderedStream().toList(), env));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Scheduler build(DataSource dataSource, List<Task<?>> all, Environment env) {
        List startupTasks = all.stream().filter(OnStartup.class::isInstance).toList();
        // tasks given to startTasks are registered by it: listing them here too would register them twice
        List others = all.stream().filter(task -> !(task instanceof OnStartup)).toList();
        return Scheduler.create(dataSource, others)
                .startTasks(startupTasks)
                .threads(env.getProperty("traveler.jobs.threads", Integer.class, 4))
                .pollingInterval(
                        env.getProperty("traveler.jobs.polling-interval", Duration.class, Duration.ofSeconds(5)))
                .enableImmediateExecution()
                // an execution whose node stops beating for this many intervals is dead: another node revives it
                .heartbeatInterval(
                        env.getProperty("traveler.jobs.heartbeat-interval", Duration.class, Duration.ofSeconds(10)))
                .missedHeartbeatsLimit(env.getProperty("traveler.jobs.missed-heartbeats-limit", Integer.class, 6))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }
}
