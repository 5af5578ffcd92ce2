package io.traveler.equipment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A maintenance plan of a piece of equipment fell due (published once per due date by the daily check). */
public record MaintenanceDue(
        UUID orgId,
        UUID equipmentId,
        String equipmentCode,
        UUID planId,
        String planName,
        LocalDate dueOn,
        Instant at) {}
