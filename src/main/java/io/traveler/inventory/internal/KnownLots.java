package io.traveler.inventory.internal;

import io.traveler.inventory.Lots;
import io.traveler.shared.tenancy.TenantContext;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

@Component
class KnownLots implements Lots {
    private final JdbcClient jdbc;

    KnownLots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean exists(UUID lotId) {
        return jdbc.sql("select exists (select 1 from inventory.lots where org_id = :org and id = :id)")
                .param("org", TenantContext.requireOrgId())
                .param("id", lotId)
                .query(Boolean.class)
                .single();
    }
}
