package io.traveler.accounts.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** A user in one organization, with that organization's roles. */
@Entity
@Table(schema = "accounts", name = "memberships")
public class Membership extends TenantOwned {
    public enum Status {
        ACTIVE,
        DISABLED
    }

    private UUID userId;

    @Enumerated(EnumType.STRING)
    private Status status = Status.ACTIVE;

    @ElementCollection
    @CollectionTable(schema = "accounts", name = "membership_roles", joinColumns = @JoinColumn(name = "membership_id"))
    @Column(name = "role_id")
    private Set<UUID> roleIds = new HashSet<>();

    private Instant sessionsValidAfter = Instant.now().minusSeconds(1);
    private Instant lastLoginAt;

    protected Membership() {}

    public Membership(UUID userId, Set<UUID> roleIds) {
        this.userId = userId;
        this.roleIds = new HashSet<>(roleIds);
    }

    /** Tokens and sessions issued for this organization before now stop working here, and only here. */
    public void endSessions() {
        sessionsValidAfter = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public void assignRoles(Set<UUID> roleIds) {
        this.roleIds.clear();
        this.roleIds.addAll(roleIds);
    }

    public void disable() {
        status = Status.DISABLED;
        endSessions();
    }

    public void enable() {
        status = Status.ACTIVE;
    }

    public UUID userId() {
        return userId;
    }

    public Status status() {
        return status;
    }

    public Instant sessionsValidAfter() {
        return sessionsValidAfter;
    }

    /** The last sign-in into this organization. */
    public Instant lastLoginAt() {
        return lastLoginAt;
    }

    public Set<UUID> roleIds() {
        return Set.copyOf(roleIds);
    }
}
