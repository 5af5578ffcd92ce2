package io.traveler.shared.db;

import java.sql.SQLException;
import java.util.function.Predicate;

/** Reads the SQLState PostgreSQL gave a failure, wherever in its chain of causes the driver's exception sits. */
public final class SqlStates {
    private SqlStates() {}

    /** Whether {@code failure} or one of its causes is an {@link SQLException} whose SQLState {@code state} accepts. */
    public static boolean causedBy(Throwable failure, Predicate<String> state) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && state.test(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
