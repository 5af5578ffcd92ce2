package io.traveler.orders.internal;

import io.traveler.configurator.ConfigurableLines;
import io.traveler.shared.security.Callers;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order lines the configurator configures: only the lines of orders the current organization fulfils (a brand
 * configures nothing of its purchase orders). What a configuration makes of a line goes through
 * {@link OrderService#configured}, in the configurator's transaction.
 */
@Component
class OrderConfigurableLines implements ConfigurableLines {
    private final Orders orders;
    private final OrderLines lines;
    private final OrderService service;
    private final Callers callers;

    OrderConfigurableLines(Orders orders, OrderLines lines, OrderService service, Callers callers) {
        this.orders = orders;
        this.lines = lines;
        this.service = service;
        this.callers = callers;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<LineRef> line(UUID lineId) {
        if (lineId == null) {
            return Optional.empty();
        }
        UUID org = TenantContext.requireOrgId();
        return lines.findOwned(lineId, org).flatMap(line -> orders.findVisible(line.orderId(), org)
                .filter(order -> order.orgId().equals(org))
                .map(order -> new LineRef(
                        line.id(),
                        order.id(),
                        order.code(),
                        line.lineNo(),
                        line.productId(),
                        line.name(),
                        line.quantity(),
                        line.unitPrice(),
                        OrderService.LINES_OPEN.contains(order.phase()),
                        line.priceOverridden())));
    }

    @Override
    @Transactional
    public void configured(UUID lineId, UUID configurationId, BigDecimal price, UUID bomId) {
        // the configuration prices the line and re-totals the order: a change of the order, whoever asks
        callers.require("orders:write", "Configuring an order line changes its order");
        service.configured(lineId, configurationId, price, bomId);
    }
}
