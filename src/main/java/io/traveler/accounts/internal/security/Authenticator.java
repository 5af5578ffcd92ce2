package io.traveler.accounts.internal.security;

import io.traveler.accounts.internal.Totp;
import io.traveler.accounts.internal.User;
import io.traveler.accounts.internal.Users;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a sign-in: password, lockout after ten failures in a row (with a cooling-off period), the one-time code
 * when the user has two-factor sign-in, and an active membership in the organization asked for (or the last
 * one used). Failed attempts are committed even though the sign-in fails.
 */
@Service
public class Authenticator {
    /** Compared against when the e-mail is unknown, so both cases take the same time. */
    private static final String DUMMY_HASH = "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z1bRk0jCJ6r8UoHW2xR3eXFa";

    static final int MAX_FAILED_ATTEMPTS = 10;
    static final Duration LOCKOUT = Duration.ofMinutes(15);

    private final Users users;
    private final PasswordEncoder passwords;
    private final Totp totp;
    private final JdbcClient jdbc;

    Authenticator(Users users, PasswordEncoder passwords, Totp totp, JdbcClient jdbc) {
        this.users = users;
        this.passwords = passwords;
        this.totp = totp;
        this.jdbc = jdbc;
    }

    public record SignIn(UUID userId, UUID orgId, Instant at) {}

    @Transactional(noRollbackFor = AuthenticationFailure.class)
    public SignIn authenticate(String email, String password, UUID organizationId, String totpCode) {
        Instant now = Instant.now();
        User user =
                email == null ? null : users.findByEmailIgnoreCase(email.trim()).orElse(null);
        if (user == null) {
            passwords.matches(password == null ? "" : password, DUMMY_HASH);
            throw AuthenticationFailure.badCredentials();
        }
        if (user.isLockedAt(now)) {
            throw AuthenticationFailure.locked(
                    Duration.between(now, user.lockedUntil()).toSeconds());
        }
        if (password == null || !passwords.matches(password, user.passwordHash()) || !user.isActive()) {
            failed(user, now);
            throw AuthenticationFailure.badCredentials();
        }
        if (user.mfaEnabled()) {
            if (totpCode == null || totpCode.isBlank()) {
                throw AuthenticationFailure.mfaCodeNeeded();
            }
            if (!totp.verify(user.totpSecret(), totpCode.trim())) {
                failed(user, now);
                throw AuthenticationFailure.badCredentials();
            }
        }
        UUID orgId = chooseOrganization(user, organizationId);
        jdbc.sql("""
                        update accounts.users
                           set failed_login_attempts = 0, locked_until = null, last_login_at = now(), last_org_id = :org
                         where id = :user
                        """).param("org", orgId).param("user", user.id()).update();
        recordSignInto(user.id(), orgId);
        return new SignIn(user.id(), orgId, now);
    }

    /**
     * Counts a failed sign-in in one statement, so parallel attempts are all counted; the tenth in a row locks the
     * account for the cooling-off period. Sign-in bookkeeping is not business data: it is neither versioned nor
     * audited, so concurrent sign-ins of one user never conflict.
     */
    private void failed(User user, Instant now) {
        Instant lockedUntil = jdbc.sql("""
                        update accounts.users
                           set failed_login_attempts = case when failed_login_attempts + 1 >= :max then 0
                                                            else failed_login_attempts + 1 end,
                               locked_until = case when failed_login_attempts + 1 >= :max
                                                   then now() + cast(:lockout as interval) else locked_until end
                         where id = :user
                        returning locked_until
                        """)
                .param("max", MAX_FAILED_ATTEMPTS)
                .param("lockout", LOCKOUT.toSeconds() + " seconds")
                .param("user", user.id())
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single()
                .orElse(null);
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            throw AuthenticationFailure.locked(
                    Duration.between(now, lockedUntil).toSeconds());
        }
    }

    /** The organization sees when someone last signed in to it, never their sign-ins elsewhere. */
    private void recordSignInto(UUID userId, UUID orgId) {
        jdbc.sql("select set_config('app.org_id', :org, true)")
                .param("org", orgId.toString())
                .query()
                .singleValue();
        jdbc.sql("update accounts.memberships set last_login_at = now() where user_id = :user and org_id = :org")
                .param("user", userId)
                .param("org", orgId)
                .update();
    }

    /** The organization a user switched to is where their next sign-in starts (bookkeeping, like sign-ins). */
    @Transactional
    public void rememberOrganization(UUID userId, UUID orgId) {
        jdbc.sql("update accounts.users set last_org_id = :org where id = :user")
                .param("org", orgId)
                .param("user", userId)
                .update();
    }

    /** The memberships policy lets a user read their own rows once {@code app.actor_id} names them. */
    private UUID chooseOrganization(User user, UUID requested) {
        jdbc.sql("select set_config('app.actor_id', :user, true)")
                .param("user", user.id().toString())
                .query()
                .singleValue();
        List<UUID> orgIds = jdbc.sql("""
                        select org_id from accounts.memberships
                         where user_id = :user and status = 'ACTIVE'
                         order by (org_id = :last) desc, created_at
                        """)
                .param("user", user.id())
                .param("last", user.lastOrgId() == null ? new UUID(0, 0) : user.lastOrgId())
                .query(UUID.class)
                .list();
        if (requested != null) {
            if (!orgIds.contains(requested)) {
                throw AuthenticationFailure.noOrganization();
            }
            return requested;
        }
        if (orgIds.isEmpty()) {
            throw AuthenticationFailure.noOrganization();
        }
        return orgIds.getFirst();
    }
}
