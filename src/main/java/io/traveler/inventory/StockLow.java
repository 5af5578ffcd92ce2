package io.traveler.inventory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A part's available stock fell to or below its reorder point (published once per crossing, in the movement's
 * transaction; it is published again only after the stock rose above the point).
 */
public record StockLow(
        UUID orgId,
        UUID partId,
        BigDecimal available,
        BigDecimal reorderPoint,
        BigDecimal reorderQuantity,
        Instant at) {}
