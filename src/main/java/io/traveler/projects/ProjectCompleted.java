package io.traveler.projects;

import java.time.Instant;
import java.util.UUID;

/** A project left its last stage: it is completed. */
public record ProjectCompleted(UUID orgId, UUID projectId, String code, UUID orderId, UUID actorId, Instant at) {}
