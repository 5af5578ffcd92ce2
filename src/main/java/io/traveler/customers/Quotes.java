package io.traveler.customers;

import io.traveler.shared.jpa.ExpectedVersion;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What other modules (orders) may do with the current organization's quotes. Both methods join the caller's
 * transaction, so accepting a quote and creating its order commit or roll back together.
 */
public interface Quotes {
    /** A line as the order takes it over: what was quoted, at the quoted unit price. */
    record AcceptedLine(
            UUID productId, UUID variantId, BigDecimal quantity, BigDecimal unitPrice, String sku, String name) {}

    /**
     * What an order needs of an accepted quote. Amounts have 4 decimals: {@code discount} is the amount taken off
     * the subtotal, {@code tax} the tax amount quoted (from {@code taxRate} percent when the quote had a rate, null
     * otherwise), {@code total} = subtotal − discount + tax.
     */
    record AcceptedQuote(
            UUID quoteId,
            String code,
            UUID customerId,
            String currency,
            BigDecimal subtotal,
            BigDecimal discount,
            BigDecimal taxRate,
            BigDecimal tax,
            BigDecimal total,
            LocalDate validUntil,
            List<AcceptedLine> lines) {}

    /**
     * Marks the quote ACCEPTED, in the caller's transaction, and answers what an order needs. The quote must be SENT
     * (or a DRAFT with lines) and still valid today in the organization's time zone: 404 for an unknown quote, 412 for
     * a stale version (checked when given, like the other POST actions), 409 naming the allowed moves otherwise.
     */
    AcceptedQuote accept(UUID quoteId, ExpectedVersion expected);

    /** Stores the order made from an ACCEPTED quote on it (409 if the quote is not accepted or has another order). */
    void linkOrder(UUID quoteId, UUID orderId);
}
