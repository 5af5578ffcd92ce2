package io.traveler.accounts.internal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.traveler.shared.errors.TryLaterException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A budget of password checks per account (per e-mail, known or not), whatever address they come from: spreading
 * guesses over many addresses does not buy more of them. Sign-ins through the API and the form, and current-password
 * checks, all draw from it before the password hash is compared. The whole budget comes back once a minute.
 */
@Component
public class SignInThrottle {
    private final long perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    SignInThrottle(@Value("${traveler.security.sign-in-attempts-per-account-per-minute:30}") long perMinute) {
        this.perMinute = perMinute;
    }

    /** Spends one attempt of the account's budget, or refuses with 429 and the seconds to wait. */
    public void spend(String email) {
        String account = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        Bucket bucket = buckets.get(account, a -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perMinute)
                        .refillIntervally(perMinute, Duration.ofMinutes(1))
                        .build())
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new Throttled(Math.max(
                    1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()));
        }
    }

    /** 429 with {@code Retry-After}: too many attempts on one account. */
    public static final class Throttled extends TryLaterException {
        Throttled(long retryAfterSeconds) {
            super(
                    Kind.TOO_MANY,
                    "Too many sign-in attempts for this account; retry in " + retryAfterSeconds + " s",
                    Duration.ofSeconds(retryAfterSeconds));
        }
    }
}
