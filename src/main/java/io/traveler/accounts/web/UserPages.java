package io.traveler.accounts.web;

import io.traveler.accounts.internal.MemberService;
import io.traveler.accounts.internal.Role;
import io.traveler.accounts.internal.RoleService;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The members of the organization: add, change roles, disable and enable, end sessions. */
@PageController
@RequestMapping("/app/users")
class UserPages {
    private final MemberService members;
    private final RoleService roles;

    UserPages(MemberService members, RoleService roles) {
        this.members = members;
        this.roles = roles;
    }

    record AddUserForm(
            @NotBlank(message = "is required") @Email(message = "is not an e-mail address") @Size(max = 254)
            String email,

            @Size(max = 200, message = "must be at most 200 characters")
            String name,

            String password,

            @BindParam("role_ids") @NotEmpty(message = "must name at least one role")
            List<UUID> roleIds) {

        static AddUserForm blank() {
            return new AddUserForm("", "", "", List.of());
        }

        public boolean has(UUID roleId) {
            return roleIds != null && roleIds.contains(roleId);
        }
    }

    record RolesForm(@BindParam("role_ids") List<UUID> roleIds, Long version) {
        public boolean has(UUID roleId) {
            return roleIds != null && roleIds.contains(roleId);
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('users:read')")
    String list(Model model) {
        model.addAttribute("members", members.list());
        return "accounts/users";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('users:manage')")
    String newUser(Model model) {
        return addForm(model, AddUserForm.blank());
    }

    @PostMapping
    @PreAuthorize("hasAuthority('users:manage')")
    String add(@Valid AddUserForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        AddUserForm shown = form == null ? AddUserForm.blank() : form;
        if (Forms.invalid(binding, model)) {
            return addForm(model, shown);
        }
        return Forms.submit(
                model,
                () -> {
                    var added = members.add(form.email(), form.name(), form.password(), Set.copyOf(form.roleIds()));
                    flash.addFlashAttribute(Forms.NOTICE, added.name() + " is now a member.");
                    return "redirect:/app/users";
                },
                () -> addForm(model, shown));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('users:read')")
    String member(@PathVariable UUID id, Model model) {
        var member = members.get(id);
        return memberPage(
                model,
                member,
                new RolesForm(member.roles().stream().map(Role::id).toList(), member.version()));
    }

    @PostMapping("/{id}/roles")
    @PreAuthorize("hasAuthority('users:manage')")
    String changeRoles(@PathVariable UUID id, RolesForm form, Model model, RedirectAttributes flash) {
        return Forms.submit(
                model,
                () -> {
                    var roleIds = form.roleIds() == null ? Set.<UUID>of() : Set.copyOf(form.roleIds());
                    var changed = members.change(id, Pages.ifMatch(form.version()), roleIds, null);
                    flash.addFlashAttribute(Forms.NOTICE, "Roles of " + changed.name() + " saved.");
                    return "redirect:/app/users/" + id;
                },
                () -> memberPage(model, members.get(id), form));
    }

    @GetMapping("/{id}/disable")
    @PreAuthorize("hasAuthority('users:manage')")
    String confirmDisable(@PathVariable UUID id, Model model) {
        var member = members.get(id);
        model.addAttribute("confirm", "Disable");
        return Pages.confirm(
                model,
                "Disable " + member.name() + "?",
                "They are signed out everywhere at once and cannot sign in until enabled again.",
                "/app/users/" + id + "/disable",
                member.version(),
                "/app/users/" + id);
    }

    @PostMapping("/{id}/disable")
    @PreAuthorize("hasAuthority('users:manage')")
    String disable(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/users/" + id,
                "Disabled; their sessions have ended.",
                () -> members.change(id, Pages.ifMatch(version), null, "DISABLED"));
    }

    @PostMapping("/{id}/enable")
    @PreAuthorize("hasAuthority('users:manage')")
    String enable(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/users/" + id,
                "Enabled; they can sign in again.",
                () -> members.change(id, Pages.ifMatch(version), null, "ACTIVE"));
    }

    @GetMapping("/{id}/end-sessions")
    @PreAuthorize("hasAuthority('users:manage')")
    String confirmEndSessions(@PathVariable UUID id, Model model) {
        var member = members.get(id);
        model.addAttribute("confirm", "End sessions");
        return Pages.confirm(
                model,
                "End every session of " + member.name() + "?",
                "They are signed out on every device and app, for example after a lost phone. Their account stays"
                        + " active.",
                "/app/users/" + id + "/end-sessions",
                null,
                "/app/users/" + id);
    }

    @PostMapping("/{id}/end-sessions")
    @PreAuthorize("hasAuthority('users:manage')")
    String endSessions(@PathVariable UUID id, RedirectAttributes flash) {
        return Forms.act(flash, "/app/users/" + id, "All their sessions have ended.", () -> members.endSessions(id));
    }

    private String addForm(Model model, AddUserForm form) {
        model.addAttribute("form", form);
        model.addAttribute("roles", roles.list());
        return "accounts/user-new";
    }

    private String memberPage(Model model, MemberService.Member member, RolesForm form) {
        model.addAttribute("member", member);
        model.addAttribute("form", form);
        model.addAttribute("roles", roles.list());
        return "accounts/user";
    }
}
