package io.traveler.customers.internal;

import io.traveler.accounts.Accounts;
import io.traveler.shared.tenancy.TenantContext;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.UUID;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A quote as the customer reads it: the organization's name, the customer, the lines and the totals in the quote's
 * currency (shown with that currency's decimals, rounded half-to-even), dates in the organization's time zone.
 */
@Component
public class QuotePdf {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final QuoteService quotes;
    private final Customers customers;
    private final Accounts accounts;

    QuotePdf(QuoteService quotes, Customers customers, Accounts accounts) {
        this.quotes = quotes;
        this.customers = customers;
        this.accounts = accounts;
    }

    /** The quote's PDF; 404 for a quote the organization does not have. */
    @Transactional(readOnly = true)
    public byte[] render(UUID quoteId) {
        Quote quote = quotes.quote(quoteId);
        Customer customer = customers.findById(quote.customerId()).orElseThrow();
        ZoneId zone = quotes.zone();
        String organization =
                accounts.organizationName(TenantContext.requireOrgId()).orElse("");
        Money money = new Money(quote.currency());

        var out = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4, 48, 48, 56, 56);
        PdfWriter.getInstance(document, out);
        document.addTitle("Quote " + quote.code());
        document.addCreator("Traveler");
        document.open();
        Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 18);
        Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
        Font plain = FontFactory.getFont(FontFactory.HELVETICA, 10);
        Font small = FontFactory.getFont(FontFactory.HELVETICA, 8);

        document.add(new Paragraph(organization, title));
        document.add(new Paragraph("Quote " + quote.code(), FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14)));
        document.add(new Paragraph(" ", small));
        document.add(new Paragraph(
                "Issued: " + day(quote.sentAt() == null ? quote.createdAt() : quote.sentAt(), zone)
                        + "    Valid until: " + DATE.format(quote.validUntil()) + "    Status: " + quote.status(),
                plain));
        document.add(new Paragraph(" ", small));
        document.add(new Paragraph("For", bold));
        document.add(new Paragraph(customer.name() + " (" + customer.code() + ")", plain));
        if (customer.email() != null) {
            document.add(new Paragraph(customer.email(), plain));
        }
        document.add(new Paragraph(" ", small));

        var table = new PdfPTable(new float[] {3, 6, 2, 3, 3});
        table.setWidthPercentage(100);
        for (String head : new String[] {"SKU", "Item", "Quantity", "Unit price", "Line total"}) {
            table.addCell(cell(head, bold, Element.ALIGN_LEFT));
        }
        for (QuoteLine line : quote.lines()) {
            table.addCell(cell(line.sku(), plain, Element.ALIGN_LEFT));
            table.addCell(cell(line.name(), plain, Element.ALIGN_LEFT));
            table.addCell(cell(line.quantity().stripTrailingZeros().toPlainString(), plain, Element.ALIGN_RIGHT));
            table.addCell(cell(money.format(line.unitPrice()), plain, Element.ALIGN_RIGHT));
            table.addCell(cell(money.format(line.lineTotal()), plain, Element.ALIGN_RIGHT));
        }
        document.add(table);
        document.add(new Paragraph(" ", small));

        var totals = new PdfPTable(new float[] {11, 6});
        totals.setWidthPercentage(100);
        total(totals, "Subtotal", money.format(quote.subtotal()), plain);
        if (quote.discount().signum() != 0) {
            total(totals, "Discount", "-" + money.format(quote.discount()), plain);
        }
        String taxLabel = quote.taxRate() == null
                ? "Tax"
                : "Tax (" + quote.taxRate().stripTrailingZeros().toPlainString() + "%)";
        total(totals, customer.taxExempt() ? "Tax (exempt)" : taxLabel, money.format(quote.tax()), plain);
        total(totals, "Total", money.format(quote.total()), bold);
        document.add(totals);
        if (quote.notes() != null) {
            document.add(new Paragraph(" ", small));
            document.add(new Paragraph(quote.notes(), plain));
        }
        document.add(new Paragraph(" ", small));
        document.add(new Paragraph("Amounts in " + quote.currency() + ". Dates in " + zone.getId() + ".", small));
        document.close();
        return out.toByteArray();
    }

    private static PdfPCell cell(String text, Font font, int align) {
        var cell = new PdfPCell(new Phrase(text == null ? "" : text, font));
        cell.setHorizontalAlignment(align);
        cell.setPadding(4);
        return cell;
    }

    private static void total(PdfPTable table, String label, String amount, Font font) {
        PdfPCell name = cell(label, font, Element.ALIGN_RIGHT);
        name.setBorder(0);
        PdfPCell value = cell(amount, font, Element.ALIGN_RIGHT);
        value.setBorder(0);
        table.addCell(name);
        table.addCell(value);
    }

    private static String day(Instant at, ZoneId zone) {
        return DATE.format(at.atZone(zone).toLocalDate());
    }

    /** Amounts with the currency's own decimals (2 for EUR, 0 for JPY), grouped by thousands, and its code. */
    public record Money(String currency) {
        public String format(BigDecimal amount) {
            int digits = digits();
            var format = new DecimalFormat(
                    digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
                    DecimalFormatSymbols.getInstance(Locale.ENGLISH));
            format.setRoundingMode(QuoteTotals.ROUNDING);
            return format.format(amount) + " " + currency;
        }

        private int digits() {
            try {
                return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
            } catch (IllegalArgumentException e) {
                return 2;
            }
        }
    }
}
