package io.traveler.orders;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order stands. The default transition table: forward one step along the production line; back from
 * CONFIGURATION to DRAFT and from APPROVAL to CONFIGURATION (the seed's {@code validate_order_phase_transition});
 * any phase before DELIVERED may be put ON_HOLD or CANCELLED; an order ON_HOLD resumes to the phase it left (or is
 * cancelled). DELIVERED and CANCELLED are final. An organization may only tighten this table.
 */
public enum OrderPhase {
    DRAFT,
    CONFIGURATION,
    APPROVAL,
    PRODUCTION,
    QUALITY_CONTROL,
    PACKAGING,
    SHIPPING,
    DELIVERED,
    ON_HOLD,
    CANCELLED;

    /** The phases of the production line, in order. */
    public static final Set<OrderPhase> LINE =
            EnumSet.of(DRAFT, CONFIGURATION, APPROVAL, PRODUCTION, QUALITY_CONTROL, PACKAGING, SHIPPING, DELIVERED);

    public boolean isFinal() {
        return this == DELIVERED || this == CANCELLED;
    }

    /** The next phase of the production line, or null for DELIVERED, ON_HOLD and CANCELLED. */
    public OrderPhase next() {
        return LINE.contains(this) && this != DELIVERED ? values()[ordinal() + 1] : null;
    }

    /**
     * The phases the default table lets an order in this phase move to. For ON_HOLD, {@code heldFrom} is the phase
     * the order left (its only resume target); it is ignored otherwise.
     */
    public Set<OrderPhase> defaultTargets(OrderPhase heldFrom) {
        Set<OrderPhase> targets = EnumSet.noneOf(OrderPhase.class);
        switch (this) {
            case DELIVERED, CANCELLED -> {}
            case ON_HOLD -> {
                if (heldFrom != null) {
                    targets.add(heldFrom);
                }
                targets.add(CANCELLED);
            }
            default -> {
                targets.add(next());
                if (this == CONFIGURATION) {
                    targets.add(DRAFT);
                }
                if (this == APPROVAL) {
                    targets.add(CONFIGURATION);
                }
                targets.add(ON_HOLD);
                targets.add(CANCELLED);
            }
        }
        return targets;
    }
}
