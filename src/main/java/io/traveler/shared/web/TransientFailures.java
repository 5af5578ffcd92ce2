package io.traveler.shared.web;

import io.traveler.shared.db.CommitOutcomeUnknownException;
import io.traveler.shared.db.ConnectionFailures;
import io.traveler.shared.db.SqlStates;
import io.traveler.shared.errors.TryLaterException;
import java.util.Optional;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Failures that pass if the same request is sent again shortly, and the answer each gets: a statement past its time
 * budget, a lost lock race, a database that could not be reached or closed the connection. One reading for a
 * controller's failure ({@link ProblemHandler}), a filter's ({@link ApiErrorController}) and a page's
 * ({@code web.PageErrors}), so a request meets the same 503 and {@code Retry-After} wherever the database failed it.
 */
public final class TransientFailures {
    private TransientFailures() {}

    /** The try-later answer to {@code failure}, judged by its type or SQLState at any depth; empty if it is none. */
    public static Optional<TryLaterException> answerTo(Throwable failure) {
        if (SqlStates.causedBy(failure, QueryTimeoutException.class)
                || SqlStates.causedBy(failure, jakarta.persistence.QueryTimeoutException.class)
                || StatementTimeouts.cancelled(failure)) {
            return Optional.of(StatementTimeouts.exceeded());
        }
        // before the unreachable database: a transaction that could not begin may have lost a lock race
        if (SqlStates.causedBy(failure, PessimisticLockingFailureException.class)
                || StatementTimeouts.lostLockRace(failure)) {
            return Optional.of(StatementTimeouts.lostLockRace());
        }
        if (SqlStates.causedBy(failure, CommitOutcomeUnknownException.class)) {
            return Optional.of(ConnectionFailures.lostWhileCommitting());
        }
        if (ConnectionFailures.unreachable(failure)) {
            return Optional.of(ConnectionFailures.unreachable());
        }
        return Optional.empty();
    }
}
