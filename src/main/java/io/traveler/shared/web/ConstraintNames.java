package io.traveler.shared.web;

import java.sql.SQLException;
import org.springframework.dao.DataIntegrityViolationException;

/** Turns a PostgreSQL constraint failure into words a client can act on, without SQL internals. */
final class ConstraintNames {
    private ConstraintNames() {}

    static String describe(DataIntegrityViolationException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof SQLException sql) {
            String state = sql.getSQLState();
            String constraint = constraintName(sql);
            return switch (state == null ? "" : state) {
                case "23505" -> "a record with the same unique value already exists" + suffix(constraint);
                case "23503" -> "it refers to a record that does not exist or is still referenced" + suffix(constraint);
                case "23514" -> "a value is outside what is allowed" + suffix(constraint);
                case "23502" -> "a required value is missing" + suffix(constraint);
                default -> "the database refused it" + suffix(constraint);
            };
        }
        return "the database refused it";
    }

    private static String suffix(String constraint) {
        return constraint == null ? "" : " (" + constraint + ")";
    }

    private static String constraintName(SQLException sql) {
        if (sql instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null) {
            return psql.getServerErrorMessage().getConstraint();
        }
        return null;
    }
}
