package io.traveler.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An order was created: by the organization for one of its customers ({@code customerId}), or as a purchase order by
 * a brand ({@code brandOrgId}) addressed to the fulfilling organization {@code orgId}.
 */
public record OrderPlaced(
        UUID orderId,
        UUID orgId,
        String code,
        UUID customerId,
        UUID brandOrgId,
        BigDecimal total,
        String currency,
        UUID actorId,
        Instant at) {}
