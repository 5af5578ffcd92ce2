package io.traveler.shared.jpa;

import io.traveler.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * The base of every aggregate owned by one organization: a UUIDv7 id made here and the organization, filled and
 * filtered by Hibernate from the current tenant.
 */
@MappedSuperclass
public abstract class TenantOwned extends Stamped {
    @Id
    private UUID id = Ids.newId();

    @TenantId
    @Column(name = "org_id", nullable = false, updatable = false)
    private UUID orgId;

    public UUID id() {
        return id;
    }

    public UUID orgId() {
        return orgId;
    }
}
