package io.traveler.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** An order moved from one phase to another; {@code timeInPhase} is how long it spent in the phase it left. */
public record OrderPhaseChanged(
        UUID orderId,
        UUID orgId,
        UUID brandOrgId,
        OrderPhase from,
        OrderPhase to,
        String reason,
        UUID actorId,
        Instant at,
        Duration timeInPhase) {}
