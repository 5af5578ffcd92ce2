package io.traveler.accounts.internal.security;

import io.traveler.shared.security.TravelerAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code X-API-Key: tvk_...} or {@code Authorization: ApiKey tvk_...}. */
class ApiKeyFilter extends OncePerRequestFilter {
    private final ApiKeyAuthentication keys;
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyFilter(ApiKeyAuthentication keys, AuthenticationEntryPoint entryPoint) {
        this.keys = keys;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = presentedKey(request);
        if (presented == null) {
            chain.doFilter(request, response);
            return;
        }
        var principal = keys.authenticate(presented);
        if (principal.isEmpty()) {
            entryPoint.commence(
                    request, response, new BadCredentialsException("The API key is invalid, revoked or expired"));
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TravelerAuthentication(principal.get()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    private static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader("X-API-Key");
        if (header != null) {
            return header;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "ApiKey ", 0, 7)) {
            return authorization.substring(7);
        }
        return null;
    }
}
