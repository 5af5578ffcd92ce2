package io.traveler.accounts.internal.security;

import io.traveler.accounts.internal.Totp;
import io.traveler.accounts.internal.User;
import io.traveler.accounts.internal.Users;
import io.traveler.shared.errors.ValidationException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * Checks a sign-in: password, lockout after ten failures in a row (with a cooling-off period), the one-time code
 * when the user has two-factor sign-in, and an active membership in the organization asked for (or the last
 * one used). Current-password checks of a signed-in user (password change, MFA enrolment and removal) count
 * toward the same lockout.
 *
 * <p>Every password comparison first reserves an attempt: one conditional {@code update … returning} counts it
 * as a failure unless the account is locked, and the tenth reservation locks it. So however many guesses run
 * in parallel, at most ten passwords are compared per lockout; a success then clears the count. Before that,
 * each attempt spends one of the account's {@link SignInThrottle} budget.
 */
@Service
public class Authenticator {

    static final int MAX_FAILED_ATTEMPTS = 10;
    static final Duration LOCKOUT = Duration.ofMinutes(15);

    private final Users users;
    private final PasswordEncoder passwords;
    private final Totp totp;
    private final SecretBox secrets;
    private final SignInThrottle throttle;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    /** Attempt bookkeeping commits at once, even inside a caller's transaction that fails afterwards. */
    private final TransactionTemplate bookkeeping;
    /**
     * Compared against when the e-mail is unknown, so both cases take the same time: hashed by the same encoder, so
     * at the configured strength, on the first such sign-in rather than during the start.
     */
    private final Supplier<String> unknownAccountHash;

    Authenticator(
            Users users,
            PasswordEncoder passwords,
            Totp totp,
            SecretBox secrets,
            SignInThrottle throttle,
            JdbcClient jdbc,
            TransactionTemplate transactions) {
        this.users = users;
        this.passwords = passwords;
        this.totp = totp;
        this.secrets = secrets;
        this.throttle = throttle;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.bookkeeping = new TransactionTemplate(transactions.getTransactionManager());
        this.bookkeeping.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.unknownAccountHash =
                SingletonSupplier.of(() -> passwords.encode(UUID.randomUUID().toString()));
    }

    public record SignIn(UUID userId, UUID orgId, Instant at) {}

    /** Each step commits on its own: a reserved attempt stays counted whatever happens after it. */
    public SignIn authenticate(String email, String password, UUID organizationId, String totpCode) {
        throttle.spend(email);
        Instant now = Instant.now();
        User user =
                email == null ? null : users.findByEmailIgnoreCase(email.trim()).orElse(null);
        if (user == null) {
            passwords.matches(password == null ? "" : password, unknownAccountHash.get());
            throw AuthenticationFailure.badCredentials();
        }
        int attempt = reserveAttempt(user.id());
        if (password == null || !passwords.matches(password, user.passwordHash()) || !user.isActive()) {
            throw failed(attempt, AuthenticationFailure.badCredentials());
        }
        if (user.mfaEnabled()) {
            if (totpCode == null || totpCode.isBlank()) {
                throw AuthenticationFailure.mfaCodeNeeded();
            }
            if (!acceptTotpCode(user.id(), user.totpSecret(), totpCode.trim())) {
                throw failed(attempt, AuthenticationFailure.badCredentials());
            }
        }
        succeeded(user.id());
        return transactions.execute(status -> {
            UUID orgId = chooseOrganization(user, organizationId);
            jdbc.sql("update accounts.users set last_login_at = now(), last_org_id = :org where id = :user")
                    .param("org", orgId)
                    .param("user", user.id())
                    .update();
            recordSignInto(user.id(), orgId);
            return new SignIn(user.id(), orgId, now);
        });
    }

    /**
     * A signed-in user confirms their password before changing their credentials. A wrong one is a 422 naming
     * {@code field} and counts toward the lockout like a failed sign-in.
     */
    public void checkCurrentPassword(UUID userId, String password, String field) {
        User user = users.findById(userId).orElseThrow();
        throttle.spend(user.email());
        int attempt = reserveAttempt(userId);
        if (password == null || !passwords.matches(password, user.passwordHash())) {
            throw failed(attempt, new ValidationException(field, "is wrong"));
        }
        succeeded(userId);
    }

    /**
     * Accepts a one-time code once: the step it belongs to must be later than the last accepted one, and is
     * recorded with the same conditional update. Joins the caller's transaction when there is one.
     */
    public boolean acceptTotpCode(UUID userId, String storedSecret, String code) {
        OptionalLong step = totp.matchingStep(secrets.open(storedSecret), code, Instant.now());
        if (step.isEmpty()) {
            return false;
        }
        Integer accepted = transactions.execute(status -> jdbc.sql("""
                        update accounts.users set totp_last_step = :step
                         where id = :user and (totp_last_step is null or totp_last_step < :step)
                        """)
                .param("step", step.getAsLong())
                .param("user", userId)
                .update());
        return accepted != null && accepted == 1;
    }

    /**
     * Counts the attempt as failed before the password is compared, unless the account is locked (then 423).
     * The tenth attempt in a row locks the account for the cooling-off period; an attempt after a lock expired
     * starts counting again. Sign-in bookkeeping is not business data: it is neither versioned nor audited, and
     * the {@code User} entity never writes it, so concurrent sign-ins of one user never conflict.
     */
    private int reserveAttempt(UUID userId) {
        Optional<Integer> attempt = bookkeeping.execute(status -> jdbc.sql("""
                        update accounts.users
                           set failed_login_attempts = case when locked_until is null then failed_login_attempts + 1
                                                            else 1 end,
                               locked_until = case when (case when locked_until is null then failed_login_attempts + 1
                                                              else 1 end) >= :max
                                                   then now() + cast(:lockout as interval) end
                         where id = :user and (locked_until is null or locked_until <= now())
                        returning failed_login_attempts
                        """)
                .param("max", MAX_FAILED_ATTEMPTS)
                .param("lockout", LOCKOUT.toSeconds() + " seconds")
                .param("user", userId)
                .query(Integer.class)
                .optional());
        if (attempt == null || attempt.isEmpty()) {
            Instant lockedUntil = jdbc.sql("select locked_until from accounts.users where id = :user")
                    .param("user", userId)
                    .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                    .single()
                    .orElse(Instant.now().plus(LOCKOUT));
            throw AuthenticationFailure.locked(
                    Math.max(1, Duration.between(Instant.now(), lockedUntil).toSeconds()));
        }
        return attempt.get();
    }

    /** The refusal of a failed attempt: 423 when it was the one that locked the account. */
    private static RuntimeException failed(int attempt, RuntimeException refusal) {
        return attempt >= MAX_FAILED_ATTEMPTS ? AuthenticationFailure.locked(LOCKOUT.toSeconds()) : refusal;
    }

    private void succeeded(UUID userId) {
        bookkeeping.executeWithoutResult(status -> jdbc.sql(
                        "update accounts.users set failed_login_attempts = 0, locked_until = null where id = :user")
                .param("user", userId)
                .update());
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
