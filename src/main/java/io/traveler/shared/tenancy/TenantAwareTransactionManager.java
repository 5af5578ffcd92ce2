package io.traveler.shared.tenancy;

import jakarta.persistence.EntityManagerFactory;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.hibernate.Session;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Starts every transaction by telling PostgreSQL who acts ({@code app.org_id}, {@code app.actor_id}),
 * transaction-local, so row-level security policies scope every statement, native ones included. It also gives the
 * transaction its time budget: each statement is cancelled past {@code statement_timeout} (SQLState 57014, answered
 * 503), so no request holds a connection and a thread for long. The budget is {@code traveler.db.statement-timeout}
 * unless the transaction declares its own timeout, as background jobs do for their longer work.
 */
class TenantAwareTransactionManager extends JpaTransactionManager {
    private final Duration statementTimeout;

    TenantAwareTransactionManager(EntityManagerFactory emf, Duration statementTimeout) {
        super(emf);
        this.statementTimeout = statementTimeout;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        super.doBegin(transaction, definition);
        var holder = (EntityManagerHolder) TransactionSynchronizationManager.getResource(obtainEntityManagerFactory());
        Tenant tenant = TenantContext.current();
        holder.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select set_config('app.org_id', ?, true), set_config('app.actor_id', ?, true),"
                            + " set_config('statement_timeout', ?, true)")) {
                statement.setString(
                        1, tenant.orgId() == null ? "" : tenant.orgId().toString());
                statement.setString(
                        2, tenant.actorId() == null ? "" : tenant.actorId().toString());
                statement.setString(3, budget(definition).toMillis() + "ms");
                statement.execute();
            }
        });
    }

    private Duration budget(TransactionDefinition definition) {
        return definition.getTimeout() > 0 ? Duration.ofSeconds(definition.getTimeout()) : statementTimeout;
    }
}
