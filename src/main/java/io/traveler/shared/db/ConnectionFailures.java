package io.traveler.shared.db;

import io.traveler.shared.errors.TryLaterException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/** Recognises a database connection that was lost or refused: the database restarted, or closed the backend. */
public final class ConnectionFailures {
    /** Administrator shutdown or backend terminated, crash shutdown, the database starting or stopping. */
    private static final Set<String> SHUTDOWNS = Set.of("57P01", "57P02", "57P03");

    private ConnectionFailures() {}

    /** Whether a cause of {@code failure} is a connection exception (SQLState class 08) or a shutdown. */
    public static boolean lost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SHUTDOWNS.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    public static TryLaterException unreachable() {
        return TryLaterException.busy(
                "The database could not be reached or closed the connection; try again shortly", Duration.ofSeconds(2));
    }
}
