package io.traveler.accounts;

import java.util.UUID;

/** Published when someone signs up a new organization. */
public record OrganizationCreated(UUID orgId, String name, OrganizationKind kind, UUID administratorId) {}
