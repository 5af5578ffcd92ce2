package io.traveler.projects;

import java.time.Instant;
import java.util.UUID;

/** A project entered a stage (its {@code entry}-th time: more than one after rework). */
public record StageEntered(
        UUID orgId,
        UUID projectId,
        UUID stageInstanceId,
        String stageName,
        UUID stationId,
        int entry,
        boolean rework,
        UUID actorId,
        Instant at) {}
