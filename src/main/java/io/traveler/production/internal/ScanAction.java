package io.traveler.production.internal;

import io.traveler.shared.errors.ValidationException;
import java.util.Locale;

/** What an operator means by a scan; lower case on the wire ({@code "start"}), accepted in any case. */
public enum ScanAction {
    START,
    COMPLETE,
    RECORD_ACTION,
    REPORT_DEFECT,
    HOLD,
    RELEASE;

    public static ScanAction parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(
                    field, "is required: start, complete, record_action, report_defect, hold or release");
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    field, "must be start, complete, record_action, report_defect, hold or release");
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
