package io.traveler.shared.modules;

import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.modules.ModuleContribution.DashboardTile;
import io.traveler.shared.modules.ModuleContribution.NavigationEntry;
import io.traveler.shared.modules.ModuleContribution.PermissionDefinition;
import io.traveler.shared.modules.ModuleContribution.SearchProvider;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.security.StandardRole;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.web.SearchQueries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every module's {@link ModuleContribution}, collected at start: the permission catalogue with the built-in roles'
 * grants ({@link #permissions()}, the {@link PermissionCatalogue} bean), the navigation, the home page's tiles and the global search. A
 * contribution that repeats another module's code, grants a permission it does not own or links to an unknown one
 * stops the start.
 */
@Component
public class ModuleRegistry {
    /** A tile as the home page shows it, counted for the current organization. */
    public record Tile(String title, String path, long count) {}

    /** A hit of the global search, with what it is and where it leads (the page and the API resource). */
    public record Found(String kind, String label, UUID id, String title, String detail, String page, String href) {}

    /** Hits each kind gives the global search at most; a caller may ask for fewer. */
    public static final int MAX_HITS_PER_KIND = 50;

    private final PermissionCatalogue permissions;
    private final List<NavigationEntry> navigation;
    private final List<DashboardTile> tiles;
    private final List<SearchProvider> searches;

    public ModuleRegistry(List<ModuleContribution> contributions) {
        List<ModuleContribution> modules = contributions.stream()
                .sorted(Comparator.comparing(ModuleContribution::module))
                .toList();
        List<PermissionDefinition> definitions = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Map<StandardRole, Set<String>> grants = new EnumMap<>(StandardRole.class);
        for (ModuleContribution module : modules) {
            for (PermissionDefinition permission : module.permissions()) {
                if (!codes.add(permission.code())) {
                    throw new IllegalStateException(
                            module.module() + " declares " + permission.code() + ", which another module declares");
                }
                definitions.add(permission);
            }
            Set<String> own = new HashSet<>(module.permissions().stream()
                    .map(PermissionDefinition::code)
                    .toList());
            module.grants().forEach((role, granted) -> {
                if (role == StandardRole.ADMINISTRATOR) {
                    throw new IllegalStateException(module.module() + " grants to the administrator, who holds all");
                }
                if (!own.containsAll(granted)) {
                    throw new IllegalStateException(module.module() + " grants permissions it does not declare: "
                            + granted.stream()
                                    .filter(code -> !own.contains(code))
                                    .toList());
                }
                grants.computeIfAbsent(role, r -> new HashSet<>()).addAll(granted);
            });
        }
        this.navigation = modules.stream()
                .flatMap(module -> module.navigation().stream())
                .sorted(Comparator.comparingInt(NavigationEntry::order))
                .toList();
        this.tiles = modules.stream()
                .flatMap(module -> module.tiles().stream())
                .sorted(Comparator.comparingInt(DashboardTile::order))
                .toList();
        this.searches =
                modules.stream().flatMap(module -> module.searches().stream()).toList();
        Set<String> kinds = new HashSet<>();
        for (SearchProvider search : searches) {
            if (!kinds.add(search.kind())) {
                throw new IllegalStateException("two modules search " + search.kind());
            }
            requireKnown(codes, search.permission(), "search of " + search.kind());
        }
        for (NavigationEntry entry : navigation) {
            requireKnown(codes, entry.permission(), "navigation entry " + entry.label());
        }
        for (DashboardTile tile : tiles) {
            requireKnown(codes, tile.permission(), "tile " + tile.title());
        }
        this.permissions = PermissionCatalogue.of(definitions, grants);
    }

    /** The permissions every module declares and the built-in roles' grants. */
    public PermissionCatalogue permissions() {
        return permissions;
    }

    private static void requireKnown(Set<String> codes, String permission, String what) {
        if (permission != null && !codes.contains(permission)) {
            throw new IllegalStateException("the " + what + " requires " + permission + ", which no module declares");
        }
    }

    /** The navigation entries the user's permissions reach, in order (an entry without permission is everyone's). */
    public List<NavigationEntry> navigationFor(TravelerPrincipal me) {
        return navigation.stream()
                .filter(entry -> entry.permission() == null || me.can(entry.permission()))
                .toList();
    }

    /**
     * The global search: every provider the caller holds the permission of, each asked for its best {@code limit}
     * hits, in the order the modules declared them. Providers the caller may not use are never asked.
     */
    @Transactional(readOnly = true)
    public List<Found> search(TravelerPrincipal me, String q, int limit) {
        if (q == null || q.isBlank()) {
            throw new ValidationException("q", "is required");
        }
        if (limit < 1 || limit > MAX_HITS_PER_KIND) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_HITS_PER_KIND);
        }
        String query = SearchQueries.require(q).strip();
        return searches.stream()
                .filter(search -> me.can(search.permission()))
                .flatMap(search -> search.search().search(query, limit).stream()
                        .limit(limit)
                        .map(hit -> new Found(
                                search.kind(),
                                search.label(),
                                hit.id(),
                                hit.title(),
                                hit.detail(),
                                search.pageOf(hit.id()),
                                search.apiOf(hit.id()))))
                .toList();
    }

    /** The kinds the caller's permissions let the global search look into. */
    public List<String> searchableBy(TravelerPrincipal me) {
        return searches.stream()
                .filter(search -> me.can(search.permission()))
                .map(SearchProvider::label)
                .toList();
    }

    /** The tiles the user's permissions reach, counted now; counts of hidden tiles are never queried. */
    @Transactional(readOnly = true)
    public List<Tile> tilesFor(TravelerPrincipal me) {
        return tiles.stream()
                .filter(tile -> tile.permission() == null || me.can(tile.permission()))
                .map(tile -> new Tile(tile.title(), tile.path(), tile.count().getAsLong()))
                .toList();
    }
}
