package io.traveler.production.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The production module's permissions and their holders. Scanning is the floor's (technicians and QC inspectors);
 * deciding what happens to a defective unit ({@code production:dispose}) is QC's and the production manager's;
 * adding and splitting units is the production manager's. Pages add their own navigation entries.
 */
@Configuration(proxyBeanMethods = false)
class ProductionModule {
    @Bean
    ModuleContribution productionContribution() {
        return ModuleContribution.of("production")
                .permission("production:read", "See units, their passports, labels, station queues and defects")
                .permission(
                        "production:scan",
                        "Scan units at a station: start, complete, record actions, report defects, hold and release")
                .permission("production:dispose", "Decide what happens to a defective unit: rework, scrap or use as is")
                .permission("production:manage", "Add and split units")
                .grant(
                        PRODUCTION_MANAGER,
                        "production:read",
                        "production:scan",
                        "production:dispose",
                        "production:manage")
                .grant(QC_INSPECTOR, "production:read", "production:scan", "production:dispose")
                .grant(TECHNICIAN, "production:read", "production:scan")
                .grant(SALES_MANAGER, "production:read")
                .grant(CUSTOMER_SERVICE, "production:read")
                .build();
    }
}
