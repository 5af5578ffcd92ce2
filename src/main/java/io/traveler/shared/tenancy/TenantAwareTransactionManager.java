package io.traveler.shared.tenancy;

import jakarta.persistence.EntityManagerFactory;
import java.sql.PreparedStatement;
import org.hibernate.Session;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Starts every transaction by telling PostgreSQL who acts ({@code app.org_id}, {@code app.actor_id}),
 * transaction-local, so row-level security policies scope every statement, native ones included.
 */
class TenantAwareTransactionManager extends JpaTransactionManager {

    TenantAwareTransactionManager(EntityManagerFactory emf) {
        super(emf);
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        super.doBegin(transaction, definition);
        var holder = (EntityManagerHolder) TransactionSynchronizationManager.getResource(obtainEntityManagerFactory());
        Tenant tenant = TenantContext.current();
        holder.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select set_config('app.org_id', ?, true), set_config('app.actor_id', ?, true)")) {
                statement.setString(
                        1, tenant.orgId() == null ? "" : tenant.orgId().toString());
                statement.setString(
                        2, tenant.actorId() == null ? "" : tenant.actorId().toString());
                statement.execute();
            }
        });
    }
}
