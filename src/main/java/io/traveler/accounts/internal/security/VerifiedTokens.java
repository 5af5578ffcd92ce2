package io.traveler.accounts.internal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Access tokens seen recently, verified once. A client sends the same signed text with every request until the token
 * expires, so its signature, issuer and organization claim are checked the first time and the decoded token is kept
 * until its expiry (never longer). Whether the caller behind it may still act (live session, active membership,
 * current roles) is not decided here: the principal cache answers that on every request.
 */
final class VerifiedTokens implements JwtDecoder {
    private final JwtDecoder verifier;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder verifier, int size) {
        this.verifier = verifier;
        this.verified = Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> untilExpiry(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null && Instant.now().isBefore(known.getExpiresAt())) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    private static Duration untilExpiry(Jwt jwt) {
        Duration left = Duration.between(Instant.now(), jwt.getExpiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }
}
