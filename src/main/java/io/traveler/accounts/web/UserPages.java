package io.traveler.accounts.web;

import io.traveler.accounts.internal.InvitationService;
import io.traveler.accounts.internal.MemberService;
import io.traveler.accounts.internal.Role;
import io.traveler.accounts.internal.RoleService;
import io.traveler.shared.jpa.ExpectedVersion;
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

/** The members of the organization: invite, change roles, disable and enable, end sessions here. */
@PageController
@RequestMapping("/app/users")
class UserPages {
    private final MemberService members;
    private final RoleService roles;
    private final InvitationService invitations;

    UserPages(MemberService members, RoleService roles, InvitationService invitations) {
        this.members = members;
        this.roles = roles;
        this.invitations = invitations;
    }

    record InviteForm(
            @NotBlank(message = "is required") @Email(message = "is not an e-mail address") @Size(max = 254)
            String email,

            @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @BindParam("role_ids") @NotEmpty(message = "must name at least one role")
            List<UUID> roleIds) {

        static InviteForm blank() {
            return new InviteForm("", "", List.of());
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
        model.addAttribute("invitations", invitations.pending());
        return "accounts/users";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('users:manage')")
    String newUser(Model model) {
        return inviteForm(model, InviteForm.blank());
    }

    @PostMapping
    @PreAuthorize("hasAuthority('users:manage')")
    String invite(@Valid InviteForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        InviteForm shown = form == null ? InviteForm.blank() : form;
        return Forms.save(form, binding, model, () -> inviteForm(model, shown), () -> {
            var invited = invitations.invite(form.email(), form.name(), Set.copyOf(form.roleIds()));
            return Forms.notice(
                    flash,
                    "Invitation sent to " + invited.email() + ". They join when they follow the link in the message.",
                    "redirect:/app/users");
        });
    }

    @PostMapping("/invitations/{id}/revoke")
    @PreAuthorize("hasAuthority('users:manage')")
    String revokeInvitation(
            @PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/users",
                "Invitation withdrawn; its link no longer works.",
                () -> invitations.revoke(id, ExpectedVersion.ofNullable(version)));
    }

    @PostMapping("/invitations/{id}/resend")
    @PreAuthorize("hasAuthority('users:manage')")
    String resendInvitation(@PathVariable UUID id, RedirectAttributes flash) {
        return Forms.act(flash, "/app/users", "Invitation sent again with a new link.", () -> invitations.resend(id));
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
                    var changed = members.change(id, ExpectedVersion.ofNullable(form.version()), roleIds, null);
                    return Forms.notice(flash, "Roles of " + changed.name() + " saved.", "redirect:/app/users/" + id);
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
                "They are signed out of this organization at once and cannot work in it until enabled again. Their"
                        + " account and other organizations are not affected.",
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
                () -> members.change(id, ExpectedVersion.ofNullable(version), null, "DISABLED"));
    }

    @PostMapping("/{id}/enable")
    @PreAuthorize("hasAuthority('users:manage')")
    String enable(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/users/" + id,
                "Enabled; they can sign in again.",
                () -> members.change(id, ExpectedVersion.ofNullable(version), null, "ACTIVE"));
    }

    @GetMapping("/{id}/end-sessions")
    @PreAuthorize("hasAuthority('users:manage')")
    String confirmEndSessions(@PathVariable UUID id, Model model) {
        var member = members.get(id);
        model.addAttribute("confirm", "End sessions");
        return Pages.confirm(
                model,
                "End every session of " + member.name() + "?",
                "They are signed out of this organization on every device and app, for example after a lost phone."
                        + " Their membership stays active.",
                "/app/users/" + id + "/end-sessions",
                null,
                "/app/users/" + id);
    }

    @PostMapping("/{id}/end-sessions")
    @PreAuthorize("hasAuthority('users:manage')")
    String endSessions(@PathVariable UUID id, RedirectAttributes flash) {
        return Forms.act(flash, "/app/users/" + id, "All their sessions have ended.", () -> members.endSessions(id));
    }

    private String inviteForm(Model model, InviteForm form) {
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
