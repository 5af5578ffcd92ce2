package io.traveler.projects;

import java.time.Instant;
import java.util.UUID;

/** A started (or draft) project was cancelled; published inside the cancelling transaction. */
public record ProjectCancelled(UUID orgId, UUID projectId, String code, UUID actorId, Instant at) {}
