package io.traveler.accounts.internal;

import dev.samstevens.totp.code.CodeVerifier;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.DefaultCodeVerifier;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.time.SystemTimeProvider;
import org.springframework.stereotype.Component;

/** RFC 6238 time-based one-time codes (SHA-1, 6 digits, 30 s), as authenticator apps expect. */
@Component
public class Totp {
    private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);
    private final CodeVerifier verifier;

    Totp() {
        var v = new DefaultCodeVerifier(new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6), new SystemTimeProvider());
        v.setAllowedTimePeriodDiscrepancy(1);
        this.verifier = v;
    }

    public String newSecret() {
        return secrets.generate();
    }

    public boolean verify(String secret, String code) {
        return secret != null && code != null && code.matches("\\d{6}") && verifier.isValidCode(secret, code);
    }

    public String provisioningUri(String secret, String email) {
        return new QrData.Builder()
                .label(email)
                .secret(secret)
                .issuer("Traveler")
                .algorithm(HashingAlgorithm.SHA1)
                .digits(6)
                .period(30)
                .build()
                .getUri();
    }
}
