package io.traveler.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.accounts.OrganizationKind;
import io.traveler.accounts.internal.EmailVerifications;
import io.traveler.accounts.internal.SignupService;
import io.traveler.accounts.internal.security.AuthenticationFailure;
import io.traveler.accounts.internal.security.Authenticator;
import io.traveler.accounts.internal.security.PrincipalLoader;
import io.traveler.accounts.internal.security.Tokens;
import io.traveler.shared.errors.ForbiddenException;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.web.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Auth", description = "Sign up, tokens, refresh, logout")
@RestController
@RequestMapping("/api/auth")
class AuthController {
    private final SignupService signup;
    private final Authenticator authenticator;
    private final Tokens tokens;
    private final PrincipalLoader principals;
    private final EmailVerifications verifications;
    private final ClientAddress clientAddress;

    AuthController(
            SignupService signup,
            Authenticator authenticator,
            Tokens tokens,
            PrincipalLoader principals,
            EmailVerifications verifications,
            ClientAddress clientAddress) {
        this.verifications = verifications;
        this.signup = signup;
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.principals = principals;
        this.clientAddress = clientAddress;
    }

    record SignupRequest(
            @NotBlank @Size(max = 200) String organizationName,
            @NotNull OrganizationKind organizationKind,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank String password) {}

    record OrganizationView(UUID id, String name, OrganizationKind kind) {}

    record UserView(UUID id, String email, String name) {}

    record SignupResponse(OrganizationView organization, UserView user) {}

    record TokenRequest(@NotBlank String email, @NotBlank String password, UUID organizationId, String totpCode) {}

    record TokenResponse(
            String accessToken,
            String tokenType,
            long expiresIn,
            String refreshToken,
            UUID organizationId,
            UUID sessionId) {
        static TokenResponse of(Tokens.TokenPair pair) {
            return new TokenResponse(
                    pair.accessToken(),
                    pair.tokenType(),
                    pair.expiresIn(),
                    pair.refreshToken(),
                    pair.orgId(),
                    pair.sessionId());
        }
    }

    record RefreshRequest(@NotBlank String refreshToken) {}

    record VerifyRequest(@NotBlank @Size(max = 100) String token) {}

    record Verified(String email, boolean verified) {}

    @Operation(summary = "Create an organization and its first administrator; a link to verify the address is mailed")
    @PostMapping("/signup")
    ResponseEntity<SignupResponse> signup(@Valid @RequestBody SignupRequest request) {
        var signed = signup.signUp(
                request.organizationName(),
                request.organizationKind(),
                request.name(),
                request.email(),
                request.password());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new SignupResponse(
                        new OrganizationView(signed.organizationId(), signed.organizationName(), signed.kind()),
                        new UserView(signed.userId(), signed.email(), signed.name())));
    }

    @Operation(summary = "Exchange e-mail and password (and a one-time code when enrolled) for tokens")
    @PostMapping("/token")
    TokenResponse token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        var signIn = authenticator.authenticate(
                request.email(), request.password(), request.organizationId(), request.totpCode());
        return TokenResponse.of(tokens.startSession(signIn.userId(), signIn.orgId(), client(http)));
    }

    @Operation(
            summary = "Exchange a refresh token for a new pair; the old refresh token stops working",
            description = "Presenting a refresh token that was already spent ends its whole session: every token"
                    + " issued since that sign-in stops working.")
    @PostMapping("/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
        var grant = tokens.spend(request.refreshToken(), client(http));
        principals
                .user(grant.userId(), grant.orgId(), grant.issuedAt(), grant.sessionId())
                .orElseThrow(() -> AuthenticationFailure.invalidToken("The session has ended; sign in again"));
        return TokenResponse.of(tokens.continueSession(grant));
    }

    @Operation(summary = "Verify the address of an account with the token of the link mailed to it")
    @PostMapping("/verify-email")
    Verified verifyEmail(@Valid @RequestBody VerifyRequest request) {
        return new Verified(verifications.verify(request.token()), true);
    }

    @Operation(summary = "Mail the signed-in user a new verification link")
    @PostMapping("/verify-email/resend")
    ResponseEntity<Void> resendVerification() {
        var me = TravelerAuthentication.current()
                .filter(p -> p.kind() == Tenant.ActorKind.USER)
                .orElseThrow(() -> new ForbiddenException("Only a signed-in person has an address to verify"));
        verifications.resend(me.actorId());
        return ResponseEntity.accepted().build();
    }

    private Tokens.Client client(HttpServletRequest http) {
        return new Tokens.Client(http.getHeader("User-Agent"), clientAddress.of(http));
    }

    @Operation(summary = "Revoke a refresh token and end its session")
    @PostMapping("/logout")
    ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request) {
        tokens.revoke(request.refreshToken());
        return ResponseEntity.noContent().build();
    }
}
