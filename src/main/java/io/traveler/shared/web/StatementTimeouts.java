package io.traveler.shared.web;

import io.traveler.shared.db.SqlStates;
import io.traveler.shared.errors.TryLaterException;
import java.time.Duration;

/** Recognises PostgreSQL's cancellation of a statement past the transaction's {@code statement_timeout}. */
public final class StatementTimeouts {
    /** SQLState of {@code canceling statement due to statement timeout}. */
    public static final String QUERY_CANCELED = "57014";

    private StatementTimeouts() {}

    public static TryLaterException exceeded() {
        return TryLaterException.busy(
                "The request took longer than its time budget and was stopped; try again later or narrow it",
                Duration.ofSeconds(5));
    }

    /** SQLStates of a transaction the database rolled back to break a deadlock or a serialization conflict. */
    private static final java.util.Set<String> LOCK_RACES = java.util.Set.of("40P01", "40001", "55P03");

    public static TryLaterException lostLockRace() {
        return TryLaterException.busy(
                "The request ran into a parallel change and was rolled back; nothing was written, try it again",
                Duration.ofSeconds(1));
    }

    /** Whether a cause of {@code failure} is a deadlock, serialization failure or lock not granted in time. */
    public static boolean lostLockRace(Throwable failure) {
        return SqlStates.causedBy(failure, LOCK_RACES::contains);
    }

    /** Whether a cause of {@code failure} is a statement cancelled by the database. */
    public static boolean cancelled(Throwable failure) {
        return SqlStates.causedBy(failure, QUERY_CANCELED::equals);
    }
}
