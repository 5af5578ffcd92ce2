package io.traveler.production.web;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The scan station's place in the navigation, next to "My work": where the floor works. */
@Configuration(proxyBeanMethods = false)
class ScanStationNavigation {
    @Bean
    ModuleContribution scanStationContribution() {
        return ModuleContribution.of("production")
                .navigation(73, "Scan", "/app/scan", "production:scan")
                .build();
    }
}
