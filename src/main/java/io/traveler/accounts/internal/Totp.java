package io.traveler.accounts.internal;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * RFC 6238 time-based one-time codes (SHA-1, 6 digits, 30 s), as authenticator apps expect. A code is accepted
 * for the current time step and one step either side; {@link #matchingStep} names the step, so that the caller
 * can refuse a step that was already used.
 */
@Component
public class Totp {
    static final int PERIOD_SECONDS = 30;
    private static final int ALLOWED_DRIFT_STEPS = 1;

    private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);
    private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    public String newSecret() {
        return secrets.generate();
    }

    /** The time step whose code {@code code} is (the latest, should two match), within the drift around {@code now}. */
    public OptionalLong matchingStep(String secret, String code, Instant now) {
        if (secret == null || code == null || !code.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        long current = now.getEpochSecond() / PERIOD_SECONDS;
        OptionalLong matched = OptionalLong.empty();
        for (long step = current - ALLOWED_DRIFT_STEPS; step <= current + ALLOWED_DRIFT_STEPS; step++) {
            if (sameCode(generate(secret, step), code)) {
                matched = OptionalLong.of(step);
            }
        }
        return matched;
    }

    private String generate(String secret, long step) {
        try {
            return codes.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("Cannot compute a one-time code", e);
        }
    }

    private static boolean sameCode(String expected, String given) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    public String provisioningUri(String secret, String email) {
        return new QrData.Builder()
                .label(email)
                .secret(secret)
                .issuer("Traveler")
                .algorithm(HashingAlgorithm.SHA1)
                .digits(6)
                .period(PERIOD_SECONDS)
                .build()
                .getUri();
    }
}
