package io.traveler.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An order as projects are made from it. Implemented by the orders module (which depends on this one); the
 * current organization must be the order's owner (a brand reading its purchase order gets nothing).
 */
public interface OrderSource {
    record Line(UUID lineId, UUID productId, UUID variantId, String name, BigDecimal quantity, BigDecimal lineTotal) {}

    /** {@code priority} is the order's: LOW, NORMAL, HIGH or URGENT. */
    record OrderForProjects(
            UUID orderId,
            String code,
            UUID customerId,
            String partyName,
            LocalDate dueDate,
            String priority,
            List<Line> lines) {}

    Optional<OrderForProjects> order(UUID orderId);

    /**
     * The current organization's own orders in this phase (a phase name of the orders module, such as
     * {@code "PRODUCTION"}), oldest first: what the demo data makes projects of.
     */
    List<UUID> ordersInPhase(String phase);
}
