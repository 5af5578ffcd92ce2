package io.traveler.shared.jpa;

import io.traveler.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * The base of every aggregate owned by one organization: a UUIDv7 id made here, the organization filled and
 * filtered by Hibernate from the current tenant, an optimistic-lock version that is also the ETag.
 */
@MappedSuperclass
public abstract class TenantOwned {
    @Id
    private UUID id = Ids.newId();

    @TenantId
    @Column(name = "org_id", nullable = false, updatable = false)
    private UUID orgId;

    @Version
    private Long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @PrePersist
    void stampCreation() {
        createdAt = Instant.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void stampUpdate() {
        updatedAt = Instant.now();
    }

    public UUID id() {
        return id;
    }

    public UUID orgId() {
        return orgId;
    }

    public long version() {
        return version == null ? 0 : version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
