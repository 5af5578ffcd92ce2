package io.traveler.configurator;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/**
 * The order lines the configurator configures. Implemented by the orders module (which depends on this one), in the
 * current organization: only the organization that fulfils the order configures its lines.
 */
public interface ConfigurableLines {
    /**
     * An order line as the configurator shows it. {@code editable}: the order is still in DRAFT or CONFIGURATION, so
     * its configuration may change. {@code priceOverridden}: its unit price was set by hand and the configuration's
     * price no longer reaches it.
     */
    record LineRef(
            UUID lineId,
            UUID orderId,
            String orderCode,
            int lineNo,
            UUID productId,
            String name,
            BigDecimal quantity,
            BigDecimal unitPrice,
            boolean editable,
            boolean priceOverridden) {}

    /** The current organization's own order line, if there is one. */
    Optional<LineRef> line(UUID lineId);

    /**
     * The line's configuration changed, in the caller's transaction: the line records the configuration and the BOM
     * generated from its current values (null: none yet), and takes {@code price} as its unit price unless its price
     * was overridden (null price: left as it is). Refused with a conflict when the order has left CONFIGURATION.
     */
    void configured(UUID lineId, UUID configurationId, BigDecimal price, UUID bomId);
}
