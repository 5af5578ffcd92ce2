package io.traveler.configurator.internal;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configurator's pages in the navigation: the configurable products, from which options and rules are kept. */
@Configuration(proxyBeanMethods = false)
class ConfiguratorPagesContribution {
    @Bean
    ModuleContribution configuratorNavigation() {
        return ModuleContribution.of("configurator")
                .navigation(80, "Configurator", "/app/configurator", "configurator:read")
                .build();
    }
}
