package io.traveler.shared.tenancy;

import java.util.UUID;

/**
 * An organization that has just been created, as an event. The accounts module's {@code OrganizationCreated}
 * implements it so that modules the accounts module itself depends on (settings) can react to a new organization
 * without a dependency cycle; every other module listens to {@code OrganizationCreated} directly.
 */
public interface NewOrganization {
    UUID orgId();

    UUID administratorId();
}
