package io.traveler.accounts.internal;

import io.traveler.shared.errors.ForbiddenException;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.security.TravelerPrincipal;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Nobody grants more than they hold: a role, a role assignment or an API key may carry only permissions the caller
 * has. The caller is whoever signed the request (a user or an API key, whose permissions are already cut down to
 * its creator's); work without a signed-in caller (sign-up, demo data) grants what the application decides.
 */
@Component
public class Grants {
    private final Roles roles;
    private final PermissionCatalogue catalogue;

    Grants(Roles roles, PermissionCatalogue catalogue) {
        this.roles = roles;
        this.catalogue = catalogue;
    }

    public void requireHeld(Collection<String> permissions) {
        TravelerPrincipal caller = TravelerAuthentication.current().orElse(null);
        if (caller == null || permissions == null) {
            return;
        }
        Set<String> missing = new TreeSet<>(permissions);
        missing.removeAll(caller.permissions());
        if (!missing.isEmpty()) {
            throw new ForbiddenException(
                    "You cannot grant permissions you do not hold yourself: " + String.join(", ", missing));
        }
    }

    /** The roles' permissions (built-in roles resolve theirs from {@link BuiltInRole}) must all be the caller's. */
    public void requireRolesHeld(Collection<UUID> roleIds) {
        if (roleIds == null || roleIds.isEmpty()) {
            return;
        }
        Set<String> granted = new TreeSet<>();
        roles.findAllById(roleIds).forEach(role -> granted.addAll(role.effectivePermissions(catalogue)));
        requireHeld(granted);
    }
}
