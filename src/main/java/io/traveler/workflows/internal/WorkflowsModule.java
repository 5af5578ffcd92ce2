package io.traveler.workflows.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the workflows module adds: its permissions and their holders (production plans workflows; the people who
 * work along them read them), its pages, its count and its search.
 */
@Configuration(proxyBeanMethods = false)
class WorkflowsModule {
    @Bean
    ModuleContribution workflowsContribution(WorkflowVersions versions, WorkflowSearch search) {
        return ModuleContribution.of("workflows")
                .permission("workflows:read", "See workflows, their stages and actions, and station task templates")
                .permission(
                        "workflows:manage", "Create and version workflows, and change the task templates of stations")
                .grant(PRODUCTION_MANAGER, "workflows:read", "workflows:manage")
                .grant(TECHNICIAN, "workflows:read")
                .grant(QC_INSPECTOR, "workflows:read")
                .navigation(79, "Workflows", "/app/workflows", "workflows:read")
                .tile(
                        85,
                        "Active workflows",
                        "/app/workflows?status=active",
                        "workflows:read",
                        () -> versions.countByStatus(WorkflowVersion.Status.ACTIVE))
                .search(
                        "workflows",
                        "Workflows",
                        "workflows:read",
                        "/app/workflows/{id}",
                        "/api/workflows/{id}",
                        search::hits)
                .build();
    }
}
