package io.traveler.projects.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the projects module adds: its permissions and their holders, its pages, its counts and its search. Moving a
 * project along its stages and recording stage actions ({@code projects:advance}) is the shop floor's, apart from
 * creating, changing, starting, holding and promoting projects ({@code projects:manage}).
 */
@Configuration(proxyBeanMethods = false)
class ProjectsModule {
    @Bean
    ModuleContribution projectsContribution(JdbcClient jdbc, ProjectSearch search) {
        return ModuleContribution.of("projects")
                .permission("projects:read", "See projects, their stages, tasks, time, costs and design documents")
                .permission(
                        "projects:manage",
                        "Create, change, start, hold, cancel and promote projects, and attach design documents")
                .permission("projects:advance", "Move projects between stages and record stage actions")
                .grant(PRODUCTION_MANAGER, "projects:read", "projects:manage", "projects:advance")
                .grant(TECHNICIAN, "projects:read", "projects:advance")
                .grant(QC_INSPECTOR, "projects:read", "projects:advance")
                .grant(SALES_MANAGER, "projects:read")
                .grant(CUSTOMER_SERVICE, "projects:read")
                .grant(FINANCE, "projects:read")
                .grant(DESIGNER, "projects:read")
                .navigation(80, "Projects", "/app/projects", "projects:read")
                .tile(58, "Active projects", "/app/projects?status=ACTIVE", "projects:read", jdbc, """
                        select count(*) from projects.projects where org_id = :org and status = 'ACTIVE'""")
                .search(
                        "projects",
                        "Projects",
                        "projects:read",
                        "/app/projects/{id}",
                        "/api/projects/{id}",
                        search::hits)
                .build();
    }
}
