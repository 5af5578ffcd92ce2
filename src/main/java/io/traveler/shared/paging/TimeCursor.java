package io.traveler.shared.paging;

import io.traveler.shared.errors.ValidationException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The position in a list ordered newest first by {@code (time, id)}, as the opaque {@code cursor} of its next page.
 * A query reads {@code limit + 1} rows after {@code (at, id)}; {@link #page} keeps {@code limit} and makes the next
 * cursor from the last one when there were more.
 */
public record TimeCursor(Instant at, UUID id) {
    /** The position a cursor names, null for none; anything else than a cursor given out is 422 on {@code cursor}. */
    public static TimeCursor parse(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new TimeCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new ValidationException("cursor", "is not a cursor this list gave out");
        }
    }

    public static Timestamp timeOf(TimeCursor after) {
        return after == null ? null : Timestamp.from(after.at());
    }

    public static UUID idOf(TimeCursor after) {
        return after == null ? null : after.id();
    }

    /** One page of {@code rows} (read with {@code limit + 1}), with the cursor after its last row if more follow. */
    public static <T> ItemList<T> page(List<T> rows, int limit, Function<T, TimeCursor> positionOf) {
        if (rows.size() <= limit) {
            return new ItemList<>(rows, null);
        }
        return new ItemList<>(
                rows.subList(0, limit), positionOf.apply(rows.get(limit - 1)).encode());
    }

    private String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }
}
