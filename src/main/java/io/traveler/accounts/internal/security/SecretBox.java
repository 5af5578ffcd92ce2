package io.traveler.accounts.internal.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Encrypts secrets that must be read back (TOTP seeds) with AES-256-GCM (Spring Security Crypto: a random 12-byte
 * nonce per value, authenticated). The key is {@code traveler.security.data-key} (base64, 32 bytes) or else
 * generated once into {@code <data-dir>/secrets/data-aes256.key}, like the token signing key. Stored values read
 * {@code aesgcm:<base64 of nonce + ciphertext + tag>}; a value without that prefix was stored before encryption.
 */
@Component
public class SecretBox {
    private static final String PREFIX = "aesgcm:";

    private final BytesEncryptor encryptor;

    SecretBox(Environment env) {
        String configured = env.getProperty("traveler.security.data-key");
        byte[] key = StringUtils.hasText(configured)
                ? Base64.getDecoder().decode(configured.trim())
                : SigningKey.persisted(
                        Path.of(env.getProperty("traveler.data-dir", "./data"), "secrets", "data-aes256.key"));
        if (key.length != 32) {
            throw new IllegalStateException("traveler.security.data-key must be 32 bytes (base64)");
        }
        this.encryptor = new AesBytesEncryptor(
                new SecretKeySpec(key, "AES"), KeyGenerators.secureRandom(12), AesBytesEncryptor.CipherAlgorithm.GCM);
    }

    public String seal(String clear) {
        if (clear == null) {
            return null;
        }
        return PREFIX + Base64.getEncoder().encodeToString(encryptor.encrypt(clear.getBytes(StandardCharsets.UTF_8)));
    }

    public String open(String stored) {
        if (stored == null || !isSealed(stored)) {
            return stored;
        }
        byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        return new String(encryptor.decrypt(sealed), StandardCharsets.UTF_8);
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }
}
