package io.traveler.orders.internal;

import io.traveler.accounts.Accounts;
import io.traveler.shared.errors.ValidationException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The brand↔factory partnerships purchase orders travel on, as the accounts module records them. */
@Component
public class Partners {
    private final Accounts accounts;

    Partners(Accounts accounts) {
        this.accounts = accounts;
    }

    /** A brand may address a purchase order only to a factory it has an ACTIVE partnership with (422 otherwise). */
    public void requireActivePartnership(UUID brandOrgId, UUID factoryOrgId) {
        if (factoryOrgId == null || !accounts.isActivePartner(brandOrgId, factoryOrgId)) {
            throw new ValidationException(
                    "factory_org_id", "must name a factory this organization has an ACTIVE partnership with");
        }
    }

    public String nameOf(UUID orgId) {
        return accounts.organizationName(orgId).orElse("");
    }
}
