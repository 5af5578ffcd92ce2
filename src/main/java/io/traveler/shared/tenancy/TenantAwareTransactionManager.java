package io.traveler.shared.tenancy;

import com.zaxxer.hikari.HikariDataSource;
import io.traveler.shared.db.CommitOutcomeUnknownException;
import io.traveler.shared.db.ConnectionFailures;
import jakarta.persistence.EntityManagerFactory;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Starts every transaction by telling PostgreSQL who acts ({@code app.org_id}, {@code app.actor_id}),
 * transaction-local, so row-level security policies scope every statement, native ones included. It also gives the
 * transaction its time budget: each statement is cancelled past {@code statement_timeout} (SQLState 57014, answered
 * 503), so no request holds a connection and a thread for long. The budget is {@code traveler.db.statement-timeout}
 * unless the transaction declares its own timeout, as background jobs do for their longer work.
 */
class TenantAwareTransactionManager extends JpaTransactionManager {
    private static final Logger log = LoggerFactory.getLogger(TenantAwareTransactionManager.class);
    private final Duration statementTimeout;

    TenantAwareTransactionManager(EntityManagerFactory emf, Duration statementTimeout) {
        super(emf);
        this.statementTimeout = statementTimeout;
    }

    /**
     * Begins as JPA does, then sets the caller and the budget. A pooled connection the database has closed meanwhile
     * (restarted, or the backend terminated) fails there, before anything ran. The transaction is then abandoned: its
     * connection goes back to the pool, which drops it as broken, and so do the pool's idle connections (the database
     * that closed one has most likely closed them all), so the requests after this one get new connections. This one
     * is answered 503 with a {@code Retry-After} ({@link CannotCreateTransactionException}), never 500, and no
     * connection is kept out of the pool. (Beginning again on a new connection is not possible here: JPA's
     * transaction object keeps the abandoned entity manager.)
     */
    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        super.doBegin(transaction, definition);
        try {
            setCallerAndBudget(definition);
        } catch (RuntimeException failed) {
            abandon(transaction);
            if (ConnectionFailures.lost(failed)) {
                log.info(
                        "A pooled connection was closed by the database; the pool's idle connections are dropped: {}",
                        NestedExceptionUtils.getMostSpecificCause(failed).getMessage());
                dropIdleConnections();
            }
            throw new CannotCreateTransactionException("The transaction could not begin", failed);
        }
    }

    /**
     * Commits as JPA does. A connection lost while committing leaves the outcome unknown (the database may have
     * committed before the connection went): that is a {@link CommitOutcomeUnknownException}, so the caller is not
     * told that nothing was written.
     */
    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        try {
            super.doCommit(status);
        } catch (RuntimeException failed) {
            if (ConnectionFailures.lost(failed)) {
                throw new CommitOutcomeUnknownException(failed);
            }
            throw failed;
        }
    }

    private void setCallerAndBudget(TransactionDefinition definition) {
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

    /** The database that closed one connection (a restart, most often) has closed the others as well. */
    private void dropIdleConnections() {
        if (getDataSource() instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }

    /** Rolls back what {@code super.doBegin} began (if the connection still can) and releases what it bound. */
    private void abandon(Object transaction) {
        var holder = (EntityManagerHolder) TransactionSynchronizationManager.getResource(obtainEntityManagerFactory());
        try {
            if (holder != null && holder.getEntityManager().getTransaction().isActive()) {
                holder.getEntityManager().getTransaction().rollback();
            }
        } catch (RuntimeException rollbackFailed) {
            log.debug("Rolling back a transaction that could not begin failed too", rollbackFailed);
        }
        doCleanupAfterCompletion(transaction);
    }

    private Duration budget(TransactionDefinition definition) {
        return definition.getTimeout() > 0 ? Duration.ofSeconds(definition.getTimeout()) : statementTimeout;
    }
}
