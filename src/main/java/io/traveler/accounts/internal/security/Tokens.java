package io.traveler.accounts.internal.security;

import io.traveler.accounts.internal.SecretTokens;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.security.PrincipalChanges;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues short-lived access tokens (JWT, HS256) and long-lived refresh tokens (random, stored only as a
 * SHA-256 hash, rotated on every use, revoked by logout). Every token issued from one sign-in belongs to one
 * session: access tokens name it ({@code sid}) and stop working when it ends, and presenting a refresh token that
 * was already spent ends it, since either the client or a thief holds a copy of a token in the chain.
 */
@Service
public class Tokens {
    private static final Logger log = LoggerFactory.getLogger(Tokens.class);

    public static final String ISSUER = "traveler";
    public static final String ORG_CLAIM = "org";
    public static final String SESSION_CLAIM = "sid";
    /** The issue time to the millisecond: {@code iat} has whole seconds, too coarse to compare with a sign-out. */
    public static final String ISSUED_AT_MILLIS_CLAIM = "iat_ms";

    private final JwtEncoder encoder;
    private final JdbcClient jdbc;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final PrincipalChanges principals;

    Tokens(JwtEncoder encoder, JdbcClient jdbc, SecurityProperties properties, PrincipalChanges principals) {
        this.encoder = encoder;
        this.jdbc = jdbc;
        this.principals = principals;
        this.accessTtl = properties.accessTokenTtl();
        this.refreshTtl = properties.refreshTokenTtl();
    }

    public record TokenPair(
            String accessToken, String tokenType, long expiresIn, String refreshToken, UUID orgId, UUID sessionId) {}

    /** Where a session is used from, as shown to its owner. */
    public record Client(String userAgent, String address) {
        public Client {
            userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 500));
            address = address == null ? null : address.substring(0, Math.min(address.length(), 100));
        }
    }

    /** The session of the current API request ({@code sid} of its access token), if any. */
    public record SessionId(UUID value) {
        public static Optional<UUID> current() {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            return authentication != null && authentication.getDetails() instanceof SessionId sid
                    ? Optional.of(sid.value())
                    : Optional.empty();
        }
    }

    /** A sign-in: a new session and its first pair of tokens. */
    @Transactional
    public TokenPair startSession(UUID userId, UUID orgId, Client client) {
        UUID sessionId = Ids.newId();
        jdbc.sql("""
                        insert into accounts.sessions (id, user_id, org_id, created_at, last_used_at, user_agent, client_address)
                        values (:id, :user, :org, now(), now(), :agent, :address)
                        """)
                .param("id", sessionId)
                .param("user", userId)
                .param("org", orgId)
                .param("agent", client.userAgent())
                .param("address", client.address())
                .update();
        return issue(userId, orgId, sessionId);
    }

    /** The next pair of a session, after its refresh token was spent. */
    @Transactional
    public TokenPair continueSession(RefreshGrant grant) {
        return issue(grant.userId(), grant.orgId(), grant.sessionId());
    }

    private TokenPair issue(UUID userId, UUID orgId, UUID sessionId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(userId.toString())
                .claim(ORG_CLAIM, orgId.toString())
                .claim(SESSION_CLAIM, sessionId.toString())
                .claim(ISSUED_AT_MILLIS_CLAIM, now.toEpochMilli())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(accessTtl))
                .build();
        String access = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        String refresh = newRefreshToken(userId, orgId, sessionId, now);
        return new TokenPair(access, "Bearer", accessTtl.toSeconds(), refresh, orgId, sessionId);
    }

    private String newRefreshToken(UUID userId, UUID orgId, UUID sessionId, Instant now) {
        String token = "tvr_" + SecretTokens.newToken();
        jdbc.sql("""
                        insert into accounts.refresh_tokens (id, user_id, org_id, session_id, token_hash, issued_at, expires_at)
                        values (:id, :user, :org, :session, :hash, :now, :expires)
                        """)
                .param("id", Ids.newId())
                .param("user", userId)
                .param("org", orgId)
                .param("session", sessionId)
                .param("hash", SecretTokens.sha256(token))
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plus(refreshTtl)))
                .update();
        return token;
    }

    public record RefreshGrant(UUID userId, UUID orgId, UUID sessionId, Instant issuedAt) {}

    /**
     * Spends a refresh token of a live session: it can be used once; the caller gets a new pair. A token that was
     * already spent ends its whole session (committed although the refresh fails), so whoever holds the newer
     * tokens of that chain, the rightful client or a thief, has to sign in again.
     */
    @Transactional(noRollbackFor = AuthenticationFailure.class)
    public RefreshGrant spend(String refreshToken, Client client) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw AuthenticationFailure.invalidToken("refresh_token is missing");
        }
        String hash = SecretTokens.sha256(refreshToken);
        Optional<RefreshGrant> grant = jdbc.sql("""
                        update accounts.refresh_tokens t set revoked_at = now()
                          from accounts.sessions s
                         where t.token_hash = :hash and t.revoked_at is null and t.expires_at > now()
                           and s.id = t.session_id and s.ended_at is null
                        returning t.user_id, t.org_id, t.session_id, t.issued_at
                        """)
                .param("hash", hash)
                .query((rs, n) -> new RefreshGrant(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getTimestamp(4).toInstant()))
                .optional();
        if (grant.isPresent()) {
            jdbc.sql("""
                            update accounts.sessions
                               set last_used_at = now(), user_agent = :agent, client_address = :address
                             where id = :session
                            """)
                    .param("agent", client.userAgent())
                    .param("address", client.address())
                    .param("session", grant.get().sessionId())
                    .update();
            return grant.get();
        }
        jdbc.sql("select session_id from accounts.refresh_tokens where token_hash = :hash and revoked_at is not null")
                .param("hash", hash)
                .query(UUID.class)
                .optional()
                .ifPresent(session -> {
                    if (end(session, "REFRESH_TOKEN_REUSED")) {
                        log.warn(
                                "A spent refresh token of session {} was presented again; the session is ended",
                                session);
                    }
                });
        throw AuthenticationFailure.invalidToken("The refresh token is invalid, used or expired");
    }

    /** Logout: the refresh token's session ends, with every token issued in it. */
    @Transactional
    public void revoke(String refreshToken) {
        if (refreshToken == null) {
            return;
        }
        jdbc.sql("select session_id from accounts.refresh_tokens where token_hash = :hash and revoked_at is null")
                .param("hash", SecretTokens.sha256(refreshToken))
                .query(UUID.class)
                .optional()
                .ifPresent(session -> end(session, "SIGNED_OUT"));
    }

    @Transactional
    public void revokeAllOf(UUID userId) {
        jdbc.sql("""
                        update accounts.sessions set ended_at = now(), ended_because = 'REVOKED'
                         where user_id = :user and ended_at is null
                        """).param("user", userId).update();
        principals.announce(PrincipalChanges.Scope.USER, userId);
        jdbc.sql("update accounts.refresh_tokens set revoked_at = now() where user_id = :user and revoked_at is null")
                .param("user", userId)
                .update();
    }

    /**
     * Ends the sessions and refresh tokens a user holds for one organization (an organization ending a member's
     * sessions); their sessions in other organizations stay.
     */
    @Transactional
    public void revokeAllOf(UUID userId, UUID orgId) {
        jdbc.sql("""
                        update accounts.sessions set ended_at = now(), ended_because = 'REVOKED'
                         where user_id = :user and org_id = :org and ended_at is null
                        """).param("user", userId).param("org", orgId).update();
        principals.announce(PrincipalChanges.Scope.USER, userId);
        jdbc.sql("""
                        update accounts.refresh_tokens set revoked_at = now()
                         where user_id = :user and org_id = :org and revoked_at is null
                        """).param("user", userId).param("org", orgId).update();
    }

    public record Session(
            UUID id,
            UUID organizationId,
            String organizationName,
            Instant createdAt,
            Instant lastUsedAt,
            String userAgent,
            String clientAddress) {}

    /** The user's sessions that can still be refreshed, most recently used first. */
    @Transactional(readOnly = true)
    public List<Session> sessionsOf(UUID userId) {
        return jdbc.sql("""
                        select s.id, s.org_id, o.name, s.created_at, s.last_used_at, s.user_agent, s.client_address
                          from accounts.sessions s
                          join accounts.organizations o on o.id = s.org_id
                         where s.user_id = :user and s.ended_at is null
                           and exists (select 1 from accounts.refresh_tokens t
                                        where t.session_id = s.id and t.revoked_at is null and t.expires_at > now())
                         order by s.last_used_at desc, s.id
                        """)
                .param("user", userId)
                .query((rs, n) -> new Session(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant(),
                        rs.getString(6),
                        rs.getString(7)))
                .list();
    }

    /** Ends one of the user's own sessions; another user's session is not found. */
    @Transactional
    public void endSession(UUID userId, UUID sessionId) {
        boolean own = jdbc.sql(
                        "select exists (select 1 from accounts.sessions where id = :session and user_id = :user)")
                .param("session", sessionId)
                .param("user", userId)
                .query(Boolean.class)
                .single();
        if (!own) {
            throw NotFoundException.of("Session", sessionId);
        }
        end(sessionId, "ENDED_BY_USER");
    }

    /** True when the session was live until now. */
    private boolean end(UUID sessionId, String because) {
        int ended = jdbc.sql("""
                        update accounts.sessions set ended_at = now(), ended_because = :because
                         where id = :session and ended_at is null
                        """)
                .param("because", because)
                .param("session", sessionId)
                .update();
        principals.announce(PrincipalChanges.Scope.SESSION, sessionId);
        jdbc.sql(
                        "update accounts.refresh_tokens set revoked_at = now() where session_id = :session and revoked_at is null")
                .param("session", sessionId)
                .update();
        return ended == 1;
    }
}
