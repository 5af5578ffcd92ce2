package io.traveler.configurator.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The configurator's permissions and their holders: designers and the production manager keep options and rules;
 * sales and customer service configure order lines; everyone who sells or builds the product sees them. Pages add
 * their own navigation entries.
 */
@Configuration(proxyBeanMethods = false)
class ConfiguratorModule {
    @Bean
    ModuleContribution configuratorContribution() {
        return ModuleContribution.of("configurator")
                .permission("configurator:read", "See product options, configuration rules and configurations")
                .permission(
                        "configurator:configure",
                        "Configure products and order lines, and generate their bills of materials")
                .permission("configurator:manage", "Change product options and configuration rules")
                .grant(PRODUCTION_MANAGER, "configurator:read", "configurator:configure", "configurator:manage")
                .grant(DESIGNER, "configurator:read", "configurator:configure", "configurator:manage")
                .grant(SALES_MANAGER, "configurator:read", "configurator:configure")
                .grant(CUSTOMER_SERVICE, "configurator:read", "configurator:configure")
                .grant(TECHNICIAN, "configurator:read")
                .grant(QC_INSPECTOR, "configurator:read")
                .build();
    }
}
