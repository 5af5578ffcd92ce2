package io.traveler.production.internal;

import io.traveler.inventory.StockReferences;
import io.traveler.shared.tenancy.TenantContext;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Stock moved for a unit names one of the organization's units; its project bears the cost. */
@Component
class UnitStockReferences implements StockReferences {
    private final JdbcClient jdbc;

    UnitStockReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> types() {
        return Set.of("UNIT");
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Referenced> find(String type, UUID id) {
        return jdbc.sql("select project_id from production.units where org_id = :org and id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query(UUID.class)
                .optional()
                .map(Referenced::new);
    }
}
