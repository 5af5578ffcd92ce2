package io.traveler.shared.db;

import io.traveler.shared.errors.TryLaterException;
import java.time.Duration;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Recognises a database connection that was lost or refused: the database restarted, or closed the backend. */
public final class ConnectionFailures {
    /** Administrator shutdown or backend terminated, crash shutdown, the database starting or stopping. */
    private static final Set<String> SHUTDOWNS = Set.of("57P01", "57P02", "57P03");

    private ConnectionFailures() {}

    /** Whether a cause of {@code failure} is a connection exception (SQLState class 08) or a shutdown. */
    public static boolean lost(Throwable failure) {
        return SqlStates.causedBy(failure, state -> state.startsWith("08") || SHUTDOWNS.contains(state));
    }

    /**
     * Whether {@code failure} means the database could not serve the request: a lost connection, a transaction that
     * could not begin, or a resource failure as Spring translates it, at any depth of its causes.
     */
    public static boolean unreachable(Throwable failure) {
        return SqlStates.causedBy(failure, CannotCreateTransactionException.class)
                || SqlStates.causedBy(failure, DataAccessResourceFailureException.class)
                || lost(failure);
    }

    /**
     * The answer to a request whose change was being committed when the connection was lost: 503, but it may have
     * been saved, so the caller reads before sending it again (or sends it again with the same Idempotency-Key).
     */
    public static TryLaterException lostWhileCommitting() {
        return TryLaterException.busy(
                "The database closed the connection while the change was being committed, so it may have been saved:"
                        + " read it before sending it again, or send it again with the same Idempotency-Key",
                Duration.ofSeconds(2));
    }

    /** The answer to a request the database could not serve: 503, to try again shortly. */
    public static TryLaterException unreachable() {
        return TryLaterException.busy(
                "The database could not be reached or closed the connection; try again shortly", Duration.ofSeconds(2));
    }
}
