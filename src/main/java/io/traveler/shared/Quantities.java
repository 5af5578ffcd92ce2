package io.traveler.shared;

import io.traveler.shared.errors.ValidationException;
import java.math.BigDecimal;

/**
 * The bounds of every quantity, price, cost and factor Traveler accepts: at most {@value #INTEGER_DIGITS} digits
 * before the decimal point and {@value #SCALE} after it, as the database's {@code numeric(19, 6)} holds them. A
 * number like {@code 1E+999999999} is cheap to parse but not to use: {@code setScale}, {@code toPlainString} and
 * arithmetic on it expand a billion digits. So every number from a request is checked here first, by its precision
 * and scale alone, which costs nothing whatever its size.
 */
public final class Quantities {
    public static final int INTEGER_DIGITS = 13;
    public static final int SCALE = 6;
    public static final String BOUNDS =
            "must have at most " + INTEGER_DIGITS + " digits before the decimal point and " + SCALE + " after it";

    /** Longer text is not a number within the bounds, whatever it holds. */
    private static final int MAX_TEXT = 64;

    private Quantities() {}

    /** Whether the number is within the bounds; null is (whether it may be null is another rule). */
    public static boolean bounded(BigDecimal number) {
        if (number == null) {
            return true;
        }
        long integerDigits = (long) number.precision() - number.scale();
        if (integerDigits > INTEGER_DIGITS) {
            return false;
        }
        // 1.5000000 is 1.5: only significant decimals count (precision is bounded here, so stripping is cheap)
        return number.scale() <= SCALE || number.stripTrailingZeros().scale() <= SCALE;
    }

    /** The number, or a 422 naming the field when it is out of bounds. */
    public static BigDecimal require(String field, BigDecimal number) {
        if (!bounded(number)) {
            throw new ValidationException(field, BOUNDS);
        }
        return number;
    }

    /** The text as a number within the bounds, without exponent (1E+3 is 1000), or a 422 naming the field. */
    public static BigDecimal parse(String field, String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.length() > MAX_TEXT) {
            throw new ValidationException(field, BOUNDS);
        }
        BigDecimal number;
        try {
            number = new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            throw new ValidationException(field, "is not a number");
        }
        return plain(require(field, number));
    }

    /** A bounded number without negative scale (PostgreSQL's numeric has none). */
    public static BigDecimal plain(BigDecimal bounded) {
        return bounded.scale() < 0 ? bounded.setScale(0) : bounded;
    }
}
