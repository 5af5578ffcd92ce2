package io.traveler.production.internal;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shop floor's pages in the navigation (its overview and the defect log) and its tiles on the home page. */
@Configuration(proxyBeanMethods = false)
class ShopFloorPagesContribution {
    @Bean
    ModuleContribution shopFloorPages(ProductionViews views) {
        return ModuleContribution.of("production")
                .navigation(81, "Shop floor", "/app/production", "production:read")
                .navigation(82, "Defects", "/app/defects", "production:read")
                .tile(81, "Units in progress", "/app/production", "production:read", views::unitsInProgress)
                .tile(82, "Open defects", "/app/defects?state=open", "production:read", views::openDefects)
                .build();
    }
}
