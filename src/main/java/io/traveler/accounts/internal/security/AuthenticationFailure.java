package io.traveler.accounts.internal.security;

import io.traveler.shared.errors.TravelerException;

/** A sign-in that did not succeed. The message never says whether the e-mail exists. */
public class AuthenticationFailure extends TravelerException {
    private AuthenticationFailure(Kind kind, String detail) {
        super(kind, detail);
    }

    public static AuthenticationFailure badCredentials() {
        return new AuthenticationFailure(Kind.UNAUTHENTICATED, "E-mail or password is wrong");
    }

    public static AuthenticationFailure locked(long retryAfterSeconds) {
        return new AuthenticationFailure(
                Kind.LOCKED,
                "Too many failed sign-ins; try again in " + Math.max(1, retryAfterSeconds / 60) + " minutes");
    }

    public static AuthenticationFailure mfaCodeNeeded() {
        return new AuthenticationFailure(
                Kind.MFA_REQUIRED,
                "This account uses two-factor sign-in: send totp_code with the code from your authenticator app");
    }

    public static AuthenticationFailure invalidToken(String detail) {
        return new AuthenticationFailure(Kind.UNAUTHENTICATED, detail);
    }

    public static AuthenticationFailure noOrganization() {
        return new AuthenticationFailure(Kind.NO_ORGANIZATION, "You are not an active member of that organization");
    }
}
