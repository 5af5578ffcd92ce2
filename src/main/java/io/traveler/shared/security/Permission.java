package io.traveler.shared.security;

import io.traveler.shared.modules.ModuleContribution.PermissionDefinition;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * Called by the registry at start with every module's permissions and built-in grants. A JVM can hold several
     * application contexts (a module test's context beside the whole application's), each with its own registry:
     * what they install is merged, so a context of a few modules never takes permissions away from the whole
     * application's.
     */
    public static synchronized void install(
            List<PermissionDefinition> definitions, Map<StandardRole, Set<String>> grants) {
        Catalogue before = installed;
        Map<String, PermissionDefinition> byCode = new LinkedHashMap<>();
        if (before != null) {
            before.definitions().forEach(definition -> byCode.put(definition.code(), definition));
        }
        definitions.forEach(definition -> byCode.putIfAbsent(definition.code(), definition));
        Set<String> codes = new LinkedHashSet<>(byCode.keySet());
        Map<StandardRole, Set<String>> byRole = new EnumMap<>(StandardRole.class);
        for (StandardRole role : StandardRole.values()) {
            Set<String> granted = new LinkedHashSet<>();
            if (role == StandardRole.ADMINISTRATOR) {
                granted.addAll(codes);
            } else {
                if (before != null) {
                    granted.addAll(before.grants().get(role));
                }
                granted.addAll(grants.getOrDefault(role, Set.of()));
            }
            byRole.put(role, Set.copyOf(granted));
        }
        installed = new Catalogue(List.copyOf(byCode.values()), Set.copyOf(codes), Map.copyOf(byRole));
    }

    /** Every permission in module and declaration order (the roles editor groups them by resource). */
    public static List<PermissionDefinition> definitions() {
        return catalogue().definitions();
    }

    public static Set<String> allCodes() {
        return catalogue().codes();
    }

    public static boolean isKnown(String code) {
        return code != null && catalogue().codes().contains(code);
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
