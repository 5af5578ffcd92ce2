package io.traveler.accounts.internal;

import io.traveler.shared.errors.ValidationException;
import java.util.Locale;
import java.util.Set;
import me.gosimple.nbvcxz.resources.DictionaryUtil;
import org.springframework.stereotype.Component;

/**
 * OWASP ASVS password rules: at least 12 characters, at most 128, not a commonly used password, no
 * composition rules. The common-password list is the one nbvcxz ships (about 30,000 leaked passwords).
 */
@Component
public class PasswordPolicy {
    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    /**
     * Read on its own: nbvcxz's {@code ConfigurationBuilder.getDefaultDictionaries()} would load and keep all six of
     * its dictionaries (names, English words...) for the life of the process, to use one.
     */
    private final Set<String> common = Set.copyOf(
            DictionaryUtil.loadRankedDictionary(DictionaryUtil.passwords).keySet());

    public void check(String field, String password, String... personalWords) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new ValidationException(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new ValidationException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || isRepetition(lower)) {
            throw new ValidationException(field, "is a commonly used password; choose another");
        }
        for (String word : personalWords) {
            if (word != null && word.length() >= 4 && lower.equals(word.toLowerCase(Locale.ROOT))) {
                throw new ValidationException(field, "must not be your name or e-mail");
            }
        }
    }

    private static boolean isRepetition(String password) {
        return password.chars().distinct().count() <= 2;
    }
}
