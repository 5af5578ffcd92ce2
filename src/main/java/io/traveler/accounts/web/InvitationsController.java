package io.traveler.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.accounts.internal.InvitationService;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@Tag(name = "Invitations", description = "People invited to the organization, and accepting an invitation")
@RestController
@RequestMapping("/api/invitations")
class InvitationsController {
    private final InvitationService invitations;

    InvitationsController(InvitationService invitations) {
        this.invitations = invitations;
    }

    record InvitationView(
            UUID id,
            String email,
            String name,
            List<UsersController.RoleRef> roles,
            String status,
            Instant expiresAt,
            Instant createdAt) {
        static InvitationView of(InvitationService.Invited i) {
            return new InvitationView(
                    i.id(),
                    i.email(),
                    i.name(),
                    i.roles().stream()
                            .map(r -> new UsersController.RoleRef(r.id(), r.name()))
                            .toList(),
                    i.status().name(),
                    i.expiresAt(),
                    i.createdAt());
        }
    }

    record AcceptRequest(
            @NotBlank @Size(max = 100) String token,
            @Size(max = 200) String name,
            String password) {}

    record OrganizationRef(UUID id, String name) {}

    record MemberRef(UUID id, String email, String name) {}

    record Accepted(OrganizationRef organization, MemberRef user) {}

    @Operation(summary = "The organization's pending invitations")
    @GetMapping
    @PreAuthorize("hasAuthority('users:read')")
    ItemList<InvitationView> list() {
        return new ItemList<>(
                invitations.pending().stream().map(InvitationView::of).toList(), null);
    }

    @Operation(summary = "One invitation")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('users:read')")
    ResponseEntity<InvitationView> get(@PathVariable UUID id) {
        var found = invitations.get(id);
        return Versions.ok(found.version(), InvitationView.of(found));
    }

    @Operation(summary = "Withdraw a pending invitation; its link stops working")
    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('users:manage')")
    ResponseEntity<Void> revoke(@PathVariable UUID id, ExpectedVersion expected) {
        invitations.revoke(id, expected);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Mail a pending invitation again, with a new link (the previous link stops working)")
    @PostMapping("/{id}/resend")
    @PreAuthorize("hasAuthority('users:manage')")
    ResponseEntity<InvitationView> resend(@PathVariable UUID id) {
        var renewed = invitations.resend(id);
        return Versions.withEtag(HttpStatus.ACCEPTED, renewed.version(), InvitationView.of(renewed));
    }

    @Operation(
            summary = "Accept an invitation with the token from its link",
            description = "Signed out: with `password` (and `name` for a new account); this creates the account, or"
                    + " gives an unverified account with the invited address a new password and ends all its"
                    + " sessions. Signed in (bearer token): only as the verified account with the invited address.")
    @PostMapping("/accept")
    Accepted accept(@Valid @RequestBody AcceptRequest body) {
        var accepted = invitations.accept(
                body.token(), TravelerAuthentication.current().orElse(null), body.name(), body.password());
        return new Accepted(
                new OrganizationRef(accepted.orgId(), accepted.organizationName()),
                new MemberRef(accepted.userId(), accepted.email(), accepted.name()));
    }
}
