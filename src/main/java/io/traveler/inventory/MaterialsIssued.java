package io.traveler.inventory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Materials were issued to a project (a backflush when one of its stages completed, or an issue naming the project
 * or one of its units), published inside the issuing transaction: each line names the lot it came from, so the
 * shop floor can write which lots its units consumed. {@code unitId} is set when the issue named one unit;
 * {@code stageInstanceId} when a stage's backflush issued them.
 */
public record MaterialsIssued(
        UUID orgId, UUID projectId, UUID unitId, UUID stageInstanceId, List<Line> lines, UUID actorId, Instant at) {
    public record Line(
            UUID movementId, UUID partId, String partNumber, UUID lotId, String lotNumber, BigDecimal quantity) {}

    public MaterialsIssued {
        lines = List.copyOf(lines);
    }
}
