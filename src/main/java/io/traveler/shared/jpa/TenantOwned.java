package io.traveler.shared.jpa;

import io.traveler.shared.Ids;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import java.util.UUID;
import org.hibernate.annotations.SQLRestriction;

/**
 * The base of every aggregate owned by one organization: a UUIDv7 id made here and the organization, taken from
 * the current tenant when the aggregate is first saved.
 *
 * <p>Every query and every load by id of a tenant-owned entity is scoped to the transaction's organization twice:
 * by the SQL restriction below, which Hibernate adds to each statement it writes, and by PostgreSQL's row-level
 * security on the same {@code app.org_id} setting. The restriction is static SQL, so Hibernate caches the plans
 * of loads and queries; Hibernate's {@code @TenantId} would do the same scoping as an always-enabled filter, and
 * with a filter enabled Hibernate builds every load plan and query interpretation anew on each request.
 */
@MappedSuperclass
@SQLRestriction(TenantOwned.SAME_ORGANIZATION)
public abstract class TenantOwned extends Stamped {
    /** The transaction's organization ({@code TenantAwareTransactionManager} sets it); none matches no row. */
    static final String SAME_ORGANIZATION = "org_id = nullif(current_setting('app.org_id', true), '')::uuid";

    @Id
    private UUID id = Ids.newId();

    @Column(name = "org_id", nullable = false, updatable = false)
    private UUID orgId;

    protected TenantOwned() {}

    /** An aggregate whose id was chosen before it is saved: another row had to name it first. */
    protected TenantOwned(UUID id) {
        this.id = java.util.Objects.requireNonNull(id);
    }

    @PrePersist
    void assignOrganization() {
        UUID current = TenantContext.requireOrgId();
        if (orgId == null) {
            orgId = current;
        } else if (!orgId.equals(current)) {
            throw new IllegalStateException("An aggregate of another organization cannot be saved here");
        }
    }

    public UUID id() {
        return id;
    }

    public UUID orgId() {
        return orgId;
    }
}
