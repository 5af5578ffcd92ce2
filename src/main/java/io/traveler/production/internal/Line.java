package io.traveler.production.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A project's stage instances in order, as its units go through them (they do not change once made). */
public record Line(List<StageRef> stages) {
    /** A project's stage instance: its id, the workflow stage it runs, its position, name and station. */
    public record StageRef(UUID id, UUID stageId, int position, String name, UUID stationId) {}

    public Optional<StageRef> stage(UUID stageInstanceId) {
        return stages.stream().filter(s -> s.id().equals(stageInstanceId)).findFirst();
    }

    public Optional<StageRef> after(int position) {
        return stages.stream().filter(s -> s.position() > position).findFirst();
    }

    public Optional<StageRef> first() {
        return stages.stream().findFirst();
    }
}
