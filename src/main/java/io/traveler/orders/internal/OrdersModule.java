package io.traveler.orders.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the orders module adds: its permissions and the roles that hold them. */
@Configuration(proxyBeanMethods = false)
class OrdersModule {
    @Bean
    ModuleContribution ordersContribution() {
        return ModuleContribution.of("orders")
                .permission("orders:read", "See orders, their lines and phase history, and purchase orders")
                .permission("orders:write", "Create orders and purchase orders, change their lines and details")
                .permission("orders:transition", "Move orders between phases, hold, resume and cancel them")
                .permission("orders:accept", "Accept or reject purchase orders addressed to the organization")
                .permission(
                        "orders:override_credit",
                        "Take an order of a blocked customer or one over its credit limit past approval")
                .permission("orders:configure", "Tighten the organization's phase transition table")
                .grant(SALES_MANAGER, "orders:read", "orders:write", "orders:transition", "orders:override_credit")
                .grant(CUSTOMER_SERVICE, "orders:read")
                .grant(
                        PRODUCTION_MANAGER,
                        "orders:read",
                        "orders:write",
                        "orders:transition",
                        "orders:accept",
                        "orders:configure")
                .grant(FINANCE, "orders:read", "orders:override_credit")
                .grant(QC_INSPECTOR, "orders:read")
                .grant(BRAND_USER, "orders:read", "orders:write")
                .build();
    }
}
