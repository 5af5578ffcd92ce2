package io.traveler.accounts.web;

import io.traveler.accounts.internal.security.PrincipalLoader;
import io.traveler.shared.security.TravelerAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Changes who the browser's session acts as, after the same checks as every request: an active user with an
 * active membership in the organization, signed in after their sessions were last ended. The session gets a new
 * id whenever it does (organization switch, password change), as at sign-in: an id someone planted or saw before
 * is worth nothing afterwards.
 */
@Component
class SignedInSession {
    private final PrincipalLoader principals;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    SignedInSession(PrincipalLoader principals) {
        this.principals = principals;
    }

    /** True when the session now acts as {@code userId} in {@code orgId}; false when that is not allowed. */
    boolean actAs(
            UUID userId,
            UUID orgId,
            Instant authenticatedAt,
            HttpServletRequest request,
            HttpServletResponse response) {
        var principal = principals.user(userId, orgId, authenticatedAt);
        if (principal.isEmpty()) {
            return false;
        }
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TravelerAuthentication(principal.get()));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        return true;
    }
}
