package io.traveler.accounts;

import io.traveler.shared.tenancy.NewOrganization;
import java.util.UUID;

/**
 * Published, in the sign-up's transaction, when someone signs up a new organization. Listeners run after commit
 * and are recorded in the event publication registry until they complete.
 */
public record OrganizationCreated(UUID orgId, String name, OrganizationKind kind, UUID administratorId)
        implements NewOrganization {}
