package io.traveler.accounts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The accounts module's API for other modules. */
public interface Accounts {
    record OrganizationRef(UUID id, String name, String kind) {}

    /** The organizations the current user is an active member of. */
    List<OrganizationRef> myOrganizations();

    boolean isActivePartner(UUID brandOrgId, UUID factoryOrgId);

    /** The factories the current organization has an ACTIVE partnership with, by name. */
    List<OrganizationRef> activeFactories();

    Optional<String> organizationName(UUID orgId);
}
