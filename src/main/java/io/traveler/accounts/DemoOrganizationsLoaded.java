package io.traveler.accounts;

import java.util.UUID;

/**
 * Published once the demo organizations exist ({@code traveler.demo-data=true}), so that other modules add their
 * own demo records, acting as the organizations' administrators.
 */
public record DemoOrganizationsLoaded(UUID factoryOrgId, UUID factoryAdminId, UUID brandOrgId, UUID brandAdminId) {}
