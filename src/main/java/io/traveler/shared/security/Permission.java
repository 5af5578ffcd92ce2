package io.traveler.shared.security;

import io.traveler.shared.modules.ModuleContribution.PermissionDefinition;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The permission catalogue: the {@code resource:action} codes of every module present, and which of them each
 * built-in role holds. Modules declare their codes in their own
 * {@link io.traveler.shared.modules.ModuleContribution}; the {@link io.traveler.shared.modules.ModuleRegistry}
 * installs the union here once at start, before any request is served.
 */
public final class Permission {
    /** Scraping {@code /actuator/prometheus} on the application's port. */
    public static final String METRICS_READ = "metrics:read";

    private static volatile Catalogue installed;

    private record Catalogue(
            List<PermissionDefinition> definitions, Set<String> codes, Map<StandardRole, Set<String>> grants) {}

    private Permission() {}

    /** Called by the registry at start with every module's permissions and built-in grants. */
    public static void install(List<PermissionDefinition> definitions, Map<StandardRole, Set<String>> grants) {
        Set<String> codes = definitions.stream()
                .map(PermissionDefinition::code)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<StandardRole, Set<String>> byRole = new EnumMap<>(StandardRole.class);
        for (StandardRole role : StandardRole.values()) {
            byRole.put(
                    role,
                    role == StandardRole.ADMINISTRATOR
                            ? Set.copyOf(codes)
                            : Set.copyOf(grants.getOrDefault(role, Set.of())));
        }
        installed = new Catalogue(List.copyOf(definitions), Set.copyOf(codes), Map.copyOf(byRole));
    }

    /** Every permission in module and declaration order (the roles editor groups them by resource). */
    public static List<PermissionDefinition> definitions() {
        return catalogue().definitions();
    }

    public static Set<String> allCodes() {
        return catalogue().codes();
    }

    public static boolean isKnown(String code) {
        return catalogue().codes().contains(code);
    }

    /** The permissions a built-in role holds, as its modules grant them. */
    public static Set<String> grantedTo(StandardRole role) {
        return catalogue().grants().get(role);
    }

    private static Catalogue catalogue() {
        Catalogue catalogue = installed;
        if (catalogue == null) {
            throw new IllegalStateException("the permission catalogue is read before the modules were collected");
        }
        return catalogue;
    }
}
