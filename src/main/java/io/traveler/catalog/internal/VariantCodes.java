package io.traveler.catalog.internal;

import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Variant system codes: 5 random characters of Crockford's base32 alphabet (digits and capitals without I, L, O and
 * U, so a code read aloud or typed is not mistaken), 32⁵ ≈ 33.5 million codes per organization.
 */
final class VariantCodes {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 5;
    private static final int MAX_DRAWS = 100;
    private static final RandomGenerator RANDOM = new SecureRandom();

    private VariantCodes() {}

    static String draw(Predicate<String> taken) {
        return draw(RANDOM, taken);
    }

    /** A code not {@code taken}; the draws are independent, so a fuller code space only costs more draws. */
    static String draw(RandomGenerator random, Predicate<String> taken) {
        for (int i = 0; i < MAX_DRAWS; i++) {
            var code = new StringBuilder(LENGTH);
            for (int c = 0; c < LENGTH; c++) {
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (!taken.test(code.toString())) {
                return code.toString();
            }
        }
        throw new IllegalStateException("no free variant code after " + MAX_DRAWS + " draws");
    }

    /**
     * {@code count} distinct codes none of which is taken, asking {@code takenAmong} which of a set of candidates are
     * taken, once per round of draws (one round, unless a candidate was taken).
     */
    static List<String> drawMany(int count, Function<Set<String>, Set<String>> takenAmong) {
        return drawMany(RANDOM, count, takenAmong);
    }

    static List<String> drawMany(RandomGenerator random, int count, Function<Set<String>, Set<String>> takenAmong) {
        Set<String> chosen = new LinkedHashSet<>();
        for (int round = 0; chosen.size() < count; round++) {
            if (round == MAX_DRAWS) {
                throw new IllegalStateException("no free variant codes after " + MAX_DRAWS + " rounds");
            }
            Set<String> candidates = new LinkedHashSet<>();
            while (candidates.size() < count - chosen.size()) {
                String code = draw(random, chosen::contains);
                candidates.add(code);
            }
            candidates.removeAll(takenAmong.apply(candidates));
            chosen.addAll(candidates);
        }
        return List.copyOf(chosen);
    }

    static boolean isCode(String text) {
        return text != null && text.length() == LENGTH && text.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }
}
