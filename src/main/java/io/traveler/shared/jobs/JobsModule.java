package io.traveler.shared.jobs;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job runner's permissions and page. {@code jobs:read} opens the job list and {@code jobs:cancel} the cancel
 * button; each job also needs the permission its kind declares ({@link JobHandler#readPermission()} to see it,
 * {@link JobHandler#startPermission()} to cancel it), so the list shows a person only the jobs of modules they may
 * use.
 */
@Configuration(proxyBeanMethods = false)
class JobsModule {
    @Bean
    ModuleContribution jobsContribution() {
        return ModuleContribution.of("jobs")
                .permission("jobs:read", "See background jobs (imports, exports) of the modules one may read")
                .permission("jobs:cancel", "Cancel background jobs of the kinds one may start")
                .grant(PRODUCTION_MANAGER, "jobs:read", "jobs:cancel")
                .grant(DESIGNER, "jobs:read", "jobs:cancel")
                .grant(SALES_MANAGER, "jobs:read")
                .grant(QC_INSPECTOR, "jobs:read")
                .grant(TECHNICIAN, "jobs:read")
                .grant(CUSTOMER_SERVICE, "jobs:read")
                .grant(FINANCE, "jobs:read")
                .grant(BRAND_USER, "jobs:read")
                .navigation(95, "Jobs", "/app/jobs", "jobs:read")
                .build();
    }
}
