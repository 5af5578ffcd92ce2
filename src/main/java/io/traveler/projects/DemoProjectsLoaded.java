package io.traveler.projects;

import java.util.UUID;

/**
 * The demo factory's projects are made and walked (or were already there): what the shop floor's demo waits for
 * before it walks their units.
 */
public record DemoProjectsLoaded(UUID factoryOrgId, UUID factoryAdminId) {}
