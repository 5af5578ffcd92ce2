package io.traveler.accounts.internal;

import io.traveler.accounts.internal.security.Authenticator;
import io.traveler.accounts.internal.security.SecretBox;
import io.traveler.accounts.internal.security.Tokens;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.security.PrincipalChanges;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signed-in user's own account: two-factor sign-in and the password. Only its owner changes it, and every
 * change of a credential first asks for the current password, which counts toward the lockout like a sign-in
 * (checked before the change's transaction, so a wrong guess stays counted).
 */
@Service
public class OwnAccount {
    private final Users users;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final Tokens tokens;
    private final Totp totp;
    private final SecretBox secrets;
    private final Authenticator authenticator;
    private final TransactionTemplate transactions;
    private final PrincipalChanges principals;

    OwnAccount(
            Users users,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            Tokens tokens,
            Totp totp,
            SecretBox secrets,
            Authenticator authenticator,
            TransactionTemplate transactions,
            PrincipalChanges principals) {
        this.principals = principals;
        this.users = users;
        this.passwords = passwords;
        this.policy = policy;
        this.tokens = tokens;
        this.totp = totp;
        this.secrets = secrets;
        this.authenticator = authenticator;
        this.transactions = transactions;
    }

    /** Returns the new secret in clear, once, for the authenticator app; it is stored encrypted. */
    public String startTotpEnrolment(UUID userId, String password) {
        authenticator.checkCurrentPassword(userId, password, "password");
        return transactions.execute(status -> {
            User user = users.findById(userId).orElseThrow();
            if (user.mfaEnabled()) {
                throw new ConflictException("Two-factor sign-in is already on; turn it off first to enrol again");
            }
            String secret = totp.newSecret();
            user.enrolTotp(secrets.seal(secret));
            users.saveAndFlush(user);
            return secret;
        });
    }

    /** The secret of an enrolment that is not confirmed yet, in clear for the account page; else null. */
    public String pendingTotpSecret(User user) {
        return user.mfaEnabled() ? null : secrets.open(user.totpSecret());
    }

    /** The first code proves the app has the secret; it cannot be used again, not even to sign in. */
    public void confirmTotp(UUID userId, String code) {
        transactions.executeWithoutResult(status -> {
            User user = users.findById(userId).orElseThrow();
            if (user.totpSecret() == null) {
                throw new ConflictException("Start the enrolment first");
            }
            if (user.mfaEnabled()) {
                throw new ConflictException("Two-factor sign-in is already on");
            }
            if (!authenticator.acceptTotpCode(userId, user.totpSecret(), code)) {
                throw new ValidationException("code", "does not match; check the time on your device");
            }
            user.confirmTotp();
            users.saveAndFlush(user);
            principals.announce(PrincipalChanges.Scope.USER, userId);
        });
    }

    public void removeTotp(UUID userId, String password) {
        authenticator.checkCurrentPassword(userId, password, "password");
        transactions.executeWithoutResult(status -> {
            User user = users.findById(userId).orElseThrow();
            user.removeTotp();
            users.saveAndFlush(user);
            principals.announce(PrincipalChanges.Scope.USER, userId);
        });
    }

    public void changePassword(UUID userId, String current, String next) {
        authenticator.checkCurrentPassword(userId, current, "current_password");
        transactions.executeWithoutResult(status -> {
            User user = users.findById(userId).orElseThrow();
            policy.check("new_password", next, user.name(), user.email());
            user.changePassword(passwords.encode(next));
            users.saveAndFlush(user);
            tokens.revokeAllOf(userId);
        });
    }

    public User account(UUID userId) {
        return users.findById(userId).orElseThrow();
    }
}
