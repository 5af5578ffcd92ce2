package io.traveler.inventory.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The inventory module's permissions and their holders. Moving stock (receiving, issuing, transferring, counting)
 * is the floor's and the production manager's; adjusting, reorder settings, suppliers and purchase orders are the
 * production manager's. Pages add their own navigation entries.
 */
@Configuration(proxyBeanMethods = false)
class InventoryModule {
    @Bean
    ModuleContribution inventoryContribution() {
        return ModuleContribution.of("inventory")
                .permission(
                        "inventory:read", "See stock, lots, the ledger, valuation, reservations and purchase orders")
                .permission("inventory:move", "Receive, issue, transfer and count stock")
                .permission(
                        "inventory:manage",
                        "Adjust stock, set reorder points, manage suppliers and purchase orders, check the ledger")
                .grant(PRODUCTION_MANAGER, "inventory:read", "inventory:move", "inventory:manage")
                .grant(TECHNICIAN, "inventory:read", "inventory:move")
                .grant(QC_INSPECTOR, "inventory:read")
                .grant(FINANCE, "inventory:read")
                .grant(DESIGNER, "inventory:read")
                .build();
    }
}
