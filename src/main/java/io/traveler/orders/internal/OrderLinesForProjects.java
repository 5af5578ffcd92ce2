package io.traveler.orders.internal;

import io.traveler.projects.OrderSource;
import io.traveler.shared.tenancy.TenantContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An order as the projects module makes projects of it: only the organization that fulfils the order reads it
 * here (a brand reading its purchase order gets nothing). Due: the promised date, else the requested one.
 */
@Component
class OrderLinesForProjects implements OrderSource {
    private final Orders orders;
    private final OrderLines lines;
    private final JdbcClient jdbc;

    OrderLinesForProjects(Orders orders, OrderLines lines, JdbcClient jdbc) {
        this.orders = orders;
        this.lines = lines;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public List<UUID> ordersInPhase(String phase) {
        return jdbc.sql("""
                        select id from orders.orders where org_id = :org and phase = :phase
                         order by ordered_on, created_at, id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("phase", phase)
                .query(UUID.class)
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<OrderForProjects> order(UUID orderId) {
        UUID org = TenantContext.requireOrgId();
        return orders.findVisible(orderId, org)
                .filter(order -> order.orgId().equals(org))
                .map(order -> new OrderForProjects(
                        order.id(),
                        order.code(),
                        order.customerId(),
                        order.partyName(),
                        order.promisedOn() != null ? order.promisedOn() : order.requestedOn(),
                        order.priority().name(),
                        lines.findOfOrder(order.id(), org).stream()
                                .map(line -> new Line(
                                        line.id(),
                                        line.productId(),
                                        line.variantId(),
                                        line.name(),
                                        line.quantity(),
                                        line.lineTotal(),
                                        line.bomId()))
                                .toList()));
    }
}
