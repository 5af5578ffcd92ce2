package io.traveler.shared.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * db-scheduler on the application's pool: persistent tasks in {@code public.scheduled_tasks}, each execution picked
 * by one node. Every {@link Task} bean of any module is registered; recurring tasks schedule themselves at start.
 * The scheduler starts once the context is up and stops before the connection pools close.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    Scheduler scheduler(DataSource dataSource, ObjectProvider<Task<?>> tasks, Environment env) {
        List<Task<?>> all = tasks.orderedStream().toList();
        List startupTasks = all.stream().filter(OnStartup.class::isInstance).toList();
        // startTasks(...) registers its tasks as known too; naming them twice fails with "Duplicate key".
        List otherTasks =
                all.stream().filter(task -> !(task instanceof OnStartup)).toList();
        return Scheduler.create(dataSource, otherTasks)
                .startTasks(startupTasks)
                .threads(env.getProperty("traveler.jobs.threads", Integer.class, 4))
                .pollingInterval(
                        env.getProperty("traveler.jobs.polling-interval", Duration.class, Duration.ofSeconds(5)))
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    @Bean
    SmartLifecycle schedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
