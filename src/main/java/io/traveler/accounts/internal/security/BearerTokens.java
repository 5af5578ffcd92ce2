package io.traveler.accounts.internal.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The token of an {@code Authorization: Bearer} header, under {@link DefaultBearerTokenResolver}'s rules as Traveler
 * uses them (the header only, never a query or form parameter): a header beginning with {@code bearer} in any case is
 * a bearer header, and its token must be the RFC 6750 characters ({@code A-Z a-z 0-9 - . _ ~ + /}, then {@code =}
 * padding) after exactly {@code "Bearer "}, or the request is refused as malformed. Checked by character rather than
 * by the default's regular expression, which cost 5 % of an API request's CPU on an 800-character token.
 */
final class BearerTokens implements BearerTokenResolver {
    private static final String SCHEME = "bearer";

    @Override
    public @Nullable String resolve(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = tokenOf(authorization);
        if (token == null) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return token;
    }

    /** The token after {@code "Bearer "}, or null when the header is not exactly that scheme and a valid token. */
    static @Nullable String tokenOf(String authorization) {
        int start = SCHEME.length() + 1;
        if (authorization.length() <= start || authorization.charAt(SCHEME.length()) != ' ') {
            return null;
        }
        int end = authorization.length();
        int padding = end;
        while (padding > start && authorization.charAt(padding - 1) == '=') {
            padding--;
        }
        if (padding == start) {
            return null;
        }
        for (int i = start; i < padding; i++) {
            if (!tokenCharacter(authorization.charAt(i))) {
                return null;
            }
        }
        return authorization.substring(start);
    }

    private static boolean tokenCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
