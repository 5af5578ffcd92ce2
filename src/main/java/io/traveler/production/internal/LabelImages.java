package io.traveler.production.internal;

import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A unit's label as a picture: the QR code on white with its quiet zone, the serial in bold under it and the
 * project's caption in small type. The PNG is drawn with Java2D; the SVG is written as text, one {@code <rect>} per
 * run of dark modules, so it stays sharp at any print size.
 */
public final class LabelImages {
    /** Pixels per module of the PNG (and SVG user units): a 29-module code is 296 px wide with its quiet zone. */
    static final int MODULE = 8;

    static final int SERIAL_SIZE = 28;
    static final int CAPTION_SIZE = 13;
    private static final int TEXT_HEIGHT = 72;
    private static final String FONTS = "DejaVu Sans, Helvetica, Arial, sans-serif";

    private LabelImages() {}

    public static byte[] png(Label label) {
        BitMatrix matrix = LabelCodes.matrixOf(label.url());
        int side = (matrix.getWidth() + 2 * LabelCodes.QUIET_ZONE) * MODULE;
        var image = new BufferedImage(side, side + TEXT_HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            int offset = LabelCodes.QUIET_ZONE * MODULE;
            LabelCodes.forEachRun(
                    matrix,
                    (x, y, length) -> g.fillRect(offset + x * MODULE, offset + y * MODULE, length * MODULE, MODULE));
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            centred(g, new Font(Font.SANS_SERIF, Font.BOLD, SERIAL_SIZE), label.serial(), side, side + 20);
            centred(g, new Font(Font.SANS_SERIF, Font.PLAIN, CAPTION_SIZE), label.caption(), side, side + 52);
        } finally {
            g.dispose();
        }
        var out = new ByteArrayOutputStream(8192);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void centred(Graphics2D g, Font font, String text, int width, int baseline) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        String shown = fitted(text, width - 2 * MODULE, metrics::stringWidth);
        g.drawString(shown, (width - metrics.stringWidth(shown)) / 2, baseline);
    }

    /** The text, cut with an ellipsis where it would be wider than {@code width}. */
    static String fitted(String text, double width, java.util.function.ToDoubleFunction<String> measure) {
        if (measure.applyAsDouble(text) <= width) {
            return text;
        }
        int end = text.length();
        while (end > 0 && measure.applyAsDouble(text.substring(0, end) + "…") > width) {
            end--;
            if (end > 0 && Character.isLowSurrogate(text.charAt(end))) {
                end--; // never half of a character
            }
        }
        return text.substring(0, end) + "…";
    }

    public static String svg(Label label) {
        BitMatrix matrix = LabelCodes.matrixOf(label.url());
        int side = (matrix.getWidth() + 2 * LabelCodes.QUIET_ZONE) * MODULE;
        int height = side + TEXT_HEIGHT;
        int offset = LabelCodes.QUIET_ZONE * MODULE;
        var svg = new StringBuilder(16_384);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
                        side,
                        height,
                        side,
                        height))
                .append("<title>")
                .append(escaped(label.serial()))
                .append("</title>\n")
                .append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", side, height))
                .append("<g fill=\"#000\" shape-rendering=\"crispEdges\">\n");
        LabelCodes.forEachRun(
                matrix,
                (x, y, length) -> svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>\n",
                        offset + x * MODULE,
                        offset + y * MODULE,
                        length * MODULE,
                        MODULE)));
        svg.append("</g>\n");
        text(svg, label.serial(), side / 2, side + 20, SERIAL_SIZE, "bold", side);
        text(svg, label.caption(), side / 2, side + 52, CAPTION_SIZE, "normal", side);
        return svg.append("</svg>\n").toString();
    }

    private static void text(StringBuilder svg, String text, int x, int baseline, int size, String weight, int width) {
        // About 0.55 em per character in a sans-serif face: the SVG has no font metrics, so long captions are cut
        String shown = fitted(text, width - 2 * MODULE, s -> s.length() * size * 0.55);
        svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-family=\"%s\" font-size=\"%d\""
                                + " font-weight=\"%s\" fill=\"#000\">",
                        x,
                        baseline,
                        FONTS,
                        size,
                        weight))
                .append(escaped(shown))
                .append("</text>\n");
    }

    /** Text as XML character data: markup characters escaped, characters XML 1.0 cannot hold dropped. */
    static String escaped(String text) {
        var out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    boolean allowed = c == 0x9
                            || c == 0xA
                            || c == 0xD
                            || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000;
                    if (allowed) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
