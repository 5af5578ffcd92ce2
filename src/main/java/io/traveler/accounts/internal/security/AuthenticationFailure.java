package io.traveler.accounts.internal.security;

import io.traveler.shared.web.Problems;
import io.traveler.shared.web.TravelerException;
import java.net.URI;
import org.springframework.http.HttpStatus;

/** A sign-in that did not succeed. The message never says whether the e-mail exists. */
public class AuthenticationFailure extends TravelerException {
    private AuthenticationFailure(HttpStatus status, URI type, String title, String detail) {
        super(status, type, title, detail);
    }

    public static AuthenticationFailure badCredentials() {
        return new AuthenticationFailure(
                HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED, "Unauthenticated", "E-mail or password is wrong");
    }

    public static AuthenticationFailure locked(long retryAfterSeconds) {
        return new AuthenticationFailure(
                HttpStatus.LOCKED,
                Problems.LOCKED,
                "Account locked",
                "Too many failed sign-ins; try again in " + Math.max(1, retryAfterSeconds / 60) + " minutes");
    }

    public static AuthenticationFailure mfaCodeNeeded() {
        return new AuthenticationFailure(
                HttpStatus.UNAUTHORIZED,
                Problems.MFA_REQUIRED,
                "One-time code required",
                "This account uses two-factor sign-in: send totp_code with the code from your authenticator app");
    }

    public static AuthenticationFailure invalidToken(String detail) {
        return new AuthenticationFailure(HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED, "Unauthenticated", detail);
    }

    public static AuthenticationFailure noOrganization() {
        return new AuthenticationFailure(
                HttpStatus.FORBIDDEN,
                Problems.FORBIDDEN,
                "No organization",
                "You are not an active member of that organization");
    }
}
