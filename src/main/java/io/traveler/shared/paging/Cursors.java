package io.traveler.shared.paging;

import io.traveler.shared.errors.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** The opaque {@code cursor} of a keyset list read with SQL: the last row's sort values, base64url. */
public final class Cursors {
    private static final String SEPARATOR = "\u001f";

    private Cursors() {}

    public static String encode(Object... values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(SEPARATOR);
            }
            text.append(values[i]);
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The values a cursor given out holds (exactly {@code count}), null for none; anything else is 422. */
    public static List<String> decode(String cursor, int count) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            List<String> values = List.of(
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(SEPARATOR, -1));
            if (values.size() != count || values.stream().anyMatch(Cursors::holdsControlCharacters)) {
                throw new IllegalArgumentException();
            }
            return values;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /**
     * One page of {@code rows} read with {@code limit + 1}: the first {@code limit}, and the cursor after the last of
     * them ({@code cursorOf}) when more follow.
     */
    public static <T> ItemList<T> page(List<T> rows, int limit, Function<T, String> cursorOf) {
        if (rows.size() <= limit) {
            return new ItemList<>(rows, null);
        }
        return new ItemList<>(List.copyOf(rows.subList(0, limit)), cursorOf.apply(rows.get(limit - 1)));
    }

    /** No value given out holds one, and PostgreSQL refuses a NUL in text (an error of stored data, not 422). */
    public static boolean holdsControlCharacters(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    public static ValidationException invalid() {
        return new ValidationException("cursor", "is not a cursor this list gave out");
    }
}
