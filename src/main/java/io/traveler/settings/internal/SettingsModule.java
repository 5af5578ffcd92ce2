package io.traveler.settings.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What settings adds to the application: its permissions, their holders and its page. */
@Configuration(proxyBeanMethods = false)
class SettingsModule {
    @Bean
    ModuleContribution settingsContribution() {
        return ModuleContribution.of("settings")
                .permission("settings:read", "See the organization's settings and numbering series")
                .permission("settings:update", "Change settings and numbering series")
                .grant(PRODUCTION_MANAGER, "settings:read")
                .grant(SALES_MANAGER, "settings:read")
                .grant(FINANCE, "settings:read")
                .navigation(120, "Settings", "/app/settings", "settings:read")
                .build();
    }
}
