package io.traveler.customers.internal;

import io.traveler.accounts.Mailer;
import io.traveler.catalog.Catalog;
import io.traveler.customers.Quotes;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.Quantities;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.KeysetPager;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quotes and their lines. Lines are priced from the catalog (a line may override the unit price); totals are
 * recomputed here on every change ({@link QuoteTotals}). Every change of a quote or of its lines names the quote's
 * version (If-Match) and moves it.
 */
@Service
public class QuoteService implements Quotes {
    public static final Map<String, String> SORTS =
            Map.of("code", "code", "created_at", "createdAt", "valid_until", "validUntil", "total", "total");
    public static final int MAX_LINES = 500;
    /** The numbering series of quote codes ({@code QUO-2026-000001} by default). */
    static final String CODE_SERIES = "quotes";
    /** How long a new quote is valid unless its valid_until is given. */
    static final int DEFAULT_VALIDITY_DAYS = 30;

    public record QuoteFilter(Quote.Status status, UUID customerId) {}

    /** A line as sent; a null unit price means the catalog's list price. */
    public record LineData(UUID productId, UUID variantId, BigDecimal quantity, BigDecimal unitPrice) {}

    /** A quote as sent: on creation a null means the default; on a change, "keep" unless named in cleared. */
    public record QuoteData(
            UUID customerId,
            LocalDate validUntil,
            BigDecimal discount,
            BigDecimal taxRate,
            BigDecimal taxAmount,
            String notes,
            List<LineData> lines,
            Set<String> cleared) {}

    private final QuoteStore quotes;
    private final Customers customers;
    private final Catalog catalog;
    private final OrganizationSettings settings;
    private final Mailer mailer;
    private final EntityManager em;

    QuoteService(
            QuoteStore quotes,
            Customers customers,
            Catalog catalog,
            OrganizationSettings settings,
            Mailer mailer,
            EntityManager em) {
        this.quotes = quotes;
        this.customers = customers;
        this.catalog = catalog;
        this.settings = settings;
        this.mailer = mailer;
        this.em = em;
    }

    // --- reading ----------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public ItemList<Quote> list(PageRequest page, QuoteFilter filter) {
        return KeysetPager.page(em, Quote.class, page, SORTS, (root, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (filter.status() != null) {
                where.add(cb.equal(root.get("status"), filter.status()));
            }
            if (filter.customerId() != null) {
                where.add(cb.equal(root.get("customerId"), filter.customerId()));
            }
            return where.isEmpty() ? null : cb.and(where.toArray(Predicate[]::new));
        });
    }

    @Transactional(readOnly = true)
    public Quote quote(UUID id) {
        return quotes.findById(id).orElseThrow(() -> NotFoundException.of("Quote", id));
    }

    /** Today in the organization's time zone: the day a validity date is measured against. */
    @Transactional(readOnly = true)
    public LocalDate today() {
        return LocalDate.now(zone());
    }

    @Transactional(readOnly = true)
    public ZoneId zone() {
        return ZoneId.of(settings.current().timezone());
    }

    // --- changing ---------------------------------------------------------------------------------------------

    @Transactional
    public Quote create(QuoteData data) {
        if (data.customerId() == null) {
            throw new ValidationException("customer_id", "is required");
        }
        Customer customer = customerFor(data.customerId());
        LocalDate today = today();
        LocalDate validUntil = data.validUntil() == null ? today.plusDays(DEFAULT_VALIDITY_DAYS) : data.validUntil();
        requireNotPast(validUntil, today);
        var quote = new Quote(
                settings.nextNumber(CODE_SERIES),
                customer.id(),
                settings.current().currency(),
                validUntil,
                TenantContext.actorId().orElse(null));
        BigDecimal taxAmount = money("tax_amount", data.taxAmount());
        BigDecimal taxRate = rate(data.taxRate());
        requireOneTax(taxRate, taxAmount);
        quote.terms(
                validUntil, orZero(money("discount", data.discount())), taxRate, taxAmount, blankToNull(data.notes()));
        List<LineData> lines = data.lines() == null ? List.of() : data.lines();
        if (lines.size() > MAX_LINES) {
            throw new ValidationException("lines", "at most " + MAX_LINES + " lines");
        }
        for (int i = 0; i < lines.size(); i++) {
            quote.addLine(priced(quote, lines.get(i), "lines[" + i + "]."));
        }
        retotal(quote, customer);
        return quotes.saveAndFlush(quote);
    }

    @Transactional
    public Quote change(UUID id, ExpectedVersion expected, QuoteData data) {
        return VersionedChanges.change(quotes, quote(id), expected, quote -> {
            quote.requireDraft("its terms change");
            Set<String> cleared = data.cleared();
            for (String field : List.of("customer_id", "valid_until", "discount")) {
                if (cleared.contains(field)) {
                    throw new ValidationException(field, "is required");
                }
            }
            if (data.customerId() != null && !data.customerId().equals(quote.customerId())) {
                quote.forCustomer(customerFor(data.customerId()).id());
            }
            LocalDate validUntil = data.validUntil() == null ? quote.validUntil() : data.validUntil();
            if (data.validUntil() != null) {
                requireNotPast(validUntil, today());
            }
            BigDecimal taxRate = rate(data.taxRate());
            BigDecimal taxAmount = money("tax_amount", data.taxAmount());
            requireOneTax(taxRate, taxAmount);
            // a quote is taxed by a rate or by an amount: naming one replaces the other
            if (taxRate == null && taxAmount == null) {
                taxRate = cleared.contains("tax_rate") ? null : quote.taxRate();
                taxAmount = cleared.contains("tax_amount") ? null : quote.taxAmount();
            }
            BigDecimal discount = data.discount() == null ? quote.discount() : money("discount", data.discount());
            String notes =
                    data.notes() != null ? blankToNull(data.notes()) : cleared.contains("notes") ? null : quote.notes();
            quote.terms(validUntil, discount, taxRate, taxAmount, notes);
            retotal(quote, customers.findById(quote.customerId()).orElseThrow());
        });
    }

    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        VersionedChanges.delete(quotes, quote(id), expected, quote -> quote.requireDraft("a quote is deleted"));
    }

    /** Adding is an action like send (If-Match checked when given): lines added concurrently are both kept. */
    @Transactional
    public Quote addLine(UUID id, ExpectedVersion expected, LineData line) {
        return VersionedChanges.change(quotes, quote(id), ifGiven(expected), quote -> {
            quote.requireDraft("lines change");
            if (quote.lines().size() >= MAX_LINES) {
                throw new ConflictException("A quote has at most " + MAX_LINES + " lines");
            }
            quote.addLine(priced(quote, line, ""));
            retotal(quote, customers.findById(quote.customerId()).orElseThrow());
        });
    }

    /** A null quantity keeps it; a null unit price keeps it unless cleared, which returns to the list price. */
    @Transactional
    public Quote changeLine(
            UUID id,
            UUID lineId,
            ExpectedVersion expected,
            BigDecimal quantity,
            BigDecimal unitPrice,
            boolean cleared) {
        return VersionedChanges.change(quotes, quote(id), expected, quote -> {
            quote.requireDraft("lines change");
            QuoteLine line = lineOf(quote, lineId);
            BigDecimal newQuantity = quantity == null ? line.quantity() : quantity("quantity", quantity);
            BigDecimal newPrice = unitPrice != null
                    ? money("unit_price", unitPrice)
                    : cleared ? requireListPrice(line.listPrice(), "") : line.unitPrice();
            line.price(newQuantity, newPrice);
            quote.edited();
            retotal(quote, customers.findById(quote.customerId()).orElseThrow());
        });
    }

    @Transactional
    public Quote removeLine(UUID id, UUID lineId, ExpectedVersion expected) {
        return VersionedChanges.change(quotes, quote(id), expected, quote -> {
            quote.requireDraft("lines change");
            quote.removeLine(lineOf(quote, lineId));
            retotal(quote, customers.findById(quote.customerId()).orElseThrow());
        });
    }

    // --- moving -----------------------------------------------------------------------------------------------

    /** DRAFT → SENT; the customer is told by e-mail when it has an address. */
    @Transactional
    public Quote send(UUID id, ExpectedVersion expected) {
        return VersionedChanges.change(quotes, quote(id), ifGiven(expected), quote -> {
            if (quote.status() == Quote.Status.DRAFT) {
                requireLines(quote);
                requireValid(quote);
            }
            quote.moveTo(Quote.Status.SENT);
            Customer customer = customers.findById(quote.customerId()).orElseThrow();
            if (customer.email() != null) {
                mailer.send(
                        customer.email(),
                        "Quote " + quote.code(),
                        "Dear " + customer.name() + ",\n\nour quote " + quote.code() + " totals "
                                + quote.total()
                                        .setScale(2, QuoteTotals.ROUNDING)
                                        .toPlainString() + " "
                                + quote.currency() + " and is valid until " + quote.validUntil()
                                + ".\n\nReply to this message to accept it or to ask for changes.\n");
            }
        });
    }

    /** SENT → REJECTED, with the customer's reason. */
    @Transactional
    public Quote reject(UUID id, ExpectedVersion expected, String reason) {
        return VersionedChanges.change(quotes, quote(id), ifGiven(expected), quote -> {
            if (reason != null && reason.length() > 1000) {
                throw new ValidationException("reason", "must be at most 1000 characters");
            }
            quote.rejectBecause(blankToNull(reason));
        });
    }

    @Override
    @Transactional
    public AcceptedQuote accept(UUID quoteId, ExpectedVersion expected) {
        Quote accepted = VersionedChanges.change(quotes, quote(quoteId), ifGiven(expected), quote -> {
            if (quote.allowedNext().contains(Quote.Status.ACCEPTED)) {
                requireLines(quote);
                requireValid(quote);
            }
            quote.moveTo(Quote.Status.ACCEPTED);
        });
        return new AcceptedQuote(
                accepted.id(),
                accepted.code(),
                accepted.customerId(),
                accepted.currency(),
                accepted.subtotal(),
                accepted.discount(),
                accepted.taxRate(),
                accepted.tax(),
                accepted.total(),
                accepted.validUntil(),
                accepted.lines().stream()
                        .map(line -> new AcceptedLine(
                                line.productId(),
                                line.variantId(),
                                line.quantity(),
                                line.unitPrice(),
                                line.sku(),
                                line.name()))
                        .toList());
    }

    @Override
    @Transactional
    public void linkOrder(UUID quoteId, UUID orderId) {
        Quote quote = quote(quoteId);
        if (quote.status() != Quote.Status.ACCEPTED) {
            throw new ConflictException("Quote " + quote.code() + " is " + quote.status() + ", not ACCEPTED");
        }
        if (quote.orderId() != null && !quote.orderId().equals(orderId)) {
            throw new ConflictException("Quote " + quote.code() + " already became order " + quote.orderId());
        }
        quote.linkOrder(orderId);
        quotes.saveAndFlush(quote);
    }

    // --- rules ------------------------------------------------------------------------------------------------

    /**
     * Moves of the status table (send, reject, accept) and added lines check If-Match when it is sent, as the other
     * POST actions do (the table already refuses a move from a state the caller did not see); changes and removals
     * of what exists require it.
     */
    private static ExpectedVersion ifGiven(ExpectedVersion expected) {
        return expected.isGiven() ? expected : ExpectedVersion.any();
    }

    private Customer customerFor(UUID customerId) {
        return customers
                .findById(customerId)
                .orElseThrow(() -> new ValidationException("customer_id", "is not a customer of this organization"));
    }

    private QuoteLine priced(Quote quote, LineData data, String prefix) {
        if (data == null || data.productId() == null) {
            throw new ValidationException(prefix + "product_id", "is required");
        }
        if (data.quantity() == null) {
            throw new ValidationException(prefix + "quantity", "is required");
        }
        var ref = new Catalog.SellableRef(data.productId(), data.variantId());
        Catalog.Sellable sellable = catalog.sellables(List.of(ref)).get(ref);
        if (sellable == null) {
            throw new ValidationException(
                    prefix + (data.variantId() == null ? "product_id" : "variant_id"),
                    data.variantId() == null
                            ? "is not a product of this organization's catalog"
                            : "is not a variant of that product in this organization's catalog");
        }
        var line = new QuoteLine(quote.id(), quote.nextPosition(), data.productId(), data.variantId());
        BigDecimal listPrice = sellable.listPrice() == null ? null : QuoteTotals.money(sellable.listPrice());
        line.describe(sellable.sku(), sellable.name(), listPrice);
        BigDecimal unitPrice = data.unitPrice() == null
                ? requireListPrice(listPrice, prefix)
                : money(prefix + "unit_price", data.unitPrice());
        line.price(quantity(prefix + "quantity", data.quantity()), unitPrice);
        return line;
    }

    private static BigDecimal requireListPrice(BigDecimal listPrice, String prefix) {
        if (listPrice == null) {
            throw new ValidationException(prefix + "unit_price", "is required: the catalog has no price for it");
        }
        return listPrice;
    }

    /** Recomputes the lines' sum and the totals; a discount larger than the subtotal is refused. */
    private static void retotal(Quote quote, Customer customer) {
        QuoteTotals totals = QuoteTotals.of(
                quote.lines().stream().map(QuoteLine::lineTotal).toList(),
                quote.discount(),
                quote.taxRate(),
                quote.taxAmount(),
                customer.taxExempt());
        if (totals.discount().compareTo(totals.subtotal()) > 0) {
            throw new ValidationException(
                    "discount",
                    "is more than the subtotal (" + totals.subtotal().toPlainString() + "); lower it first");
        }
        quote.total(totals);
    }

    private static void requireLines(Quote quote) {
        if (quote.lines().isEmpty()) {
            throw new ConflictException("Quote " + quote.code() + " has no lines");
        }
    }

    private void requireValid(Quote quote) {
        if (quote.validUntil().isBefore(today())) {
            throw new ConflictException("Quote " + quote.code() + " was valid until " + quote.validUntil()
                    + "; it can no longer be sent or accepted");
        }
    }

    private static void requireNotPast(LocalDate validUntil, LocalDate today) {
        if (validUntil.isBefore(today)) {
            throw new ValidationException("valid_until", "must not be in the past");
        }
    }

    private static void requireOneTax(BigDecimal taxRate, BigDecimal taxAmount) {
        if (taxRate != null && taxAmount != null) {
            throw new ValidationException("tax_amount", "give a tax rate or a tax amount, not both");
        }
    }

    /** An amount of money: at most 4 decimals, not negative. */
    static BigDecimal money(String field, BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        requireScale(field, amount);
        if (amount.signum() < 0) {
            throw new ValidationException(field, "must not be negative");
        }
        return QuoteTotals.money(amount);
    }

    static BigDecimal quantity(String field, BigDecimal quantity) {
        requireScale(field, quantity);
        if (quantity.signum() <= 0) {
            throw new ValidationException(field, "must be more than 0");
        }
        return QuoteTotals.money(quantity);
    }

    private static BigDecimal rate(BigDecimal rate) {
        if (rate == null) {
            return null;
        }
        requireScale("tax_rate", rate);
        if (rate.signum() < 0 || rate.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new ValidationException("tax_rate", "must be between 0 and 100 (percent)");
        }
        return QuoteTotals.money(rate);
    }

    private static void requireScale(String field, BigDecimal number) {
        Quantities.require(field, number);
        if (number.scale() > QuoteTotals.SCALE && number.stripTrailingZeros().scale() > QuoteTotals.SCALE) {
            throw new ValidationException(field, "must have at most " + QuoteTotals.SCALE + " decimals");
        }
    }

    private static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private static QuoteLine lineOf(Quote quote, UUID lineId) {
        return quote.lines().stream()
                .filter(line -> line.id().equals(lineId))
                .findFirst()
                .orElseThrow(() -> NotFoundException.of("Quote line", lineId));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
