package io.traveler.projects;

import java.time.Instant;
import java.util.UUID;

/**
 * A project left a stage forward: the stage is done (by {@code move_stage}, or because its units moved on). Published
 * inside the move's transaction, before the next stage is entered, so a listener's work (the backflush of what the
 * stage consumed) commits or fails with the move.
 */
public record StageCompleted(
        UUID orgId,
        UUID projectId,
        UUID stageInstanceId,
        UUID stageId,
        String stageName,
        int position,
        UUID stationId,
        int entry,
        boolean lastStage,
        UUID actorId,
        Instant at) {}
