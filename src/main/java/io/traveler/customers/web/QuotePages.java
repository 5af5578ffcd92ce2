package io.traveler.customers.web;

import io.traveler.customers.internal.Customer;
import io.traveler.customers.internal.CustomerService;
import io.traveler.customers.internal.Quote;
import io.traveler.customers.internal.QuotePdf;
import io.traveler.customers.internal.QuoteService;
import io.traveler.customers.internal.QuoteService.LineData;
import io.traveler.customers.internal.QuoteService.QuoteData;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.modules.ModuleRegistry;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.Htmx;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Quotes: the list, a new quote for a customer, and the quote builder, where a DRAFT's lines are added from a
 * product search, changed and removed, its terms set, its totals shown as the server computes them, and its PDF
 * previewed; then sent, rejected, or accepted into an order (the orders module's action).
 */
@PageController
@RequestMapping("/app/quotes")
class QuotePages {
    private static final int PRODUCT_HITS = 10;

    private final QuoteService quotes;
    private final CustomerService customers;
    private final QuotePdf pdf;
    private final ModuleRegistry modules;

    QuotePages(QuoteService quotes, CustomerService customers, QuotePdf pdf, ModuleRegistry modules) {
        this.quotes = quotes;
        this.customers = customers;
        this.pdf = pdf;
        this.modules = modules;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('quotes:read')")
    String list(
            @RequestParam(required = false) Quote.Status status,
            @RequestParam(name = "customer_id", required = false) UUID customerId,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("statuses", Quote.Status.values());
        var filter = new QuoteService.QuoteFilter(status, customerId);
        String view = ListPages.of(request, model, "quotes/quotes")
                .filter("status", status)
                .filter("customer_id", customerId)
                .show(cursor, page -> quotes.list(page.request(QuoteService.SORTS.keySet(), "-created_at"), filter));
        @SuppressWarnings("unchecked")
        var list = (ListPages.ListView<Quote>) model.getAttribute("list");
        model.addAttribute(
                "customerNames",
                customers.names(
                        list == null
                                ? List.of()
                                : list.rows().stream().map(Quote::customerId).toList()));
        return view;
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('quotes:write')")
    String newQuote(@RequestParam(name = "customer_id", required = false) UUID customerId, Model model) {
        model.addAttribute("customerId", customerId);
        model.addAttribute("validUntil", quotes.today().plusDays(30));
        model.addAttribute(
                "customers",
                customers
                        .list(
                                PageRequest.of(PageRequest.MAX_LIMIT, null, null, Set.of("name"), "name"),
                                new CustomerService.CustomerFilter(null, null))
                        .items());
        return "quotes/quote-new";
    }

    @PostMapping
    @PreAuthorize("hasAuthority('quotes:write')")
    String create(
            @RequestParam(name = "customer_id", required = false) UUID customerId,
            @RequestParam(name = "valid_until", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate validUntil,
            @RequestParam(name = "tax_rate", required = false) BigDecimal taxRate,
            @RequestParam(required = false) String notes,
            Model model,
            RedirectAttributes flash) {
        return Forms.submit(
                model,
                () -> {
                    Quote created = quotes.create(
                            new QuoteData(customerId, validUntil, null, taxRate, null, notes, List.of(), Set.of()));
                    return Forms.notice(
                            flash, "Quote " + created.code() + " started.", "redirect:/app/quotes/" + created.id());
                },
                () -> newQuote(customerId, model));
    }

    /** The builder; with {@code q}, the products matching it (only them when htmx asks as the user types). */
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('quotes:read')")
    String quote(
            @PathVariable UUID id, @RequestParam(required = false) String q, HttpServletRequest request, Model model) {
        Quote quote = quotes.quote(id);
        model.addAttribute("q", q);
        model.addAttribute("products", productsMatching(q));
        if (q != null && Htmx.wantsFragment(request)) {
            model.addAttribute("quote", quote);
            return "quotes/quote :: hits";
        }
        model.addAttribute("quote", quote);
        model.addAttribute("customer", customers.customer(quote.customerId()));
        model.addAttribute("today", quotes.today());
        model.addAttribute("money", new QuotePdf.Money(quote.currency()));
        return "quotes/quote";
    }

    private List<ModuleRegistry.Found> productsMatching(String q) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        var me = TravelerAuthentication.current().orElseThrow();
        return modules.search(me, q.strip(), PRODUCT_HITS).stream()
                .filter(found -> found.kind().equals("products"))
                .toList();
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('quotes:write')")
    String changeTerms(
            @PathVariable UUID id,
            @RequestParam(required = false) Long version,
            @RequestParam(name = "valid_until", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate validUntil,
            @RequestParam(required = false) BigDecimal discount,
            @RequestParam(name = "tax_rate", required = false) BigDecimal taxRate,
            @RequestParam(name = "tax_amount", required = false) BigDecimal taxAmount,
            @RequestParam(required = false) String notes,
            RedirectAttributes flash) {
        // the form shows every term, so an empty one means none
        Set<String> cleared = new java.util.HashSet<>(Set.of("notes"));
        if (taxRate == null) {
            cleared.add("tax_rate");
        }
        if (taxAmount == null) {
            cleared.add("tax_amount");
        }
        var data = new QuoteData(
                null,
                validUntil,
                discount == null ? BigDecimal.ZERO : discount,
                taxRate,
                taxAmount,
                notes,
                null,
                cleared);
        return Forms.act(
                flash,
                "/app/quotes/" + id,
                "Terms saved.",
                () -> quotes.change(id, ExpectedVersion.ofNullable(version), data));
    }

    @PostMapping("/{id}/lines")
    @PreAuthorize("hasAuthority('quotes:write')")
    String addLine(
            @PathVariable UUID id,
            @RequestParam(required = false) Long version,
            @RequestParam(name = "product_id", required = false) UUID productId,
            @RequestParam(defaultValue = "1") BigDecimal quantity,
            @RequestParam(name = "unit_price", required = false) BigDecimal unitPrice,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/quotes/" + id,
                "Line added.",
                () -> quotes.addLine(
                        id, ExpectedVersion.ofNullable(version), new LineData(productId, null, quantity, unitPrice)));
    }

    @PostMapping("/{id}/lines/{lineId}")
    @PreAuthorize("hasAuthority('quotes:write')")
    String changeLine(
            @PathVariable UUID id,
            @PathVariable UUID lineId,
            @RequestParam(required = false) Long version,
            @RequestParam(required = false) BigDecimal quantity,
            @RequestParam(name = "unit_price", required = false) BigDecimal unitPrice,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/quotes/" + id,
                "Line saved.",
                () -> quotes.changeLine(
                        id, lineId, ExpectedVersion.ofNullable(version), quantity, unitPrice, unitPrice == null));
    }

    @PostMapping("/{id}/lines/{lineId}/delete")
    @PreAuthorize("hasAuthority('quotes:write')")
    String removeLine(
            @PathVariable UUID id,
            @PathVariable UUID lineId,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/quotes/" + id,
                "Line removed.",
                () -> quotes.removeLine(id, lineId, ExpectedVersion.ofNullable(version)));
    }

    @PostMapping("/{id}/send")
    @PreAuthorize("hasAuthority('quotes:write')")
    String send(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash, "/app/quotes/" + id, "Quote sent.", () -> quotes.send(id, ExpectedVersion.ofNullable(version)));
    }

    @PostMapping("/{id}/reject")
    @PreAuthorize("hasAuthority('quotes:write')")
    String reject(
            @PathVariable UUID id,
            @RequestParam(required = false) Long version,
            @RequestParam(required = false) String reason,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/quotes/" + id,
                "Quote rejected.",
                () -> quotes.reject(id, ExpectedVersion.ofNullable(version), reason));
    }

    @GetMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('quotes:write')")
    String confirmDelete(@PathVariable UUID id, Model model) {
        Quote quote = quotes.quote(id);
        return Forms.confirm(
                model,
                "Delete quote " + quote.code() + "?",
                "The draft and its lines are deleted. This cannot be undone.",
                "/app/quotes/" + id + "/delete",
                quote.version(),
                "/app/quotes/" + id);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('quotes:write')")
    String delete(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash, "/app/quotes", "Quote deleted.", () -> quotes.delete(id, ExpectedVersion.ofNullable(version)));
    }

    /**
     * The builder frames this one response of its own origin: it says so itself (the security headers written at
     * commit keep a header a response already has), every other page still refuses framing.
     */
    @GetMapping("/{id}/pdf")
    @PreAuthorize("hasAuthority('quotes:read')")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id) {
        ResponseEntity<byte[]> document = pdfResponse(quotes.quote(id).code(), pdf.render(id));
        return ResponseEntity.ok()
                .headers(document.getHeaders())
                .header("X-Frame-Options", "SAMEORIGIN")
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'")
                .body(document.getBody());
    }

    /** Shown in the browser (the builder's preview frame), saved under the quote's code. */
    static ResponseEntity<byte[]> pdfResponse(String code, byte[] document) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(code + ".pdf")
                                .build()
                                .toString())
                .body(document);
    }

    /** What the customer page lists of a customer's quotes. */
    static List<Quote> recentOf(QuoteService quotes, Customer customer) {
        return quotes.list(
                        PageRequest.of(20, null, null, QuoteService.SORTS.keySet(), "-created_at"),
                        new QuoteService.QuoteFilter(null, customer.id()))
                .items();
    }
}
