package io.traveler.inventory.internal;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Purchasing's pages in the navigation (suppliers, their purchase orders, the reorder dashboard) and its tiles: the
 * parts to reorder and the purchase orders still expected.
 */
@Configuration(proxyBeanMethods = false)
class PurchasingPagesContribution {
    @Bean
    ModuleContribution purchasingContribution(JdbcClient jdbc) {
        return ModuleContribution.of("inventory")
                .navigation(86, "Suppliers", "/app/inventory/suppliers", "inventory:read")
                .navigation(87, "Supplier orders", "/app/inventory/purchase-orders", "inventory:read")
                .navigation(88, "Reorder", "/app/inventory/reorder", "inventory:read")
                .tile(87, "Parts to reorder", "/app/inventory/reorder", "inventory:read", jdbc, """
                        select count(*) from inventory.part_stock
                         where org_id = :org and reorder_point is not null and on_hand - reserved <= reorder_point
                        """)
                .tile(
                        88,
                        "Supplier orders expected",
                        "/app/inventory/purchase-orders?open=true",
                        "inventory:read",
                        jdbc,
                        """
                                select count(*) from inventory.purchase_orders
                                 where org_id = :org and status in ('SENT', 'PARTIALLY_RECEIVED')
                                """)
                .build();
    }
}
