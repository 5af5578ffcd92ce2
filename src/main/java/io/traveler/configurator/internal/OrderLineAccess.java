package io.traveler.configurator.internal;

import io.traveler.shared.security.Callers;
import org.springframework.stereotype.Component;

/**
 * A configuration of an order line changes that line (its configuration, BOM, unit price and the order's totals), so
 * it needs the orders module's permission to change orders besides {@code configurator:configure}; showing an order
 * line (its order, quantity and price) needs the permission to read orders.
 */
@Component
public class OrderLineAccess {
    public static final String ORDERS_WRITE = "orders:write";
    public static final String ORDERS_READ = "orders:read";

    private final Callers callers;

    OrderLineAccess(Callers callers) {
        this.callers = callers;
    }

    public void requireToChange() {
        callers.require(ORDERS_WRITE, "Configuring an order line changes its order");
    }

    public void requireToRead() {
        callers.require(ORDERS_READ, "An order line shows its order");
    }

    /** Whether the caller may see the order line a configuration belongs to. */
    public boolean mayRead() {
        return callers.hold(ORDERS_READ);
    }
}
