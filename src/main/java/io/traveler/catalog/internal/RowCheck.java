package io.traveler.catalog.internal;

import io.traveler.shared.Quantities;
import io.traveler.shared.jobs.JobErrors;
import io.traveler.shared.jobs.RowError;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the fields of one data row, reporting what is wrong with them as row errors. */
final class RowCheck {
    private static final BigDecimal LIMIT = new BigDecimal("1000000000000");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final long row;
    private final ImportRow record;
    private final JobErrors errors;
    private final boolean readable;
    private boolean valid = true;

    RowCheck(long row, ImportRow record, JobErrors errors) {
        this.row = row;
        this.record = record;
        this.errors = errors;
        this.readable = record.problem() == null;
        if (!readable) {
            reject(null, record.problem());
        }
    }

    long row() {
        return row;
    }

    boolean valid() {
        return valid;
    }

    /** Reports what is wrong with a field; an unreadable row reports only that it is unreadable. */
    void reject(String field, String message) {
        if (!readable && field != null) {
            return;
        }
        errors.add(new RowError(row, field, message), valid);
        valid = false;
    }

    String value(String field) {
        return record.value(field);
    }

    /** A required text of at most {@code maxLength} characters, or null after reporting why not. */
    String text(String field, int maxLength) {
        String value = value(field);
        if (value.isEmpty()) {
            reject(field, "is required");
            return null;
        }
        return atMost(field, value, maxLength);
    }

    /** An optional text of at most {@code maxLength} characters; null when empty. */
    String optionalText(String field, int maxLength) {
        String value = value(field);
        return value.isEmpty() ? null : atMost(field, value, maxLength);
    }

    private String atMost(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            reject(field, "is longer than " + maxLength + " characters");
            return null;
        }
        return value;
    }

    /** A required name of one of {@code type}'s constants, upper-cased. */
    <E extends Enum<E>> String oneOf(String field, Class<E> type) {
        String value = value(field).toUpperCase();
        if (value.isEmpty()) {
            reject(field, "is required");
            return null;
        }
        return constantOf(field, type, value);
    }

    /** One of {@code type}'s constants, or {@code whenEmpty} for an empty field. */
    <E extends Enum<E>> String oneOf(String field, Class<E> type, E whenEmpty) {
        String value = value(field).toUpperCase();
        return value.isEmpty() ? whenEmpty.name() : constantOf(field, type, value);
    }

    private <E extends Enum<E>> String constantOf(String field, Class<E> type, String value) {
        if (Arrays.stream(type.getEnumConstants()).noneMatch(c -> c.name().equals(value))) {
            reject(field, "unknown " + field + " '" + value + "'");
            return null;
        }
        return value;
    }

    /**
     * A decimal, non-negative (or positive when {@code positive}); an empty field gives {@code whenEmpty}, and is an
     * error when that is null.
     */
    BigDecimal decimal(String field, BigDecimal whenEmpty, boolean positive) {
        if (value(field).isEmpty() && whenEmpty == null) {
            reject(field, "is required");
            return null;
        }
        return optionalDecimal(field, whenEmpty, positive);
    }

    /** Like {@link #decimal} but an empty field is simply {@code whenEmpty}, null included. */
    BigDecimal optionalDecimal(String field, BigDecimal whenEmpty, boolean positive) {
        String value = value(field);
        if (value.isEmpty()) {
            return whenEmpty;
        }
        BigDecimal number;
        try {
            number = new BigDecimal(value);
        } catch (NumberFormatException e) {
            reject(field, "is not a number: '" + abbreviated(value) + "'");
            return null;
        }
        if (number.abs().compareTo(LIMIT) >= 0) {
            reject(field, "is too large");
            return null;
        }
        if (!Quantities.bounded(number)) {
            reject(field, Quantities.BOUNDS);
            return null;
        }
        if (positive ? number.signum() <= 0 : number.signum() < 0) {
            reject(field, positive ? "must be greater than 0" : "must not be negative");
            return null;
        }
        return number;
    }

    /** An optional JSON object, as its compact text; "{}" when empty. */
    String jsonObject(String field) {
        String value = value(field);
        if (value.isEmpty()) {
            return "{}";
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (node != null && node.isObject()) {
                return node.toString();
            }
        } catch (JacksonException e) {
            // reported below
        }
        reject(field, "must be a JSON object");
        return null;
    }

    /** The id the required key in {@code field} stands for in {@code ids}. */
    UUID known(String field, Map<String, UUID> ids, String unknownMessage) {
        String key = text(field, 100);
        if (key == null) {
            return null;
        }
        UUID id = ids.get(key);
        if (id == null) {
            reject(field, unknownMessage);
        }
        return id;
    }

    private static String abbreviated(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
