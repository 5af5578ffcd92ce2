package io.traveler.shared.db;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/** Reads the SQLState PostgreSQL gave a failure, wherever in its chain of causes the driver's exception sits. */
public final class SqlStates {
    private SqlStates() {}

    /** Whether {@code failure} or one of its causes is an {@link SQLException} whose SQLState {@code state} accepts. */
    public static boolean causedBy(Throwable failure, Predicate<String> state) {
        return anyCause(
                failure,
                t -> t instanceof SQLException sql && sql.getSQLState() != null && state.test(sql.getSQLState()));
    }

    /** Whether {@code failure} or one of its causes is a {@code type}. */
    public static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return anyCause(failure, type::isInstance);
    }

    /** Whether {@code failure} or one of its causes matches, each cause read once (a chain may loop back). */
    private static boolean anyCause(Throwable failure, Predicate<Throwable> matches) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (matches.test(t)) {
                return true;
            }
        }
        return false;
    }
}
