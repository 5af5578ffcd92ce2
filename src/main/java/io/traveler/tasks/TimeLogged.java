package io.traveler.tasks;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Time was logged against a task (by hand, or by stopping a timer). */
public record TimeLogged(
        UUID orgId,
        UUID timeLogId,
        UUID taskId,
        UUID projectId,
        UUID employeeId,
        UUID stationId,
        BigDecimal minutes,
        BigDecimal labourCost,
        Instant at) {}
