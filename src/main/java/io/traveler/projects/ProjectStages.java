package io.traveler.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the shop floor asks of a project in the current organization: the job its units are made for (its stages in
 * order, its due date and its order's priority), and moving the project's own stages after its units.
 */
public interface ProjectStages {
    /** A stage instance of a project: {@code status} is PENDING, IN_PROGRESS, DONE or SKIPPED. */
    record Stage(UUID stageInstanceId, UUID stageId, int position, String name, UUID stationId, String status) {}

    /**
     * A project as the shop floor sees it. {@code status} is DRAFT, ACTIVE, ON_HOLD, COMPLETED or CANCELLED;
     * {@code priority} is the order's (LOW, NORMAL, HIGH, URGENT), NORMAL for a project of no order. {@code bomId} is
     * the bill of materials the project was pinned to (null when it was made without one).
     */
    record Job(
            UUID projectId,
            String code,
            String name,
            String status,
            BigDecimal quantity,
            LocalDate dueDate,
            String priority,
            UUID orderId,
            UUID productId,
            UUID bomId,
            UUID workflowId,
            List<Stage> stages) {}

    Optional<Job> job(UUID projectId);

    /**
     * The project's stages follow its units: the stage in progress becomes the earliest stage still holding a unit
     * ({@code earliestOpenPosition}); the stages before it are done (advanced without the project-level gates, which
     * the units met one by one), and an earlier position than the current one is a rework move back to it. Null
     * means every unit is completed or scrapped: the project completes. Does nothing to a project that is not ACTIVE.
     * Takes the project's row lock, so calls for one project take turns and the last one sees every unit's commit.
     */
    void followUnits(UUID projectId, Integer earliestOpenPosition);

    /**
     * Adds what the materials issued to the project cost (negative for materials returned from it) to its actual
     * materials cost, in the caller's transaction; the cost never goes below zero.
     */
    void addMaterialsCost(UUID projectId, BigDecimal amount);
}
