package io.traveler.tasks.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import io.traveler.shared.tenancy.TenantContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the tasks module adds: its permissions and their holders, its pages and its counts. Doing the work (start,
 * complete, tick a checklist, comment) is {@code tasks:work}, apart from planning it ({@code tasks:manage}: add,
 * change, assign, delete); logging time, one's own or by the timer, is {@code time:log}.
 */
@Configuration(proxyBeanMethods = false)
class TasksModule {
    @Bean
    ModuleContribution tasksContribution(MyWork myWork) {
        return ModuleContribution.of("tasks")
                .permission("tasks:read", "See tasks, their checklists and comments, time logs and labour costs")
                .permission("tasks:manage", "Add, change, assign and delete tasks and their dependencies")
                .permission("tasks:work", "Start and complete tasks, tick their checklists and comment on them")
                .permission("time:log", "Start and stop timers and log time on tasks")
                .grant(PRODUCTION_MANAGER, "tasks:read", "tasks:manage", "tasks:work", "time:log")
                .grant(TECHNICIAN, "tasks:read", "tasks:work", "time:log")
                .grant(QC_INSPECTOR, "tasks:read", "tasks:work")
                .grant(FINANCE, "tasks:read")
                .navigation(74, "My work", "/app/my-work", "tasks:read")
                .tile(58, "My open tasks", "/app/my-work", "tasks:read", () -> TenantContext.actorId()
                        .map(myWork::openTaskCount)
                        .orElse(0L))
                .build();
    }
}
