package io.traveler.shared.security;

import io.traveler.shared.errors.ForbiddenException;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.util.Arrays;
import java.util.Set;

/**
 * What the current caller may do, for the rules that depend on a permission inside a service (the endpoint's own
 * permission is checked at the edge by {@code @PreAuthorize}). A signed-in user or API key holds its permissions;
 * background work acting as the organization itself (a SYSTEM actor: demo data, listeners, scheduled tasks) holds
 * every permission, its rights having been decided when it was started; anyone else holds none.
 */
public final class Callers {
    private Callers() {}

    public static Set<String> permissions() {
        return TravelerAuthentication.current()
                .map(TravelerPrincipal::permissions)
                .orElseGet(() -> actingAsTheOrganization() ? Permission.allCodes() : Set.of());
    }

    public static boolean hold(String... permissions) {
        return permissions().containsAll(Arrays.asList(permissions));
    }

    /** Refuses with 403 naming the permission and what it was needed for ({@code "Accepting a quote changes it"}). */
    public static void require(String permission, String neededFor) {
        if (!hold(permission)) {
            throw new ForbiddenException(neededFor + ", which needs " + permission);
        }
    }

    private static boolean actingAsTheOrganization() {
        return TenantContext.current().actorKind() == Tenant.ActorKind.SYSTEM;
    }
}
