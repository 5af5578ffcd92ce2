package io.traveler.customers.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.customers.internal.Quote;
import io.traveler.customers.internal.QuoteLine;
import io.traveler.customers.internal.QuotePdf;
import io.traveler.customers.internal.QuoteService;
import io.traveler.customers.internal.QuoteService.LineData;
import io.traveler.customers.internal.QuoteService.QuoteData;
import io.traveler.shared.Quantity;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Quotes and their lines. Totals are the server's ({@code subtotal}, {@code tax}, {@code total}, each line's {@code
 * line_total}): sent ones are ignored. Every change names the quote's version (If-Match), lines included.
 */
@Tag(name = "Quotes")
@RestController
class QuotesController {
    private final QuoteService quotes;
    private final QuotePdf pdf;

    QuotesController(QuoteService quotes, QuotePdf pdf) {
        this.quotes = quotes;
        this.pdf = pdf;
    }

    record LineView(
            UUID id,
            int position,
            UUID productId,
            UUID variantId,
            String sku,
            String name,
            BigDecimal quantity,
            BigDecimal listPrice,
            BigDecimal unitPrice,
            BigDecimal lineTotal) {
        static LineView of(QuoteLine l) {
            return new LineView(
                    l.id(),
                    l.position(),
                    l.productId(),
                    l.variantId(),
                    l.sku(),
                    l.name(),
                    l.quantity(),
                    l.listPrice(),
                    l.unitPrice(),
                    l.lineTotal());
        }
    }

    record QuoteView(
            UUID id,
            String code,
            UUID customerId,
            Quote.Status status,
            List<Quote.Status> allowedNext,
            String currency,
            LocalDate validUntil,
            BigDecimal subtotal,
            BigDecimal discount,
            BigDecimal taxRate,
            BigDecimal taxAmount,
            BigDecimal tax,
            BigDecimal total,
            String notes,
            String rejectReason,
            Instant sentAt,
            Instant decidedAt,
            UUID orderId,
            UUID createdBy,
            List<LineView> lines,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        static QuoteView of(Quote q) {
            return new QuoteView(
                    q.id(),
                    q.code(),
                    q.customerId(),
                    q.status(),
                    q.allowedNext().stream().sorted().toList(),
                    q.currency(),
                    q.validUntil(),
                    q.subtotal(),
                    q.discount(),
                    q.taxRate(),
                    q.taxAmount(),
                    q.tax(),
                    q.total(),
                    q.notes(),
                    q.rejectReason(),
                    q.sentAt(),
                    q.decidedAt(),
                    q.orderId(),
                    q.createdBy(),
                    q.lines().stream().map(LineView::of).toList(),
                    q.version(),
                    q.createdAt(),
                    q.updatedAt());
        }
    }

    record LineBody(
            UUID productId,
            UUID variantId,
            @Quantity BigDecimal quantity,
            @Quantity BigDecimal unitPrice) {
        LineData data() {
            return new LineData(productId, variantId, quantity, unitPrice);
        }
    }

    /** A quote as sent; a PATCH leaves out what stays and sends null to clear tax_rate, tax_amount or notes. */
    record QuoteBody(
            UUID customerId,
            LocalDate validUntil,
            @Quantity BigDecimal discount,
            @Quantity BigDecimal taxRate,
            @Quantity BigDecimal taxAmount,
            @Size(max = 4000) String notes,
            @Size(max = QuoteService.MAX_LINES) List<@NotNull @Valid LineBody> lines) {
        QuoteData data(Set<String> cleared) {
            return new QuoteData(
                    customerId,
                    validUntil,
                    discount,
                    taxRate,
                    taxAmount,
                    notes,
                    lines == null ? null : lines.stream().map(LineBody::data).toList(),
                    cleared);
        }
    }

    record ReasonBody(@Size(max = 1000) String reason) {}

    @Operation(summary = "List quotes, newest first unless sorted otherwise")
    @GetMapping("/api/quotes")
    @PreAuthorize("hasAuthority('quotes:read')")
    ItemList<QuoteView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Quote.Status status,
            @RequestParam(name = "customer_id", required = false) UUID customerId) {
        var page = PageRequest.of(limit, cursor, sort, QuoteService.SORTS.keySet(), "-created_at");
        return quotes.list(page, new QuoteService.QuoteFilter(status, customerId))
                .map(QuoteView::of);
    }

    @Operation(summary = "Create a quote (a DRAFT), optionally with lines")
    @PostMapping("/api/quotes")
    @PreAuthorize("hasAuthority('quotes:write')")
    ResponseEntity<QuoteView> create(@Valid @RequestBody QuoteBody body) {
        Quote created = quotes.create(body.data(Set.of()));
        return Versions.created("/api/quotes/" + created.id(), created.version(), QuoteView.of(created));
    }

    @Operation(summary = "Get a quote with its lines")
    @GetMapping("/api/quotes/{id}")
    @PreAuthorize("hasAuthority('quotes:read')")
    ResponseEntity<QuoteView> get(@PathVariable UUID id) {
        Quote found = quotes.quote(id);
        return Versions.ok(found.version(), QuoteView.of(found));
    }

    @Operation(summary = "Change a DRAFT quote's customer, validity, discount, tax or notes")
    @PatchMapping("/api/quotes/{id}")
    @PreAuthorize("hasAuthority('quotes:write')")
    ResponseEntity<QuoteView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody QuoteBody body) {
        if (body.lines() != null) {
            throw new io.traveler.shared.errors.ValidationException(
                    "lines", "are changed at /api/quotes/{id}/lines, one by one");
        }
        Quote changed = quotes.change(id, expected, body.data(ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.version(), QuoteView.of(changed));
    }

    @Operation(summary = "Delete a DRAFT quote")
    @DeleteMapping("/api/quotes/{id}")
    @PreAuthorize("hasAuthority('quotes:write')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        quotes.delete(id, expected);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Add a line to a DRAFT quote, priced from the catalog unless unit_price is given")
    @PostMapping("/api/quotes/{id}/lines")
    @PreAuthorize("hasAuthority('quotes:write')")
    ResponseEntity<QuoteView> addLine(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody LineBody body) {
        Quote changed = quotes.addLine(id, expected, body.data());
        return Versions.created("/api/quotes/" + id, changed.version(), QuoteView.of(changed));
    }

    @Operation(summary = "Change a line's quantity or unit price (null unit_price: back to the list price)")
    @PatchMapping("/api/quotes/{id}/lines/{lineId}")
    @PreAuthorize("hasAuthority('quotes:write')")
    ResponseEntity<QuoteView> changeLine(
            @PathVariable UUID id,
            @PathVariable UUID lineId,
            ExpectedVersion expected,
            @Valid @RequestBody LineBody body) {
        if (body.productId() != null || body.variantId() != null) {
            throw new io.traveler.shared.errors.ValidationException(
                    body.productId() != null ? "product_id" : "variant_id",
                    "cannot change: remove the line and add another");
        }
        boolean backToList = ExplicitNulls.inThisRequest().contains("unit_price");
        Quote changed = quotes.changeLine(id, lineId, expected, body.quantity(), body.unitPrice(), backToList);
        return Versions.ok(changed.version(), QuoteView.of(changed));
    }

    @Operation(summary = "Remove a line of a DRAFT quote")
    @DeleteMapping("/api/quotes/{id}/lines/{lineId}")
    @PreAuthorize("hasAuthority('quotes:write')")
    ResponseEntity<QuoteView> removeLine(@PathVariable UUID id, @PathVariable UUID lineId, ExpectedVersion expected) {
        Quote changed = quotes.removeLine(id, lineId, expected);
        return Versions.ok(changed.version(), QuoteView.of(changed));
    }

    @Operation(summary = "Send a DRAFT quote (DRAFT → SENT); the customer is e-mailed when it has an address")
    @PostMapping("/api/quotes/{id}/send")
    @PreAuthorize("hasAuthority('quotes:write')")
    ResponseEntity<QuoteView> send(@PathVariable UUID id, ExpectedVersion expected) {
        Quote sent = quotes.send(id, expected);
        return Versions.ok(sent.version(), QuoteView.of(sent));
    }

    @Operation(summary = "Record the customer's rejection of a SENT quote (SENT → REJECTED)")
    @PostMapping("/api/quotes/{id}/reject")
    @PreAuthorize("hasAuthority('quotes:write')")
    ResponseEntity<QuoteView> reject(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody(required = false) ReasonBody body) {
        Quote rejected = quotes.reject(id, expected, body == null ? null : body.reason());
        return Versions.ok(rejected.version(), QuoteView.of(rejected));
    }

    @Operation(summary = "The quote as a PDF, in the organization's currency and time zone")
    @GetMapping(path = "/api/quotes/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasAuthority('quotes:read')")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id) {
        return QuotePages.pdfResponse(quotes.quote(id).code(), pdf.render(id));
    }
}
