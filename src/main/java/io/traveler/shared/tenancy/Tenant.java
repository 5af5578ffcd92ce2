package io.traveler.shared.tenancy;

import java.util.UUID;

/**
 * Who acts, and for which organization. {@code actorId} is a user id or an API key id; {@code orgId} is
 * null only while nobody is signed in.
 */
public record Tenant(UUID orgId, UUID actorId, ActorKind actorKind) {
    public enum ActorKind {
        USER,
        API_KEY,
        SYSTEM,
        ANONYMOUS
    }

    public static final UUID NO_ORG = new UUID(0, 0);

    public static Tenant anonymous() {
        return new Tenant(null, null, ActorKind.ANONYMOUS);
    }

    public static Tenant user(UUID orgId, UUID userId) {
        return new Tenant(orgId, userId, ActorKind.USER);
    }

    public static Tenant system(UUID orgId) {
        return new Tenant(orgId, null, ActorKind.SYSTEM);
    }
}
