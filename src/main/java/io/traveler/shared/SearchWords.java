package io.traveler.shared;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The words of a free-text search ({@code ?q=}) and their {@code LIKE} patterns, escaped with {@code \}, the same
 * for every module's list and search provider.
 */
public final class SearchWords {
    private SearchWords() {}

    /** The query's words, lower-cased; none for a blank query. */
    public static List<String> of(String q) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        return Arrays.stream(q.strip().toLowerCase(Locale.ROOT).split("\\s+")).toList();
    }

    /** {@code text} with {@code \}, {@code %} and {@code _} escaped for a {@code LIKE ... ESCAPE '\'}. */
    public static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A pattern matching any text that holds {@code word}. */
    public static String containing(String word) {
        return "%" + likeEscaped(word) + "%";
    }

    /** A pattern matching any text that begins with {@code text}. */
    public static String startingWith(String text) {
        return likeEscaped(text) + "%";
    }
}
