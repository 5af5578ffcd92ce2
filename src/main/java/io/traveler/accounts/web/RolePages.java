package io.traveler.accounts.web;

import io.traveler.accounts.internal.Role;
import io.traveler.accounts.internal.RoleService;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Roles: the built-in ones with their permissions, and custom roles to create, change and delete. */
@PageController
@RequestMapping("/app/roles")
class RolePages {
    private static final String LIST = "redirect:/app/roles";

    private final RoleService roles;
    private final PermissionCatalogue catalogue;

    RolePages(RoleService roles, PermissionCatalogue catalogue) {
        this.roles = roles;
        this.catalogue = catalogue;
    }

    /** A role as the list shows it, with the number of permissions it holds. */
    record RoleRow(UUID id, String name, String description, boolean builtIn, int permissionCount) {}

    record RoleForm(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String name,

            @Size(max = 500, message = "must be at most 500 characters")
            String description,

            List<String> permissions,
            Long version) {

        static RoleForm blank() {
            return new RoleForm("", "", List.of(), null);
        }

        static RoleForm of(Role role, PermissionCatalogue catalogue) {
            return new RoleForm(
                    role.name(), role.description(), List.copyOf(role.effectivePermissions(catalogue)), role.version());
        }

        public boolean grants(String permission) {
            return permissions != null && permissions.contains(permission);
        }

        Set<String> permissionSet() {
            return permissions == null ? Set.of() : Set.copyOf(permissions);
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('roles:read')")
    String list(Model model) {
        model.addAttribute(
                "roles",
                roles.list().stream()
                        .map(role -> new RoleRow(
                                role.id(),
                                role.name(),
                                role.description(),
                                role.isBuiltIn(),
                                role.effectivePermissions(catalogue).size()))
                        .toList());
        return "accounts/roles";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('roles:manage')")
    String newRole(Model model) {
        return form(model, RoleForm.blank(), null);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('roles:manage')")
    String create(@Valid RoleForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        RoleForm shown = form == null ? RoleForm.blank() : form;
        return Forms.save(form, binding, model, () -> form(model, shown, null), () -> {
            var created = roles.create(form.name(), form.description(), form.permissionSet());
            return Forms.notice(flash, "Role " + created.name() + " created.", LIST);
        });
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('roles:read')")
    String show(@PathVariable UUID id, Model model) {
        Role role = roles.get(id);
        return form(model, RoleForm.of(role, catalogue), role);
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('roles:manage')")
    String change(
            @PathVariable UUID id, @Valid RoleForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        Role role = roles.get(id);
        return Forms.save(
                form,
                binding,
                model,
                () -> form == null ? form(model, RoleForm.of(role, catalogue), role) : form(model, form, role),
                () -> {
                    var changed = roles.change(
                            id,
                            ExpectedVersion.ofNullable(form.version()),
                            form.name(),
                            form.description() == null ? "" : form.description(),
                            form.permissionSet());
                    return Forms.notice(flash, "Role " + changed.name() + " saved.", LIST);
                });
    }

    @GetMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('roles:manage')")
    String confirmDelete(@PathVariable UUID id, Model model) {
        Role role = roles.get(id);
        return Pages.confirm(
                model,
                "Delete the role " + role.name() + "?",
                "Only a role nobody has any more can be deleted. This cannot be undone.",
                "/app/roles/" + id + "/delete",
                role.version(),
                "/app/roles/" + id);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('roles:manage')")
    String delete(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash, "/app/roles", "Role deleted.", () -> roles.delete(id, ExpectedVersion.ofNullable(version)));
    }

    /** {@code role} is null for a new role; a built-in role is shown read-only. */
    private String form(Model model, RoleForm form, Role role) {
        model.addAttribute("form", form);
        model.addAttribute("role", role);
        model.addAttribute("heading", role == null ? "New role" : role.name());
        model.addAttribute("permissionGroups", Pages.permissionGroups(catalogue, catalogue.allCodes()));
        model.addAttribute("permissionDescriptions", Pages.permissionDescriptions(catalogue));
        return "accounts/role-form";
    }
}
