package io.traveler.orders.internal;

import io.traveler.customers.Quotes;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.security.Callers;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A customer accepts a quote: the quote becomes ACCEPTED and its order is placed, in one transaction. */
@Service
public class QuoteOrders {
    static final String QUOTES_WRITE = "quotes:write";

    private final Quotes quotes;
    private final OrderService orders;
    private final Callers callers;

    QuoteOrders(Quotes quotes, OrderService orders, Callers callers) {
        this.quotes = quotes;
        this.orders = orders;
        this.callers = callers;
    }

    /**
     * Places the DRAFT order of an accepted quote: its customer, its lines at the quoted unit prices, its discount and
     * tax; the order's totals are computed again from those lines. The quoted prices are the agreed ones: a line of a
     * configurable product keeps its quoted price (marked overridden) without orders:override_price. Refused as {@link Quotes#accept} refuses (an
     * expired, rejected or already accepted quote: 409), and then nothing is written.
     */
    @Transactional
    public Order accept(UUID quoteId, ExpectedVersion expected) {
        requireQuotesWrite();
        Quotes.AcceptedQuote quote = quotes.accept(quoteId, expected);
        var lines = quote.lines().stream()
                .map(l -> new OrderService.NewLine(l.productId(), l.variantId(), l.quantity(), l.unitPrice()))
                .toList();
        Order order = orders.place(
                new OrderService.NewOrder(
                        quote.customerId(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "From quote " + quote.code(),
                        quote.discount(),
                        quote.tax(),
                        null,
                        null,
                        null,
                        lines),
                true);
        quotes.linkOrder(quote.quoteId(), order.id());
        return order;
    }

    /** Placing the order needs orders:write (checked on the endpoint); changing the quote needs quotes:write too. */
    private void requireQuotesWrite() {
        callers.require(QUOTES_WRITE, "Accepting a quote changes it");
    }
}
