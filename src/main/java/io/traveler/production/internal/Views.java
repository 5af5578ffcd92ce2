package io.traveler.production.internal;

import io.traveler.production.internal.Line.StageRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the production API answers (snake_case on the wire). */
public final class Views {
    private Views() {}

    /** A stage instance of the unit's project: {@code id} is the stage instance id. */
    public record StageView(UUID id, String name, int position, UUID stationId) {
        static StageView of(StageRef stage) {
            return stage == null ? null : new StageView(stage.id(), stage.name(), stage.position(), stage.stationId());
        }
    }

    public record UnitView(
            UUID id,
            String serial,
            UUID projectId,
            String projectCode,
            int position,
            BigDecimal quantity,
            UUID parentUnitId,
            StageView stage,
            int stageEntry,
            String status,
            String heldFrom,
            String location,
            UUID assigneeId,
            int priority,
            LocalDate dueDate,
            Instant enteredStageAt,
            Instant startedAt,
            Instant completedAt,
            long version) {}

    /** A required stage action not yet recorded (or a measurement out of tolerance) for the unit's current entry. */
    public record MissingAction(UUID id, String kind, String label) {}

    /**
     * What to do next: the {@code action} an operator would take ({@code start}, {@code record_action},
     * {@code complete}, {@code dispose}, {@code release}, or null when the unit is done), the actions still missing
     * at the unit's stage, the stage after it (and its station), and whether the unit is done.
     */
    public record Next(String action, List<MissingAction> missing, StageView stage, UUID stationId, boolean done) {}

    public record ScanResult(UnitView unit, StageView stage, Next next) {}

    public record StepResult(String stepId, String outcome, String reason) {}

    public record BatchResult(List<StepResult> results) {}
}
