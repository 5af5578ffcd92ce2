package io.traveler.inventory.internal;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The stock pages in the navigation (after the shop floor's) and how many parts are in stock on the home page. */
@Configuration(proxyBeanMethods = false)
class StockPagesContribution {
    @Bean
    ModuleContribution stockNavigation(StockViews views) {
        return ModuleContribution.of("inventory")
                .navigation(83, "Stock", "/app/inventory", "inventory:read")
                .tile(83, "Parts in stock", "/app/inventory", "inventory:read", views::partsInStock)
                .build();
    }
}
