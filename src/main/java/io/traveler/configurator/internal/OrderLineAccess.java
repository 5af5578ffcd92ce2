package io.traveler.configurator.internal;

import io.traveler.shared.security.Callers;

/**
 * A configuration of an order line changes that line (its configuration, BOM, unit price and the order's totals), so
 * it needs the orders module's permission to change orders besides {@code configurator:configure}; showing an order
 * line (its order, quantity and price) needs the permission to read orders.
 */
public final class OrderLineAccess {
    public static final String ORDERS_WRITE = "orders:write";
    public static final String ORDERS_READ = "orders:read";

    private OrderLineAccess() {}

    public static void requireToChange() {
        Callers.require(ORDERS_WRITE, "Configuring an order line changes its order");
    }

    public static void requireToRead() {
        Callers.require(ORDERS_READ, "An order line shows its order");
    }
}
