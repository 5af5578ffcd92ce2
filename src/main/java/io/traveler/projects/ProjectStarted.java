package io.traveler.projects;

import java.time.Instant;
import java.util.UUID;

/** A project was started: its first stage is in progress. {@code orderId} is null for a project of no order. */
public record ProjectStarted(UUID orgId, UUID projectId, String code, UUID orderId, UUID actorId, Instant at) {}
