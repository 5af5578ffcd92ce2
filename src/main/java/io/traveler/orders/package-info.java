/**
 * Orders: an organization's orders from its customers and the purchase orders brands address to it as a partner
 * factory; their lines, server-computed totals, the phase lifecycle with its history, and the events later modules
 * follow ({@link io.traveler.orders.OrderPlaced}, {@link io.traveler.orders.OrderPhaseChanged}).
 */
@ApplicationModule(
        displayName = "Orders",
        allowedDependencies = {
            "shared",
            "settings",
            "accounts",
            "catalog",
            "customers",
            "projects",
            "inventory",
            "configurator"
        })
package io.traveler.orders;

import org.springframework.modulith.ApplicationModule;
