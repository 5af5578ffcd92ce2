package io.traveler.shared.tenancy;

import java.util.UUID;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/** Feeds Hibernate's {@code @TenantId} from the {@link TenantContext}; no organization matches no row. */
class TenantIdentifierResolver implements CurrentTenantIdentifierResolver<UUID> {
    @Override
    public UUID resolveCurrentTenantIdentifier() {
        return TenantContext.orgId().orElse(Tenant.NO_ORG);
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return false;
    }
}
