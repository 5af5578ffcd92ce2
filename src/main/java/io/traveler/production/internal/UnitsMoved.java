package io.traveler.production.internal;

import java.util.UUID;

/** Units of a project left a stage (completed it, went back, were scrapped, added or split): the project follows. */
public record UnitsMoved(UUID orgId, UUID projectId) {}
