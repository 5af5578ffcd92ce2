package io.traveler.shared.modules;

import io.traveler.shared.security.StandardRole;
import io.traveler.shared.tenancy.TenantContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What one module adds to the application: its permissions, which of them the built-in roles hold, its entries
 * in the navigation, its tiles on the home page and what the global search finds in it. Each module declares one as a Spring bean in its own
 * package; {@link ModuleRegistry} collects them at start, so adding a module edits no file outside it.
 */
public record ModuleContribution(
        String module,
        List<PermissionDefinition> permissions,
        Map<StandardRole, Set<String>> grants,
        List<NavigationEntry> navigation,
        List<DashboardTile> tiles,
        List<SearchProvider> searches) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z_]*:[a-z][a-z_]*");

    /** A {@code resource:action} code checked on endpoints; the resource groups it in the roles editor. */
    public record PermissionDefinition(String code, String description) {
        public PermissionDefinition {
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("a permission code is resource:action, not " + code);
            }
            Objects.requireNonNull(description, "description");
        }

        public String group() {
            return code.substring(0, code.indexOf(':'));
        }
    }

    /**
     * A link of the main navigation, shown to holders of its permission; entries of all modules are sorted by
     * {@code order}.
     */
    public record NavigationEntry(int order, String label, String path, String permission) {}

    /** A count on the home page linking to its list, shown to holders of its permission. */
    public record DashboardTile(int order, String title, String path, String permission, LongSupplier count) {}

    /**
     * Something the global search finds: its {@code kind} (the API's name, such as {@code parts}), the label the
     * search page groups hits under, the permission a caller needs to be asked at all, and where a hit leads: the
     * page and the API resource, each a path with {@code {id}}. {@code search} runs in the caller's read-only
     * transaction (row-level security applies) with a query already within {@code SearchQueries}' bounds, and
     * returns at most {@code limit} hits, best first.
     */
    public record SearchProvider(
            String kind, String label, String permission, String pagePath, String apiPath, Searcher search) {
        public SearchProvider {
            Objects.requireNonNull(permission, "a search provider names the permission its hits need");
            if (!pagePath.contains("{id}") || !apiPath.contains("{id}")) {
                throw new IllegalArgumentException("a search provider links hits by {id}: " + kind);
            }
        }

        public String pageOf(UUID id) {
            return pagePath.replace("{id}", id.toString());
        }

        public String apiOf(UUID id) {
            return apiPath.replace("{id}", id.toString());
        }
    }

    @FunctionalInterface
    public interface Searcher {
        List<SearchHit> search(String q, int limit);
    }

    /** One record found: its id, what it is called (a number or code and a name) and a line of detail. */
    public record SearchHit(UUID id, String title, String detail) {}

    public ModuleContribution {
        permissions = List.copyOf(permissions);
        grants = Map.copyOf(grants);
        navigation = List.copyOf(navigation);
        tiles = List.copyOf(tiles);
        searches = List.copyOf(searches);
    }

    public static Builder of(String module) {
        return new Builder(module);
    }

    public static final class Builder {
        private final String module;
        private final List<PermissionDefinition> permissions = new ArrayList<>();
        private final Map<StandardRole, Set<String>> grants = new EnumMap<>(StandardRole.class);
        private final List<NavigationEntry> navigation = new ArrayList<>();
        private final List<DashboardTile> tiles = new ArrayList<>();
        private final List<SearchProvider> searches = new ArrayList<>();

        private Builder(String module) {
            this.module = module;
        }

        public Builder permission(String code, String description) {
            permissions.add(new PermissionDefinition(code, description));
            return this;
        }

        /** Gives the role these permissions of this module (the administrator holds them all without asking). */
        public Builder grant(StandardRole role, String... codes) {
            grants.computeIfAbsent(role, r -> new LinkedHashSet<>()).addAll(List.of(codes));
            return this;
        }

        public Builder navigation(int order, String label, String path, String permission) {
            navigation.add(new NavigationEntry(order, label, path, permission));
            return this;
        }

        public Builder tile(int order, String title, String path, String permission, LongSupplier count) {
            tiles.add(new DashboardTile(order, title, path, permission, count));
            return this;
        }

        /**
         * A tile counting rows of the caller's organization with {@code countSql}, a {@code count(*)} statement that
         * names the organization as {@code :org} (scoped in SQL, not by row-level security alone).
         */
        public Builder tile(int order, String title, String path, String permission, JdbcClient jdbc, String countSql) {
            return tile(order, title, path, permission, () -> jdbc.sql(countSql)
                    .param("org", TenantContext.requireOrgId())
                    .query(Long.class)
                    .single());
        }

        /** See {@link SearchProvider}. */
        public Builder search(
                String kind, String label, String permission, String pagePath, String apiPath, Searcher search) {
            searches.add(new SearchProvider(kind, label, permission, pagePath, apiPath, search));
            return this;
        }

        public ModuleContribution build() {
            Map<StandardRole, Set<String>> frozen = new EnumMap<>(StandardRole.class);
            grants.forEach((role, codes) -> frozen.put(role, Set.copyOf(codes)));
            return new ModuleContribution(module, permissions, frozen, navigation, tiles, searches);
        }
    }
}
