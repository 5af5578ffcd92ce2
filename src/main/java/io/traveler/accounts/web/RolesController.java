package io.traveler.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.accounts.internal.Role;
import io.traveler.accounts.internal.RoleService;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.modules.ModuleContribution.PermissionDefinition;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@Tag(name = "Roles", description = "Built-in and custom roles, and the permission catalogue")
@RestController
@RequestMapping("/api")
class RolesController {
    private final RoleService roles;
    private final PermissionCatalogue catalogue;

    RolesController(RoleService roles, PermissionCatalogue catalogue) {
        this.roles = roles;
        this.catalogue = catalogue;
    }

    record RoleView(UUID id, String name, String description, String builtIn, List<String> permissions) {
        static RoleView of(Role r, PermissionCatalogue catalogue) {
            return new RoleView(
                    r.id(),
                    r.name(),
                    r.description(),
                    r.isBuiltIn() ? r.builtInRole().name() : null,
                    r.effectivePermissions(catalogue).stream().sorted().toList());
        }
    }

    record RoleCreate(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 500) String description,
            @NotNull Set<String> permissions) {}

    record RoleChange(
            @Size(min = 1, max = 100) String name,
            @Size(max = 500) String description,
            Set<String> permissions) {}

    @Operation(summary = "List every permission code")
    @GetMapping("/permissions")
    ItemList<String> permissions() {
        return new ItemList<>(
                catalogue.definitions().stream().map(PermissionDefinition::code).toList(), null);
    }

    @Operation(summary = "List roles")
    @GetMapping("/roles")
    @PreAuthorize("hasAuthority('roles:read')")
    ItemList<RoleView> list() {
        return new ItemList<>(
                roles.list().stream().map(role -> RoleView.of(role, catalogue)).toList(), null);
    }

    @Operation(summary = "Create a custom role")
    @PostMapping("/roles")
    @PreAuthorize("hasAuthority('roles:manage')")
    ResponseEntity<RoleView> create(@Valid @RequestBody RoleCreate body) {
        var created = roles.create(body.name(), body.description(), body.permissions());
        return Versions.created(created.version(), RoleView.of(created, catalogue));
    }

    @Operation(summary = "Get a role")
    @GetMapping("/roles/{id}")
    @PreAuthorize("hasAuthority('roles:read')")
    ResponseEntity<RoleView> get(@PathVariable UUID id) {
        var found = roles.get(id);
        return Versions.ok(found.version(), RoleView.of(found, catalogue));
    }

    @Operation(summary = "Change a custom role")
    @PatchMapping("/roles/{id}")
    @PreAuthorize("hasAuthority('roles:manage')")
    ResponseEntity<RoleView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody RoleChange body) {
        var changed = roles.change(id, expected, body.name(), body.description(), body.permissions());
        return Versions.ok(changed.version(), RoleView.of(changed, catalogue));
    }

    @Operation(summary = "Delete a custom role")
    @DeleteMapping("/roles/{id}")
    @PreAuthorize("hasAuthority('roles:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        roles.delete(id, expected);
        return ResponseEntity.noContent().build();
    }
}
