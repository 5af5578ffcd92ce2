package io.traveler.settings.internal;

import io.traveler.shared.tenancy.NewOrganization;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives every new organization its settings row and default numbering series once its sign-up has committed.
 * Not {@code @ApplicationModuleListener}: that opens its transaction before the method runs, and the transaction
 * must see the new organization as its tenant (row-level security). Like it, this runs after commit on another
 * thread and is recorded in the event publication registry until it completes; incomplete ones are re-run at
 * start. Organizations created before this listener existed keep reading defaults until their first change.
 */
@Component
class OrganizationSetup {
    private final SettingsService settings;
    private final TransactionTemplate transactions;

    OrganizationSetup(SettingsService settings, TransactionTemplate transactions) {
        this.settings = settings;
        this.transactions = transactions;
    }

    @Async
    @TransactionalEventListener
    void on(NewOrganization organization) {
        TenantContext.runAs(
                Tenant.system(organization.orgId()),
                () -> transactions.executeWithoutResult(status -> settings.initialise()));
    }
}
