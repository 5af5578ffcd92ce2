package io.traveler.shared.security;

import io.traveler.shared.tenancy.Tenant;
import java.io.Serializable;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: a user acting in one organization (one active membership per token or session), or an API
 * key of one organization. Its permissions are those the database holds now: a cached caller is dropped as soon as a
 * change reaching it commits ({@link PrincipalChanges}).
 */
public record TravelerPrincipal(
        UUID actorId,
        Tenant.ActorKind kind,
        UUID orgId,
        String orgName,
        String name,
        String email,
        Set<String> permissions,
        boolean mfaEnrolmentRequired,
        java.time.Instant authenticatedAt)
        implements Serializable {

    public boolean can(String permission) {
        return permissions.contains(permission);
    }

    public Tenant tenant() {
        return new Tenant(orgId, actorId, kind);
    }
}
