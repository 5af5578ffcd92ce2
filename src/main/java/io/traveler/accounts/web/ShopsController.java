package io.traveler.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.accounts.Accounts;
import io.traveler.accounts.internal.OrganizationService;
import io.traveler.accounts.internal.OwnAccount;
import io.traveler.accounts.internal.Totp;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.web.ResponseCarriesSecret;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

/** The caller's organizations ("shops" in the seed) and their own account: MFA and password. */
@Tag(name = "Organizations and me")
@RestController
@RequestMapping("/api")
class ShopsController {
    private final Accounts accounts;
    private final OwnAccount own;
    private final Totp totp;
    private final OrganizationService organizations;

    ShopsController(Accounts accounts, OwnAccount own, Totp totp, OrganizationService organizations) {
        this.accounts = accounts;
        this.own = own;
        this.totp = totp;
        this.organizations = organizations;
    }

    record ShopView(UUID id, String name, String kind, boolean current) {}

    record OrganizationView(UUID id, String name, String kind, java.time.Instant createdAt) {
        static OrganizationView of(io.traveler.accounts.internal.Organization o) {
            return new OrganizationView(o.id(), o.name(), o.kind().name(), o.createdAt());
        }
    }

    record OrganizationChange(
            @NotBlank @jakarta.validation.constraints.Size(max = 200)
            String name) {}

    record MeView(
            UUID id,
            String kind,
            String name,
            String email,
            UUID organizationId,
            String organizationName,
            List<String> permissions,
            boolean mfaEnrolmentRequired) {}

    record TotpStart(String secret, String otpauthUri) {}

    record TotpConfirm(@NotBlank String code) {}

    record PasswordConfirm(@NotBlank String password) {}

    record PasswordChange(
            @NotBlank String currentPassword, @NotBlank String newPassword) {}

    @Operation(summary = "The organizations the caller is a member of")
    @GetMapping("/shops")
    ItemList<ShopView> shops() {
        TravelerPrincipal me = me();
        if (me.kind() != io.traveler.shared.tenancy.Tenant.ActorKind.USER) {
            return new ItemList<>(List.of(new ShopView(me.orgId(), me.orgName(), null, true)), null);
        }
        return new ItemList<>(
                accounts.myOrganizations().stream()
                        .map(o -> new ShopView(o.id(), o.name(), o.kind(), o.id().equals(me.orgId())))
                        .toList(),
                null);
    }

    @Operation(summary = "The current organization (another one's id answers 404)")
    @GetMapping("/shops/{id}")
    @org.springframework.security.access.prepost.PreAuthorize("hasAuthority('organizations:read')")
    ResponseEntity<OrganizationView> shop(@PathVariable UUID id) {
        var organization = organizations.current(id);
        return Versions.ok(organization.version(), OrganizationView.of(organization));
    }

    @Operation(summary = "Rename the current organization")
    @PatchMapping("/shops/{id}")
    @org.springframework.security.access.prepost.PreAuthorize("hasAuthority('organizations:update')")
    ResponseEntity<OrganizationView> renameShop(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody OrganizationChange body) {
        var organization = organizations.rename(id, expected, body.name());
        return Versions.ok(organization.version(), OrganizationView.of(organization));
    }

    @Operation(summary = "The caller: user or API key, organization and permissions")
    @GetMapping("/me")
    MeView whoAmI() {
        TravelerPrincipal me = me();
        return new MeView(
                me.actorId(),
                me.kind().name(),
                me.name(),
                me.email(),
                me.orgId(),
                me.orgName(),
                me.permissions().stream().sorted().toList(),
                me.mfaEnrolmentRequired());
    }

    @Operation(
            summary = "Start two-factor enrolment: returns the TOTP secret for an authenticator app",
            description = "Asks for the current password; a wrong one is 422 and counts toward the lockout.")
    @PostMapping("/me/mfa/totp")
    @ResponseCarriesSecret
    TotpStart startTotp(@Valid @RequestBody PasswordConfirm body) {
        TravelerPrincipal me = requireUser();
        String secret = own.startTotpEnrolment(me.actorId(), body.password());
        return new TotpStart(secret, totp.provisioningUri(secret, me.email()));
    }

    @Operation(summary = "Confirm two-factor enrolment with a code from the app")
    @PostMapping("/me/mfa/totp/confirm")
    ResponseEntity<Void> confirmTotp(@Valid @RequestBody TotpConfirm body) {
        own.confirmTotp(requireUser().actorId(), body.code());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Turn two-factor sign-in off (asks for the password)")
    @PostMapping("/me/mfa/totp/remove")
    ResponseEntity<Void> removeTotp(@Valid @RequestBody PasswordConfirm body) {
        own.removeTotp(requireUser().actorId(), body.password());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Change the caller's password; other sessions end")
    @PostMapping("/me/password")
    ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChange body) {
        own.changePassword(requireUser().actorId(), body.currentPassword(), body.newPassword());
        return ResponseEntity.noContent().build();
    }

    private static TravelerPrincipal me() {
        return TravelerAuthentication.current().orElseThrow();
    }

    private static TravelerPrincipal requireUser() {
        TravelerPrincipal me = me();
        if (me.kind() != io.traveler.shared.tenancy.Tenant.ActorKind.USER) {
            throw new io.traveler.shared.errors.ForbiddenException("Only a signed-in user has an account to change");
        }
        return me;
    }
}
