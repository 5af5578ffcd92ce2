package io.traveler.tasks.internal;

import io.traveler.shared.errors.ValidationException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * A routine task's RFC 5545 recurrence rule ({@code FREQ=WEEKLY;BYDAY=MO}), read by lib-recur. Occurrences are due
 * dates, so a rule repeats daily at the most. The series starts on the first task's due date: a {@code COUNT} or
 * {@code UNTIL} ends it however many times a task is completed.
 */
final class Recurrence {
    /** A rule whose next date lies further than this many instances away is refused as runaway. */
    private static final int MAX_INSTANCES = 100_000;

    private final RecurrenceRule rule;

    private Recurrence(RecurrenceRule rule) {
        this.rule = rule;
    }

    /** The rule in its stored form, or a 422 naming {@code field}. Accepts an optional {@code RRULE:} prefix. */
    static String normalized(String text, String field) {
        return parse(text, field).rule.toString();
    }

    static Recurrence parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "is empty");
        }
        String value = text.trim();
        if (value.toUpperCase(Locale.ROOT).startsWith("RRULE:")) {
            value = value.substring("RRULE:".length());
        }
        if (value.length() > 500) {
            throw new ValidationException(field, "is longer than 500 characters");
        }
        RecurrenceRule rule;
        try {
            rule = new RecurrenceRule(value, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | RuntimeException e) {
            throw new ValidationException(field, "is not an RFC 5545 recurrence rule (" + e.getMessage() + ")");
        }
        if (rule.getFreq().ordinal() > Freq.DAILY.ordinal()) {
            throw new ValidationException(field, "repeats more often than daily; tasks recur by due date");
        }
        if (rule.getInterval() > 1000) {
            throw new ValidationException(field, "has an interval above 1000");
        }
        return new Recurrence(rule);
    }

    /** The first date of the series that starts on {@code start} falling after {@code after}; none when it ended. */
    Optional<LocalDate> nextAfter(LocalDate start, LocalDate after) {
        RecurrenceRuleIterator dates = rule.iterator(dateOf(start));
        DateTime limit = dateOf(after);
        for (int n = 0; n < MAX_INSTANCES && dates.hasNext(); n++) {
            DateTime next = dates.nextDateTime();
            if (next.after(limit)) {
                return Optional.of(LocalDate.of(next.getYear(), next.getMonth() + 1, next.getDayOfMonth()));
            }
        }
        return Optional.empty();
    }

    private static DateTime dateOf(LocalDate date) {
        return new DateTime(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth());
    }
}
