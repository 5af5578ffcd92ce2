package io.traveler.projects;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What other modules may ask the projects module, in the current organization. */
public interface Projects {
    /**
     * An order's progress, derived from its projects on each call: how many there are (cancelled ones left out) and
     * how many are completed, the percent of their stages done, the stages in progress now ("PRJ-… · Assembly"), and
     * the expected completion (today plus the expected minutes of the stages still to do, at the stations' hours).
     */
    record OrderProgress(
            UUID orderId,
            int projects,
            int completed,
            int percent,
            List<String> currentStages,
            LocalDate expectedCompletion) {}

    OrderProgress progressOfOrder(UUID orderId);

    /** True when the order has at least one project not cancelled and all such projects are completed. */
    boolean allProjectsComplete(UUID orderId);

    /**
     * Creates the order's projects that do not exist yet: one per line ({@code onePerLine}), or one for the whole
     * order; each line's product's default workflow, or {@code workflowId} where given. Answers the projects' ids.
     */
    List<UUID> createForOrder(UUID orderId, boolean onePerLine, UUID workflowId);
}
