package io.traveler.tasks;

import java.time.Instant;
import java.util.UUID;

/** A task was completed. */
public record TaskCompleted(
        UUID orgId, UUID taskId, UUID projectId, UUID stageInstanceId, Integer stageEntry, UUID actorId, Instant at) {}
