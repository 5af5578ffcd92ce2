package io.traveler.catalog.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVRecord;

/** Reads the fields of one CSV data row, collecting what is wrong with them as row errors. */
final class RowCheck {
    private static final BigDecimal LIMIT = new BigDecimal("1000000000000");
    private final int row;
    private final CSVRecord record;
    private final List<ImportService.RowError> errors;
    private boolean valid = true;

    RowCheck(int row, CSVRecord record, List<ImportService.RowError> errors) {
        this.row = row;
        this.record = record;
        this.errors = errors;
    }

    static String value(CSVRecord record, String column) {
        return record.isSet(column) ? record.get(column).trim() : "";
    }

    boolean valid() {
        return valid;
    }

    void reject(String field, String message) {
        errors.add(new ImportService.RowError(row, field, message));
        valid = false;
    }

    /** A required text of at most {@code maxLength} characters, or null after reporting why not. */
    String text(String field, int maxLength) {
        String value = value(record, field);
        if (value.isEmpty()) {
            reject(field, "is required");
            return null;
        }
        if (value.length() > maxLength) {
            reject(field, "is longer than " + maxLength + " characters");
            return null;
        }
        return value;
    }

    /** A required name of one of {@code type}'s constants, upper-cased. */
    <E extends Enum<E>> String oneOf(String field, Class<E> type) {
        String value = value(record, field).toUpperCase();
        if (value.isEmpty()) {
            reject(field, "is required");
            return null;
        }
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
        String value = value(record, field);
        if (value.isEmpty()) {
            if (whenEmpty == null) {
                reject(field, "is required");
            }
            return whenEmpty;
        }
        BigDecimal number;
        try {
            number = new BigDecimal(value);
        } catch (NumberFormatException e) {
            reject(field, "is not a number: '" + value + "'");
            return null;
        }
        if (number.abs().compareTo(LIMIT) >= 0) {
            reject(field, "is too large");
            return null;
        }
        if (positive ? number.signum() <= 0 : number.signum() < 0) {
            reject(field, positive ? "must be greater than 0" : "must not be negative");
            return null;
        }
        return number;
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
}
