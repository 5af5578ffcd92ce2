package io.traveler.inventory.internal;

import io.traveler.catalog.Catalog;
import java.awt.Color;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * A purchase order as the A4 PDF sent to the supplier: who orders from whom, the order's code and dates, its lines
 * (our part number and the supplier's, what it is, quantity, unit price, line total), the total in the order's
 * currency, and the notes. Text is Helvetica, which every PDF reader has; what Helvetica cannot show prints as ?.
 */
public final class PurchaseOrderSheets {
    private static final Font TITLE = new Font(Font.HELVETICA, 18, Font.BOLD);
    private static final Font BOLD = new Font(Font.HELVETICA, 9, Font.BOLD);
    private static final Font PLAIN = new Font(Font.HELVETICA, 9, Font.NORMAL);
    private static final Color RULE = new Color(0xBB, 0xBB, 0xBB);

    private PurchaseOrderSheets() {}

    /** Everything the sheet shows, read before the first byte is written. */
    public record Sheet(
            String buyer,
            Supplier supplier,
            Purchasing.OrderWithLines order,
            Map<java.util.UUID, Catalog.PartRef> parts) {}

    /** Writes the sheet's PDF to {@code out} (not closed). */
    public static void write(Sheet sheet, OutputStream out) {
        PurchaseOrder order = sheet.order().order();
        var document = new Document(PageSize.A4, 42, 42, 42, 42);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        writer.setCloseStream(false);
        document.addTitle("Purchase order " + printable(order.code()));
        document.addCreator("Traveler");
        document.open();
        document.add(new Paragraph(printable("Purchase order " + order.code()), TITLE));
        document.add(new Paragraph(" ", PLAIN));

        PdfPTable head = new PdfPTable(new float[] {1, 1});
        head.setWidthPercentage(100);
        head.addCell(block("From", sheet.buyer(), null));
        Supplier s = sheet.supplier();
        head.addCell(block("To", s.name() + " (" + s.code() + ")", join(s.address(), s.email(), s.phone())));
        document.add(head);
        document.add(new Paragraph(" ", PLAIN));

        PdfPTable dates = new PdfPTable(new float[] {1, 1, 1, 1});
        dates.setWidthPercentage(100);
        dates.addCell(block("Order date", String.valueOf(order.orderedOn()), null));
        dates.addCell(block(
                "Expected",
                order.expectedOn() == null ? "-" : order.expectedOn().toString(),
                null));
        dates.addCell(block("Currency", order.currency(), null));
        dates.addCell(block("Status", order.status().name(), null));
        document.add(dates);
        document.add(new Paragraph(" ", PLAIN));

        PdfPTable lines = new PdfPTable(new float[] {0.5f, 1.6f, 1.4f, 3.2f, 1.2f, 1.3f, 1.4f});
        lines.setWidthPercentage(100);
        lines.setHeaderRows(1);
        for (String title : new String[] {"#", "Part", "Your ref.", "Description", "Quantity", "Unit price", "Total"}) {
            lines.addCell(
                    cell(title, BOLD, title.equals("Quantity") || title.contains("rice") || title.equals("Total")));
        }
        for (PurchaseOrderLine line : sheet.order().lines()) {
            Catalog.PartRef part = sheet.parts().get(line.partId());
            lines.addCell(cell(String.valueOf(line.lineNo()), PLAIN, true));
            lines.addCell(cell(part == null ? "" : part.partNumber(), PLAIN, false));
            lines.addCell(cell(line.supplierSku() == null ? "" : line.supplierSku(), PLAIN, false));
            String description = part == null ? "" : part.name();
            if (line.expectedOn() != null) {
                description += " (by " + line.expectedOn() + ")";
            }
            lines.addCell(cell(description, PLAIN, false));
            String unit = part == null || part.unitOfMeasure() == null ? "" : " " + part.unitOfMeasure();
            lines.addCell(cell(number(line.quantity(), 0) + unit, PLAIN, true));
            lines.addCell(cell(number(line.unitPrice(), 2), PLAIN, true));
            lines.addCell(cell(number(line.total(), 2), PLAIN, true));
        }
        PdfPCell totalLabel = cell("Total " + order.currency(), BOLD, true);
        totalLabel.setColspan(6);
        lines.addCell(totalLabel);
        lines.addCell(cell(number(sheet.order().total(), 2), BOLD, true));
        document.add(lines);

        if (order.notes() != null) {
            document.add(new Paragraph(" ", PLAIN));
            document.add(new Paragraph("Notes", BOLD));
            document.add(new Paragraph(printable(order.notes()), PLAIN));
        }
        document.add(new Paragraph(" ", PLAIN));
        document.add(new Paragraph(
                printable("Please quote " + order.code() + " on the delivery note and the invoice."), PLAIN));
        document.close();
    }

    private static PdfPCell block(String title, String first, String rest) {
        var phrase = new Phrase();
        phrase.add(new Phrase(title + "\n", BOLD));
        phrase.add(new Phrase(printable(first) + (rest == null ? "" : "\n" + printable(rest)), PLAIN));
        PdfPCell cell = new PdfPCell(phrase);
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setPaddingBottom(4);
        return cell;
    }

    private static PdfPCell cell(String text, Font font, boolean right) {
        PdfPCell cell = new PdfPCell(new Phrase(printable(text), font));
        cell.setBorder(Rectangle.BOTTOM);
        cell.setBorderColor(RULE);
        cell.setPadding(3);
        cell.setHorizontalAlignment(right ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
        return cell;
    }

    private static String join(String... parts) {
        var out = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                out.append(out.isEmpty() ? "" : "\n").append(part.strip());
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    /** At least {@code decimals} decimals, more when the number has them (0.002 m of thread stays 0.002). */
    static String number(BigDecimal value, int decimals) {
        BigDecimal shown = value.stripTrailingZeros();
        if (shown.scale() < decimals) {
            shown = shown.setScale(decimals, RoundingMode.UNNECESSARY);
        }
        return shown.toPlainString();
    }

    /** Helvetica's WinAnsi covers Latin-1 and a few more; anything else would print as nothing, so it shows as ?. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length());
        text.codePoints()
                .forEach(c -> out.append(
                        c == '\n' || (c >= 0x20 && (c < 0x7F || (c >= 0xA0 && c <= 0xFF))) ? (char) c : '?'));
        return out.toString();
    }
}
