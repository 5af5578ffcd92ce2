package io.traveler.accounts.internal.security;

import io.traveler.shared.security.TravelerAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Re-reads a signed-in browser user from the database on every request: a disabled user, an ended session or
 * a changed role applies at once. A session that is no longer valid is invalidated (back to the login page).
 */
class SessionRefreshFilter extends OncePerRequestFilter {
    private final PrincipalLoader principals;

    SessionRefreshFilter(PrincipalLoader principals) {
        this.principals = principals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var current = TravelerAuthentication.current();
        if (current.isPresent()) {
            var p = current.get();
            var fresh = principals.user(p.actorId(), p.orgId(), p.authenticatedAt());
            if (fresh.isPresent()) {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new TravelerAuthentication(fresh.get()));
                SecurityContextHolder.setContext(context);
            } else {
                SecurityContextHolder.clearContext();
                var session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
        }
        chain.doFilter(request, response);
    }
}
