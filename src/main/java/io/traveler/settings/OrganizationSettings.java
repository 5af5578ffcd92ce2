package io.traveler.settings;

import java.math.BigDecimal;
import java.util.UUID;

/** The settings module's API. Reads answer defaults for an organization that never saved its settings. */
public interface OrganizationSettings {
    record Snapshot(
            UUID orgId,
            String timezone,
            String currency,
            BigDecimal defaultHourlyRate,
            boolean mfaRequired,
            long version) {}

    Snapshot current();

    boolean mfaRequired(UUID orgId);

    /**
     * Takes the next code of a numbering series of the current organization ({@code ORD-2026-000123}); safe under
     * parallel calls, each number given out once. The series is created with defaults on first use.
     */
    String nextNumber(String seriesKey);

    /**
     * Takes {@code count} consecutive numbers of a series at once (one statement, however many), for codes made in
     * bulk such as a project's unit serials. {@code prefix} has its {@code {yyyy}} already replaced.
     */
    NumberBlock nextNumbers(String seriesKey, int count);

    /** Numbers {@code first} to {@code first + count - 1} of a series, each formatted as {@code prefix + padded}. */
    record NumberBlock(String prefix, long first, int count, int padding) {
        public String format(long number) {
            return prefix + String.format("%0" + padding + "d", number);
        }
    }
}
