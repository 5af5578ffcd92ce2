package io.traveler.shared.security;

import io.traveler.shared.errors.ForbiddenException;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.util.Arrays;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What the current caller may do, for the rules that depend on a permission inside a service (the endpoint's own
 * permission is checked at the edge by {@code @PreAuthorize}). A signed-in user or API key holds its permissions;
 * background work acting as the organization itself (a SYSTEM actor: demo data, listeners, scheduled tasks) holds
 * every permission of the catalogue, its rights having been decided when it was started; anyone else holds none.
 */
@Component
public class Callers {
    private final PermissionCatalogue catalogue;

    public Callers(PermissionCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public Set<String> permissions() {
        return TravelerAuthentication.current()
                .map(TravelerPrincipal::permissions)
                .orElseGet(() -> actingAsTheOrganization() ? catalogue.allCodes() : Set.of());
    }

    public boolean hold(String... permissions) {
        return permissions().containsAll(Arrays.asList(permissions));
    }

    /** Refuses with 403 naming the permission and what it was needed for ({@code "Accepting a quote changes it"}). */
    public void require(String permission, String neededFor) {
        if (!hold(permission)) {
            throw new ForbiddenException(neededFor + ", which needs " + permission);
        }
    }

    private static boolean actingAsTheOrganization() {
        return TenantContext.current().actorKind() == Tenant.ActorKind.SYSTEM;
    }
}
