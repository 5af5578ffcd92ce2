package io.traveler.equipment.internal;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The maintenance check on the shared db-scheduler, daily by default ({@code traveler.equipment.maintenance-check},
 * a db-scheduler schedule such as {@code DAILY|05:00} or {@code FIXED_DELAY|3600s}); one node runs each execution.
 */
@Configuration(proxyBeanMethods = false)
class MaintenanceTasks {
    @Bean
    Task<Void> maintenanceCheckTask(
            MaintenanceCheck check, @Value("${traveler.equipment.maintenance-check:DAILY|05:00}") String schedule) {
        Clock clock = Clock.systemUTC();
        return Tasks.recurring("maintenance-due-check", Schedules.parseSchedule(schedule))
                .execute((execution, context) -> check.announceAt(clock.instant()));
    }
}
