package io.traveler.accounts.internal;

import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An address asked to join the organization with some roles; it joins by following the mailed link, once. */
@Entity
@Table(schema = "accounts", name = "invitations")
public class Invitation extends TenantOwned {
    public enum Status {
        PENDING,
        ACCEPTED,
        REVOKED,
        EXPIRED
    }

    private String email;
    private String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "role_ids", columnDefinition = "uuid[]")
    private UUID[] roleIds;

    private UUID invitedBy;
    private String tokenHash;
    private Instant expiresAt;

    @Enumerated(EnumType.STRING)
    private Status status = Status.PENDING;

    private UUID acceptedBy;
    private Instant acceptedAt;

    protected Invitation() {}

    Invitation(String email, String name, Set<UUID> roleIds, UUID invitedBy, String tokenHash, Instant expiresAt) {
        this.email = email.trim().toLowerCase(Locale.ROOT);
        renew(name, roleIds, invitedBy, tokenHash, expiresAt);
    }

    /** Inviting a pending address again replaces its roles and link; the old link stops working. */
    void renew(String name, Set<UUID> roleIds, UUID invitedBy, String tokenHash, Instant expiresAt) {
        requirePending();
        if (name != null && !name.isBlank()) {
            this.name = name.trim();
        }
        this.roleIds = roleIds.toArray(UUID[]::new);
        this.invitedBy = invitedBy;
        this.tokenHash = tokenHash;
        this.expiresAt = expiresAt;
    }

    void accept(UUID userId) {
        requirePending();
        if (isExpiredAt(Instant.now())) {
            throw new ConflictException("This invitation has expired; ask for a new one");
        }
        status = Status.ACCEPTED;
        acceptedBy = userId;
        acceptedAt = Instant.now();
    }

    void revoke() {
        requirePending();
        status = Status.REVOKED;
    }

    private void requirePending() {
        if (status != Status.PENDING) {
            throw new ConflictException("This invitation is " + status.name().toLowerCase(Locale.ROOT)
                    + "; it cannot be used or changed any more");
        }
    }

    public boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** What the invitation is now: a pending one past its date is expired. */
    public Status statusAt(Instant now) {
        return status == Status.PENDING && isExpiredAt(now) ? Status.EXPIRED : status;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public Set<UUID> roleIds() {
        return Set.of(roleIds);
    }

    public UUID invitedBy() {
        return invitedBy;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Status status() {
        return status;
    }
}
