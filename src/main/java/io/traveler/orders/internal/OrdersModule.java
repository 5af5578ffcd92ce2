package io.traveler.orders.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the orders module adds: its permissions and the roles that hold them, its pages, its counts and its search.
 * One "Purchase orders" entry serves both sides: its page is the inbox for a factory, the sent orders for a brand.
 */
@Configuration(proxyBeanMethods = false)
class OrdersModule {
    @Bean
    ModuleContribution ordersContribution(OrderSearch search) {
        return ModuleContribution.of("orders")
                .permission("orders:read", "See orders, their lines and phase history, and purchase orders")
                .permission("orders:write", "Create orders and purchase orders, change their lines and details")
                .permission("orders:transition", "Move orders between phases, hold, resume and cancel them")
                .permission("orders:accept", "Accept or reject purchase orders addressed to the organization")
                .permission(
                        "orders:override_credit",
                        "Take an order of a blocked customer or one over its credit limit past approval")
                .permission(
                        "orders:override_price",
                        "Set a configured order line's unit price by hand instead of its configuration's price")
                .permission("orders:configure", "Tighten the organization's phase transition table")
                .grant(
                        SALES_MANAGER,
                        "orders:read",
                        "orders:write",
                        "orders:transition",
                        "orders:override_credit",
                        "orders:override_price")
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
                .navigation(77, "Orders", "/app/orders", "orders:read")
                .navigation(78, "Purchase orders", "/app/orders/purchase-orders", "orders:read")
                .tile(56, "Open orders", "/app/orders", "orders:read", search::openOrders)
                .tile(
                        57,
                        "Purchase orders awaiting acceptance",
                        "/app/orders/purchase-orders",
                        "orders:read",
                        search::purchaseOrdersAwaitingAcceptance)
                .search("orders", "Orders", "orders:read", "/app/orders/{id}", "/api/orders/{id}", search::hits)
                .build();
    }
}
