package io.traveler.shared.security;

import io.traveler.shared.modules.ModuleContribution.PermissionDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The permission catalogue of this application context: the {@code resource:action} codes of every module present,
 * and which of them each built-in role holds. The {@link io.traveler.shared.modules.ModuleRegistry} builds it from the
 * modules' {@link io.traveler.shared.modules.ModuleContribution}s and it is a bean, so a context of a few modules (a
 * module test) knows exactly their permissions.
 */
public interface PermissionCatalogue {
    /** Every permission in module and declaration order (the roles editor groups them by resource). */
    List<PermissionDefinition> definitions();

    Set<String> allCodes();

    default boolean isKnown(String code) {
        return code != null && allCodes().contains(code);
    }

    /** The permissions a built-in role holds, as its modules grant them (the administrator: every one). */
    Set<String> grantedTo(StandardRole role);

    /** {@code definitions} in module and declaration order; the administrator is granted every one of them. */
    static PermissionCatalogue of(List<PermissionDefinition> definitions, Map<StandardRole, Set<String>> grants) {
        return new DeclaredPermissions(definitions, grants);
    }
}
