package io.traveler.shared.modules;

import io.traveler.shared.modules.ModuleContribution.PermissionDefinition;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.security.StandardRole;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The permission catalogue bean: the registry's, looked up when first asked. A contribution may depend on a module's
 * services (a tile's count, a search) which check permissions themselves, so the catalogue cannot wait for every
 * contribution before those services are built; it is first asked once the application has started.
 */
@Component
class RegisteredPermissions implements PermissionCatalogue {
    private final ObjectProvider<ModuleRegistry> registry;
    private volatile PermissionCatalogue catalogue;

    RegisteredPermissions(ObjectProvider<ModuleRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public List<PermissionDefinition> definitions() {
        return catalogue().definitions();
    }

    @Override
    public Set<String> allCodes() {
        return catalogue().allCodes();
    }

    @Override
    public Set<String> grantedTo(StandardRole role) {
        return catalogue().grantedTo(role);
    }

    private PermissionCatalogue catalogue() {
        PermissionCatalogue known = catalogue;
        if (known == null) {
            known = registry.getObject().permissions();
            catalogue = known;
        }
        return known;
    }
}
