package io.traveler.accounts.internal;

import java.security.SecureRandom;
import java.util.Base64;

/** Single-use link tokens: 256 random bits, URL-safe; only their SHA-256 is stored. */
final class SecretTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {}

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
