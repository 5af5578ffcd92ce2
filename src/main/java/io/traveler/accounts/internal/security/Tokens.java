package io.traveler.accounts.internal.security;

import io.traveler.shared.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues short-lived access tokens (JWT, HS256) and long-lived refresh tokens (random, stored only as a
 * SHA-256 hash, rotated on every use, revoked by logout).
 */
@Service
public class Tokens {
    public static final String ISSUER = "traveler";
    public static final String ORG_CLAIM = "org";
    /** The issue time to the millisecond: {@code iat} has whole seconds, too coarse to compare with a sign-out. */
    public static final String ISSUED_AT_MILLIS_CLAIM = "iat_ms";

    private final JwtEncoder encoder;
    private final JdbcClient jdbc;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final SecureRandom random = new SecureRandom();

    Tokens(JwtEncoder encoder, JdbcClient jdbc, SecurityProperties properties) {
        this.encoder = encoder;
        this.jdbc = jdbc;
        this.accessTtl = properties.accessTokenTtl();
        this.refreshTtl = properties.refreshTokenTtl();
    }

    public record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken, UUID orgId) {}

    @Transactional
    public TokenPair issue(UUID userId, UUID orgId) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        var claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(userId.toString())
                .claim(ORG_CLAIM, orgId.toString())
                .claim(ISSUED_AT_MILLIS_CLAIM, now.toEpochMilli())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(accessTtl))
                .build();
        String access = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        String refresh = newRefreshToken(userId, orgId, now);
        return new TokenPair(access, "Bearer", accessTtl.toSeconds(), refresh, orgId);
    }

    private String newRefreshToken(UUID userId, UUID orgId, Instant now) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "tvr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("""
                        insert into accounts.refresh_tokens (id, user_id, org_id, token_hash, issued_at, expires_at)
                        values (:id, :user, :org, :hash, :now, :expires)
                        """)
                .param("id", Ids.newId())
                .param("user", userId)
                .param("org", orgId)
                .param("hash", sha256(token))
                .param("now", java.sql.Timestamp.from(now))
                .param("expires", java.sql.Timestamp.from(now.plus(refreshTtl)))
                .update();
        return token;
    }

    public record RefreshGrant(UUID userId, UUID orgId, Instant issuedAt) {}

    /** Spends a refresh token: it can be used once; the caller gets a new pair. */
    @Transactional
    public RefreshGrant spend(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw AuthenticationFailure.invalidToken("refresh_token is missing");
        }
        return jdbc.sql("""
                        update accounts.refresh_tokens set revoked_at = now()
                         where token_hash = :hash and revoked_at is null and expires_at > now()
                        returning user_id, org_id, issued_at
                        """)
                .param("hash", sha256(refreshToken))
                .query((rs, n) -> new RefreshGrant(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant()))
                .optional()
                .orElseThrow(() -> AuthenticationFailure.invalidToken("The refresh token is invalid, used or expired"));
    }

    @Transactional
    public void revoke(String refreshToken) {
        if (refreshToken == null) {
            return;
        }
        jdbc.sql(
                        "update accounts.refresh_tokens set revoked_at = now() where token_hash = :hash and revoked_at is null")
                .param("hash", sha256(refreshToken))
                .update();
    }

    @Transactional
    public void revokeAllOf(UUID userId) {
        jdbc.sql("update accounts.refresh_tokens set revoked_at = now() where user_id = :user and revoked_at is null")
                .param("user", userId)
                .update();
    }

    /** Ends the refresh tokens a user holds for one organization; their tokens for other organizations stay. */
    @Transactional
    public void revokeAllOf(UUID userId, UUID orgId) {
        jdbc.sql("""
                        update accounts.refresh_tokens set revoked_at = now()
                         where user_id = :user and org_id = :org and revoked_at is null
                        """).param("user", userId).param("org", orgId).update();
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
