package io.traveler.shared.security;

import io.traveler.shared.modules.ModuleContribution.PermissionDefinition;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The catalogue as the modules declared it, fixed once built. */
final class DeclaredPermissions implements PermissionCatalogue {
    private final List<PermissionDefinition> definitions;
    private final Set<String> codes;
    private final Map<StandardRole, Set<String>> grants;

    DeclaredPermissions(List<PermissionDefinition> definitions, Map<StandardRole, Set<String>> grants) {
        this.definitions = List.copyOf(definitions);
        Set<String> all = new LinkedHashSet<>();
        definitions.forEach(definition -> all.add(definition.code()));
        this.codes = Set.copyOf(all);
        Map<StandardRole, Set<String>> byRole = new EnumMap<>(StandardRole.class);
        for (StandardRole role : StandardRole.values()) {
            byRole.put(
                    role, role == StandardRole.ADMINISTRATOR ? codes : Set.copyOf(grants.getOrDefault(role, Set.of())));
        }
        this.grants = Map.copyOf(byRole);
    }

    @Override
    public List<PermissionDefinition> definitions() {
        return definitions;
    }

    @Override
    public Set<String> allCodes() {
        return codes;
    }

    @Override
    public Set<String> grantedTo(StandardRole role) {
        return grants.get(role);
    }
}
