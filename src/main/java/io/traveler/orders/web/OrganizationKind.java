package io.traveler.orders.web;

import io.traveler.accounts.Accounts;
import io.traveler.shared.tenancy.TenantContext;
import org.springframework.stereotype.Component;

/** Whether the signed-in organization is a brand: its orders are purchase orders to partner factories. */
@Component
class OrganizationKind {
    private final Accounts accounts;

    OrganizationKind(Accounts accounts) {
        this.accounts = accounts;
    }

    boolean isBrand() {
        var org = TenantContext.requireOrgId();
        return accounts.myOrganizations().stream().anyMatch(o -> o.id().equals(org) && "BRAND".equals(o.kind()));
    }
}
