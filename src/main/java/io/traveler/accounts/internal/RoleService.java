package io.traveler.accounts.internal;

import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.security.PrincipalChanges;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class RoleService {
    private final Roles roles;
    private final Memberships memberships;
    private final Grants grants;
    private final PrincipalChanges principals;
    private final PermissionCatalogue catalogue;

    RoleService(
            Roles roles,
            Memberships memberships,
            Grants grants,
            PrincipalChanges principals,
            PermissionCatalogue catalogue) {
        this.principals = principals;
        this.roles = roles;
        this.memberships = memberships;
        this.grants = grants;
        this.catalogue = catalogue;
    }

    @Transactional(readOnly = true)
    public List<Role> list() {
        return roles.findAllByOrderByName();
    }

    @Transactional(readOnly = true)
    public Role get(UUID id) {
        return roles.findById(id).orElseThrow(() -> NotFoundException.of("Role", id));
    }

    @Transactional
    public Role create(String name, String description, Set<String> permissions) {
        checkPermissions(permissions);
        grants.requireHeld(permissions);
        return roles.saveAndFlush(Role.custom(name, description, permissions));
    }

    @Transactional
    public Role change(UUID id, ExpectedVersion expected, String name, String description, Set<String> permissions) {
        return VersionedChanges.change(roles, get(id), expected, role -> {
            if (permissions != null) {
                checkPermissions(permissions);
                Set<String> added = new java.util.HashSet<>(permissions);
                added.removeAll(role.effectivePermissions(catalogue));
                grants.requireHeld(added);
            }
            role.redefine(name, description, permissions);
            principals.announce(PrincipalChanges.Scope.ORGANIZATION, role.orgId());
        });
    }

    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        VersionedChanges.delete(roles, get(id), expected, role -> {
            if (role.isBuiltIn()) {
                throw new ConflictException("Built-in roles cannot be deleted");
            }
            if (memberships.findAll().stream().anyMatch(m -> m.roleIds().contains(id))) {
                throw new ConflictException("Some users still have this role; take it away from them first");
            }
            principals.announce(PrincipalChanges.Scope.ORGANIZATION, role.orgId());
        });
    }

    private void checkPermissions(Set<String> permissions) {
        if (permissions == null) {
            throw new ValidationException("permissions", "is required");
        }
        for (String code : permissions) {
            if (!catalogue.isKnown(code)) {
                throw new ValidationException("permissions", "'" + code + "' is not a known permission");
            }
        }
    }
}
