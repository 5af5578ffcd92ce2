package io.traveler.accounts.internal;

import io.traveler.accounts.Mailer;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verifies that an account's owner receives mail at its address: a single-use link, mailed at sign-up (and again on
 * request). Until then the account works in its own organization but cannot accept invitations.
 */
@Service
public class EmailVerifications {
    static final Duration VALIDITY = Duration.ofDays(3);

    private final Users users;
    private final Mailer mailer;
    private final String publicUrl;

    EmailVerifications(
            Users users, Mailer mailer, @Value("${traveler.public-url:http://localhost:8080}") String publicUrl) {
        this.users = users;
        this.mailer = mailer;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** A new link for the account (the previous one stops working); the caller saves the account, then mails it. */
    String prepare(User user) {
        String token = SecretTokens.newToken();
        user.startVerification(SecretTokens.sha256(token), Instant.now().plus(VALIDITY));
        return token;
    }

    /** Mails the link; runs in a transaction of an organization of the user, whose outbox keeps the message. */
    void mail(User user, String token) {
        mailer.send(user.email(), "Verify your address for Traveler", """
                Hello %s,

                please confirm that this is your address by opening this link (it works once, within %d days):
                %s/verify-email/%s

                Until then you cannot join other organizations. If you did not sign up for Traveler, ignore this
                message.
                """.formatted(
                        user.name(), VALIDITY.toDays(), publicUrl, token));
    }

    @Transactional
    public void resend(UUID userId) {
        User user = users.findById(userId).orElseThrow(() -> NotFoundException.of("User", userId));
        if (user.isVerified()) {
            throw new ConflictException("Your address is already verified");
        }
        String token = prepare(user);
        users.saveAndFlush(user);
        mail(user, token);
    }

    /** Marks the address of the link's account verified; returns that address. */
    @Transactional
    public String verify(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            throw new ValidationException("token", "is required");
        }
        User user = users.findByVerificationTokenHash(SecretTokens.sha256(token.trim()))
                .orElseThrow(() -> new NotFoundException("Verification link", "given"));
        if (user.verificationExpiresAt() == null
                || !user.verificationExpiresAt().isAfter(Instant.now())) {
            throw new ConflictException("This verification link has expired; ask for a new one under My account");
        }
        if (!mailer.delivers()) {
            throw new ConflictException("Without mail delivery (no SMTP server configured) an address cannot be"
                    + " verified: the link was readable in the organization's outbox");
        }
        user.markVerified();
        users.saveAndFlush(user);
        return user.email();
    }
}
