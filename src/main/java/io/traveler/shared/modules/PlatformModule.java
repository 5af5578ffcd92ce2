package io.traveler.shared.modules;

import io.traveler.shared.security.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The permissions of the platform itself rather than of a business module. */
@Configuration(proxyBeanMethods = false)
class PlatformModule {
    @Bean
    ModuleContribution platformContribution() {
        return ModuleContribution.of("platform")
                .permission(Permission.METRICS_READ, "Scrape /actuator/prometheus on the application's port")
                .build();
    }
}
