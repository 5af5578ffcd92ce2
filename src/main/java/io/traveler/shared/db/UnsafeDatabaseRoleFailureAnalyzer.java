package io.traveler.shared.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused database role into Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
public final class UnsafeDatabaseRoleFailureAnalyzer
        extends AbstractFailureAnalyzer<DatabaseRoleCheck.UnsafeDatabaseRole> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseRoleCheck.UnsafeDatabaseRole cause) {
        return new FailureAnalysis(
                "The application's database role \"" + cause.role()
                        + "\" is not subject to row-level security, so organizations would not be kept apart: "
                        + String.join("; ", cause.reasons()) + ".",
                "Create a login role with NOSUPERUSER NOBYPASSRLS that owns no table and is not a member of the"
                        + " tables' owner, grant it CONNECT on the database, and set spring.datasource.username"
                        + " (the owner, used by Flyway only) and traveler.db.app-username/app-password (the"
                        + " application). See README, \"External PostgreSQL\".",
                cause);
    }
}
