package io.traveler.accounts.internal.security;

import io.traveler.shared.security.TravelerAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/** The browser's sign-in: the same checks as {@code POST /api/auth/token}, remembered in the session. */
@Component
class FormLoginProvider implements AuthenticationProvider {
    private final Authenticator authenticator;
    private final PrincipalLoader principals;

    FormLoginProvider(Authenticator authenticator, PrincipalLoader principals) {
        this.authenticator = authenticator;
        this.principals = principals;
    }

    record Details(String totpCode) {
        Details(HttpServletRequest request) {
            this(request.getParameter("totp_code"));
        }
    }

    /** Carries the reason of a refused sign-in to the login page. */
    static final class Refused extends AuthenticationException {
        final String reason;

        Refused(String message, String reason) {
            super(message);
            this.reason = reason;
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String totp = authentication.getDetails() instanceof Details d ? d.totpCode() : null;
        try {
            var signIn = authenticator.authenticate(
                    authentication.getName(), String.valueOf(authentication.getCredentials()), null, totp);
            return principals
                    .user(signIn.userId(), signIn.orgId(), signIn.at())
                    .map(TravelerAuthentication::new)
                    .orElseThrow(() -> new BadCredentialsException("No active membership"));
        } catch (AuthenticationFailure | SignInThrottle.Throttled failure) {
            String reason =
                    switch (failure.kind()) {
                        case LOCKED -> "locked";
                        case TOO_MANY -> "throttled";
                        case NO_ORGANIZATION -> "no-organization";
                        case MFA_REQUIRED -> "mfa";
                        default -> "bad-credentials";
                    };
            throw new Refused(failure.getMessage(), reason);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static AuthenticationFailureHandler failureHandler() {
        return (request, response, exception) -> {
            String reason = exception instanceof Refused r ? r.reason : "bad-credentials";
            String email = request.getParameter("email");
            response.sendRedirect("/login?error=" + reason
                    + (email == null ? "" : "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)));
        };
    }
}
