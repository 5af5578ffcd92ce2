package io.traveler.orders.internal;

import io.traveler.inventory.StockReferences;
import io.traveler.shared.tenancy.TenantContext;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stock moved for an order names one of the organization's own orders (a brand's purchase order to a factory is the
 * factory's order); no project bears the cost.
 */
@Component
class OrderStockReferences implements StockReferences {
    private final JdbcClient jdbc;

    OrderStockReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> types() {
        return Set.of("ORDER");
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Referenced> find(String type, UUID id) {
        return jdbc.sql("select id from orders.orders where org_id = :org and id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query(UUID.class)
                .optional()
                .map(found -> new Referenced(null));
    }
}
