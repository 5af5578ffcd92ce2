package io.traveler.production.internal;

import io.traveler.production.internal.Line.StageRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One change of a unit, worked out before anything is written: its new status, stage and times, and the passport
 * events that tell it. {@link UnitChanges#write} stores it in one UPDATE and one INSERT.
 */
final class UnitStep {
    record Event(String kind, StageRef stage, Map<String, Object> detail) {}

    final UnitRow before;
    final Instant at;
    String status;
    String heldFrom;
    StageRef stage;
    int stageEntry;
    Instant enteredStageAt;
    Instant startedAt;
    Instant completedAt;
    /** The unit left its stage (completed it, went back for rework, was scrapped): the project follows. */
    boolean moved;

    final List<Event> events = new ArrayList<>();

    UnitStep(UnitRow before, StageRef stage, Instant at) {
        this.before = before;
        this.at = at;
        this.status = before.status();
        this.heldFrom = before.heldFrom();
        this.stage = stage;
        this.stageEntry = before.stageEntry();
        this.enteredStageAt = before.enteredStageAt();
        this.startedAt = before.startedAt();
        this.completedAt = before.completedAt();
    }

    UnitStep event(String kind, StageRef at, Object... keyValues) {
        Map<String, Object> detail = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                detail.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        events.add(new Event(kind, at, detail));
        return this;
    }

    /** Enters {@code next} as its {@code entry}-th entry, waiting there in {@code waiting} status. */
    void enter(StageRef next, int entry, String waiting) {
        this.stage = next;
        this.stageEntry = entry;
        this.status = waiting;
        this.enteredStageAt = at;
        this.moved = true;
    }

    boolean finished() {
        return status.equals("COMPLETED") || status.equals("SCRAPPED");
    }

    UUID stationNow() {
        return finished() || stage == null ? null : stage.stationId();
    }

    /** The unit as this step leaves it (its row as {@link UnitChanges#write} stores it). */
    UnitRow after() {
        UnitRow u = before;
        return new UnitRow(
                u.id(),
                u.projectId(),
                u.serial(),
                u.position(),
                u.quantity(),
                u.parentUnitId(),
                stage == null ? null : stage.id(),
                stage == null ? null : stage.position(),
                stage == null ? null : stage.stationId(),
                stageEntry,
                status,
                heldFrom,
                u.location(),
                u.assigneeId(),
                u.priority(),
                u.dueDate(),
                enteredStageAt,
                startedAt,
                completedAt,
                u.eventSeq() + events.size(),
                u.version() + 1,
                u.projectCode(),
                u.projectStatus(),
                u.workflowId());
    }

    String lastKind() {
        return events.getLast().kind();
    }
}
