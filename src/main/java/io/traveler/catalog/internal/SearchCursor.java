package io.traveler.catalog.internal;

import io.traveler.shared.errors.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cursor of a ranked {@code ?q=} search: the position in the ranking, with the search it belongs to, as opaque
 * base64url. Ranks are floating-point scores computed per query, so the pages are taken by offset, not by keyset;
 * rows added or changed between two pages may shift the ranking by a row.
 */
record SearchCursor(String search, int offset) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The offset a cursor of this search stands for, 0 without one; 422 on {@code cursor} for any other cursor. */
    static int offsetOf(String cursor, String search) {
        if (cursor == null) {
            return 0;
        }
        try {
            List<String> values = JSON.readValue(
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8),
                    new TypeReference<List<String>>() {});
            int offset = Integer.parseInt(values.get(1));
            if (values.size() == 2 && values.get(0).equals(search) && offset > 0) {
                return offset;
            }
        } catch (RuntimeException e) {
            // falls through to the refusal below
        }
        throw new ValidationException("cursor", "is not a cursor of this search");
    }

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(JSON.writeValueAsString(List.of(search, Integer.toString(offset)))
                        .getBytes(StandardCharsets.UTF_8));
    }
}
