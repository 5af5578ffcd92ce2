package io.traveler.production.internal;

import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.openpdf.text.Document;
import org.openpdf.text.PageSize;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfWriter;

/**
 * Labels as a PDF to print: an A4 sheet of 3 × 8 labels of 70 × 37 mm (the common self-adhesive sheet), or one
 * label per 4 × 6 in page for a label printer. Codes are drawn as vector rectangles (one per run of dark modules),
 * so they print sharp at any resolution; text is Helvetica, which every PDF reader has. Each page is written to the
 * stream as it is finished, so a sheet of thousands of labels is never held whole in memory.
 */
public final class LabelSheets {
    /** How the labels are laid out, as {@code ?layout=} names it. */
    public enum Layout {
        A4("a4"),
        FOUR_BY_SIX("4x6");

        private final String code;

        Layout(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** The layout named (any case); null for a name that is none. */
        public static Layout named(String name) {
            for (Layout layout : values()) {
                if (layout.code.equals(name.strip().toLowerCase(Locale.ROOT))) {
                    return layout;
                }
            }
            return null;
        }
    }

    private static final float MM = 72f / 25.4f;
    private static final int COLUMNS = 3;
    private static final int ROWS = 8;
    private static final float PADDING = 3 * MM;

    private static final BaseFont BOLD = font(BaseFont.HELVETICA_BOLD);
    private static final BaseFont PLAIN = font(BaseFont.HELVETICA);

    private LabelSheets() {}

    private static BaseFont font(String name) {
        try {
            return BaseFont.createFont(name, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes the labels' PDF to {@code out} (not closed); {@code labels} is not empty. */
    public static void write(List<Label> labels, Layout layout, String title, OutputStream out) {
        Rectangle page = layout == Layout.A4 ? PageSize.A4 : new Rectangle(4 * 72, 6 * 72);
        var document = new Document(page, 0, 0, 0, 0);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        writer.setCloseStream(false);
        document.addTitle(title);
        document.addCreator("Traveler");
        document.open();
        PdfContentByte canvas = writer.getDirectContent();
        int perPage = layout == Layout.A4 ? COLUMNS * ROWS : 1;
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0 && i % perPage == 0) {
                document.newPage();
            }
            if (layout == Layout.A4) {
                sheetCell(canvas, page, i % perPage, labels.get(i));
            } else {
                fullPage(canvas, page, labels.get(i));
            }
        }
        document.close();
    }

    /** One 70 × 37 mm cell: the code on the left, the serial and caption on the right. */
    private static void sheetCell(PdfContentByte canvas, Rectangle page, int cell, Label label) {
        float width = page.getWidth() / COLUMNS;
        float height = page.getHeight() / ROWS;
        float left = (cell % COLUMNS) * width;
        float top = page.getHeight() - (cell / COLUMNS) * height;
        float side = height - 2 * PADDING;
        code(canvas, label.url(), left + PADDING, top - PADDING, side);
        float textLeft = left + PADDING + side + 1 * MM;
        float textWidth = width - (textLeft - left) - PADDING;
        float middle = top - height / 2;
        text(canvas, BOLD, 11, label.serial(), textLeft, middle + 4, textWidth, PdfContentByte.ALIGN_LEFT);
        text(canvas, PLAIN, 6.5f, label.caption(), textLeft, middle - 8, textWidth, PdfContentByte.ALIGN_LEFT);
    }

    /** A 4 × 6 in page: a 3.5 in code, the serial large under it, the caption under that. */
    private static void fullPage(PdfContentByte canvas, Rectangle page, Label label) {
        float side = 3.5f * 72;
        float left = (page.getWidth() - side) / 2;
        float top = page.getHeight() - 0.35f * 72;
        code(canvas, label.url(), left, top, side);
        float centre = page.getWidth() / 2;
        float textWidth = page.getWidth() - 0.5f * 72;
        text(canvas, BOLD, 30, label.serial(), centre, top - side - 40, textWidth, PdfContentByte.ALIGN_CENTER);
        text(canvas, PLAIN, 12, label.caption(), centre, top - side - 64, textWidth, PdfContentByte.ALIGN_CENTER);
    }

    /** The code with its quiet zone in a square of {@code side} points whose top left corner is given. */
    private static void code(PdfContentByte canvas, String url, float left, float top, float side) {
        BitMatrix matrix = LabelCodes.matrixOf(url);
        float module = side / (matrix.getWidth() + 2 * LabelCodes.QUIET_ZONE);
        float x0 = left + LabelCodes.QUIET_ZONE * module;
        float y0 = top - LabelCodes.QUIET_ZONE * module;
        // in module units: each run is "x y length 1 re" in small integers (short to write and read)
        int rows = matrix.getHeight();
        canvas.saveState();
        canvas.concatCTM(module, 0, 0, module, x0, y0 - rows * module);
        canvas.setColorFill(Color.BLACK);
        LabelCodes.forEachRun(matrix, (x, y, length) -> canvas.rectangle(x, rows - 1 - y, length, 1));
        canvas.fill();
        canvas.restoreState();
    }

    private static void text(
            PdfContentByte canvas, BaseFont font, float size, String text, float x, float y, float width, int align) {
        String shown = LabelImages.fitted(printable(text), width, s -> font.getWidthPoint(s, size));
        canvas.beginText();
        canvas.setFontAndSize(font, size);
        canvas.showTextAligned(align, shown, x, y, 0);
        canvas.endText();
    }

    /** Helvetica's WinAnsi covers Latin-1 and a few more; anything else would print as nothing, so it shows as ?. */
    private static String printable(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints()
                .forEach(c -> out.append(c >= 0x20 && (c < 0x7F || (c >= 0xA0 && c <= 0xFF)) ? (char) c : '?'));
        return out.toString();
    }
}
