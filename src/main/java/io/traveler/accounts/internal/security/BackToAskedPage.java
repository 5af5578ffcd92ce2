package io.traveler.accounts.internal.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * Where signing in leads: back to the page that sent the visitor to sign in when it was a page of the app
 * ({@code /app/...}) or a label's address ({@code /s/{serial}}, a phone camera's way to a unit), opened as a whole
 * page; home ({@code /app/}) otherwise, and when nothing was asked for.
 */
final class BackToAskedPage extends SavedRequestAwareAuthenticationSuccessHandler {
    static final String HOME = "/app/";

    private final RequestCache cache = new HttpSessionRequestCache();

    BackToAskedPage() {
        setDefaultTargetUrl(HOME);
        setRequestCache(cache);
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws ServletException, IOException {
        SavedRequest asked = cache.getRequest(request, response);
        if (asked != null && !isPage(asked, request.getContextPath())) {
            cache.removeRequest(request, response);
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }

    /** A whole page of the app or a label's address (a fragment htmx asked for is not a page to land on). */
    private static boolean isPage(SavedRequest asked, String contextPath) {
        if (!"GET".equals(asked.getMethod())
                || !asked.getHeaderValues("HX-Request").isEmpty()) {
            return false;
        }
        String path;
        try {
            path = URI.create(asked.getRedirectUrl()).getPath();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (path == null) {
            return false;
        }
        String local =
                contextPath != null && path.startsWith(contextPath) ? path.substring(contextPath.length()) : path;
        return local.startsWith("/app/") || local.startsWith("/s/");
    }
}
