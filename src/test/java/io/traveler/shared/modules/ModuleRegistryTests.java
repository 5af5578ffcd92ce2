package io.traveler.shared.modules;

import static io.traveler.shared.security.StandardRole.ADMINISTRATOR;
import static io.traveler.shared.security.StandardRole.TECHNICIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.security.StandardRole;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A module's contribution is trusted with nothing it does not own: a mistake stops the start rather than
 * granting, hiding or linking something silently. The permission catalogue is the registry's own, not shared with
 * any other registry of the JVM.
 */
class ModuleRegistryTests {
    @Test
    void aModuleCannotDeclareAPermissionAnotherModuleDeclares() {
        var catalog = ModuleContribution.of("catalog")
                .permission("catalog:read", "See the catalog")
                .build();
        var intruder = ModuleContribution.of("intruder")
                .permission("catalog:read", "Also see the catalog")
                .build();
        assertThatThrownBy(() -> new ModuleRegistry(List.of(catalog, intruder))).hasMessageContaining("catalog:read");
    }

    @Test
    void aModuleCannotGrantABuiltInRoleAnotherModulesPermission() {
        var accounts = ModuleContribution.of("accounts")
                .permission("users:manage", "Manage members")
                .build();
        var greedy = ModuleContribution.of("greedy")
                .permission("greedy:read", "See greed")
                .grant(TECHNICIAN, "greedy:read", "users:manage")
                .build();
        assertThatThrownBy(() -> new ModuleRegistry(List.of(accounts, greedy))).hasMessageContaining("users:manage");
    }

    @Test
    void theAdministratorsGrantsAreNotAModulesToDeclare() {
        var module = ModuleContribution.of("audit")
                .permission("audit:read", "See the trail")
                .grant(ADMINISTRATOR, "audit:read")
                .build();
        assertThatThrownBy(() -> new ModuleRegistry(List.of(module))).hasMessageContaining("administrator");
    }

    @Test
    void aNavigationEntryOrTileBehindAnUnknownPermissionStopsTheStart() {
        var linked = ModuleContribution.of("settings")
                .permission("settings:read", "See settings")
                .navigation(10, "Settings", "/app/settings", "setings:read")
                .build();
        assertThatThrownBy(() -> new ModuleRegistry(List.of(linked))).hasMessageContaining("setings:read");
        var counted = ModuleContribution.of("settings")
                .permission("settings:read", "See settings")
                .tile(10, "Series", "/app/settings", "settings:reed", () -> 0)
                .build();
        assertThatThrownBy(() -> new ModuleRegistry(List.of(counted))).hasMessageContaining("settings:reed");
    }

    @Test
    void aPermissionCodeIsResourceColonAction() {
        assertThatThrownBy(() -> ModuleContribution.of("x").permission("everything", "All"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoModulesCannotSearchTheSameKind() {
        var catalog = ModuleContribution.of("catalog")
                .permission("catalog:read", "See the catalog")
                .search("parts", "Parts", "catalog:read", "/app/p/{id}", "/api/p/{id}", (q, limit) -> List.of())
                .build();
        var copycat = ModuleContribution.of("copycat")
                .permission("copycat:read", "See copies")
                .search("parts", "Parts", "copycat:read", "/app/c/{id}", "/api/c/{id}", (q, limit) -> List.of())
                .build();
        assertThatThrownBy(() -> new ModuleRegistry(List.of(catalog, copycat))).hasMessageContaining("parts");
    }

    @Test
    void aSearchNeedsAPermissionSomeModuleDeclares() {
        var loose = ModuleContribution.of("loose")
                .permission("loose:read", "See it")
                .search("things", "Things", "lose:read", "/app/t/{id}", "/api/t/{id}", (q, limit) -> List.of())
                .build();
        assertThatThrownBy(() -> new ModuleRegistry(List.of(loose))).hasMessageContaining("lose:read");
    }

    @Test
    void theCatalogueIsTheUnionOfTheModulesWithTheAdministratorHoldingEveryPermission() {
        var catalog = ModuleContribution.of("catalog")
                .permission("catalog:read", "See the catalog")
                .permission("catalog:manage", "Change the catalog")
                .grant(TECHNICIAN, "catalog:read")
                .build();
        var stock = ModuleContribution.of("stock")
                .permission("stock:read", "See stock")
                .build();
        PermissionCatalogue permissions = new ModuleRegistry(List.of(stock, catalog)).permissions();
        assertThat(permissions.definitions())
                .extracting(ModuleContribution.PermissionDefinition::code)
                .containsExactly("catalog:read", "catalog:manage", "stock:read");
        assertThat(permissions.grantedTo(ADMINISTRATOR)).isEqualTo(permissions.allCodes());
        assertThat(permissions.grantedTo(TECHNICIAN)).containsExactly("catalog:read");
        assertThat(permissions.grantedTo(StandardRole.DESIGNER)).isEmpty();
        assertThat(permissions.isKnown("stock:read")).isTrue();
        assertThat(permissions.isKnown("stock:write")).isFalse();
        assertThat(permissions.isKnown(null)).isFalse();
    }

    @Test
    void aSecondRegistryInTheSameJvmLeavesTheFirstOnesCatalogueAlone() {
        var whole = new ModuleRegistry(List.of(ModuleContribution.of("catalog")
                        .permission("catalog:read", "See the catalog")
                        .build()))
                .permissions();
        new ModuleRegistry(List.of(ModuleContribution.of("settings")
                .permission("settings:read", "See settings")
                .build()));
        assertThat(whole.allCodes()).containsExactly("catalog:read");
    }
}
