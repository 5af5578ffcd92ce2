package io.traveler.accounts.internal.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The HMAC-SHA256 key that signs access tokens: {@code traveler.security.jwt-secret} (base64, 32+ bytes) when
 * configured, else generated once and kept under the data directory, so a restart keeps tokens valid.
 */
final class SigningKey {
    private SigningKey() {}

    static SecretKey load(Environment env) {
        String configured = env.getProperty("traveler.security.jwt-secret");
        byte[] bytes;
        if (StringUtils.hasText(configured)) {
            bytes = Base64.getDecoder().decode(configured.trim());
        } else {
            bytes = persisted(
                    Path.of(env.getProperty("traveler.data-dir", "./data"), "secrets", "jwt-hmac-sha256.key"));
        }
        if (bytes.length < 32) {
            throw new IllegalStateException("traveler.security.jwt-secret must be at least 32 bytes (base64)");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The key kept in {@code file}, generated there (32 random bytes, mode 600) when it does not exist yet. */
    static byte[] persisted(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path temp = Files.createTempFile(file.getParent(), "key", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(temp, Base64.getEncoder().encodeToString(key));
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the key in " + file, e);
        }
    }
}
