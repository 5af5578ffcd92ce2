package io.traveler.inventory;

import java.util.UUID;

/** The inventory's lots, as other modules may ask about them (the shop floor's lot traceability). */
public interface Lots {
    /** Whether {@code lotId} is a lot of the current organization. */
    boolean exists(UUID lotId);
}
