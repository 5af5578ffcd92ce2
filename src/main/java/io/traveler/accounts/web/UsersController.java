package io.traveler.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.accounts.internal.InvitationService;
import io.traveler.accounts.internal.MemberService;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@Tag(name = "Users", description = "Members of the organization and their roles")
@RestController
@RequestMapping("/api/users")
class UsersController {
    private final MemberService members;
    private final InvitationService invitations;

    UsersController(MemberService members, InvitationService invitations) {
        this.members = members;
        this.invitations = invitations;
    }

    record RoleRef(UUID id, String name) {}

    record UserView(
            UUID id,
            String email,
            String name,
            String status,
            List<RoleRef> roles,
            boolean mfaEnrolmentPending,
            Instant lastLoginAt) {
        static UserView of(MemberService.Member m) {
            return new UserView(
                    m.userId(),
                    m.email(),
                    m.name(),
                    m.status(),
                    m.roles().stream().map(r -> new RoleRef(r.id(), r.name())).toList(),
                    m.mfaEnrolmentPending(),
                    m.lastLoginAt());
        }
    }

    record UserAdd(
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 200) String name,
            @NotEmpty Set<UUID> roleIds) {}

    record UserChange(Set<UUID> roleIds, String status) {}

    @Operation(summary = "List the organization's members")
    @GetMapping
    @PreAuthorize("hasAuthority('users:read')")
    ItemList<UserView> list() {
        return new ItemList<>(members.list().stream().map(UserView::of).toList(), null);
    }

    @Operation(
            summary = "Invite a person: they get a link by e-mail and join only by following it",
            description = "Answers 202 with the invitation (see /api/invitations). Inviting an address with a pending"
                    + " invitation renews it. Roles carrying permissions the caller lacks are refused (403).")
    @PostMapping
    @PreAuthorize("hasAuthority('users:manage')")
    ResponseEntity<InvitationsController.InvitationView> add(@Valid @RequestBody UserAdd body) {
        var invited = invitations.invite(body.email(), body.name(), body.roleIds());
        return Versions.withEtag(
                HttpStatus.ACCEPTED, invited.version(), InvitationsController.InvitationView.of(invited));
    }

    @Operation(summary = "Get a member")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('users:read')")
    ResponseEntity<UserView> get(@PathVariable UUID id) {
        var found = members.get(id);
        return Versions.ok(found.version(), UserView.of(found));
    }

    @Operation(summary = "Change a member's roles or status in this organization")
    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('users:manage')")
    ResponseEntity<UserView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody UserChange body) {
        var changed = members.change(id, expected, body.roleIds(), body.status());
        return Versions.ok(changed.version(), UserView.of(changed));
    }

    @Operation(summary = "End a member's sessions in this organization")
    @PostMapping("/{id}/end-sessions")
    @PreAuthorize("hasAuthority('users:manage')")
    ResponseEntity<Void> endSessions(@PathVariable UUID id) {
        members.endSessions(id);
        return ResponseEntity.noContent().build();
    }
}
