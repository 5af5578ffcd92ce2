package io.traveler.accounts.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.jpa.Stamped;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A brand's link to a factory. Owned by both sides, so it carries two organization ids instead of one
 * {@code @TenantId}; row-level security lets exactly those two organizations see it.
 */
@Entity
@Table(schema = "accounts", name = "partnerships")
public class Partnership extends Stamped {
    public enum Status {
        PENDING,
        ACTIVE,
        ENDED
    }

    @Id
    private UUID id = Ids.newId();

    private UUID brandOrgId;
    private UUID factoryOrgId;

    @Enumerated(EnumType.STRING)
    private Status status = Status.PENDING;

    private String note;
    private UUID invitedBy;
    private Instant invitedAt;
    private Instant acceptedAt;
    private Instant endedAt;

    protected Partnership() {}

    public Partnership(UUID brandOrgId, UUID factoryOrgId, UUID invitedBy, String note) {
        this.brandOrgId = brandOrgId;
        this.factoryOrgId = factoryOrgId;
        this.invitedBy = invitedBy;
        this.note = note;
        this.invitedAt = Instant.now();
    }

    /** Only the invited factory accepts, and only a pending invitation. */
    public void acceptBy(UUID orgId) {
        if (!factoryOrgId.equals(orgId)) {
            throw new io.traveler.shared.errors.ForbiddenException(
                    "Only the invited factory can accept this partnership");
        }
        if (status != Status.PENDING) {
            throw new ConflictException("Only a PENDING partnership can be accepted; this one is " + status);
        }
        status = Status.ACTIVE;
        acceptedAt = Instant.now();
    }

    /** Either side may end it: a brand withdraws an invitation, a factory declines, or either ends an active one. */
    public void end() {
        if (status == Status.ENDED) {
            throw new ConflictException("This partnership has already ended");
        }
        status = Status.ENDED;
        endedAt = Instant.now();
    }

    public boolean involves(UUID orgId) {
        return brandOrgId.equals(orgId) || factoryOrgId.equals(orgId);
    }

    public UUID id() {
        return id;
    }

    public UUID brandOrgId() {
        return brandOrgId;
    }

    public UUID factoryOrgId() {
        return factoryOrgId;
    }

    public Status status() {
        return status;
    }

    public String note() {
        return note;
    }

    public UUID invitedBy() {
        return invitedBy;
    }

    public Instant invitedAt() {
        return invitedAt;
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }
}
