package io.traveler.production.internal;

/**
 * A unit's label in ZPL II for thermal label printers (203 dpi, a 4 in wide label): the QR code of the unit's URL
 * ({@code ^BQN}, model 2, error correction M), the serial in large type and the caption under it. Every field goes
 * through {@code ^FH} so that {@code ^}, {@code ~} and {@code \} in a serial or a project's name are printed, never
 * read as commands; {@code ^CI28} makes the text UTF-8.
 */
public final class LabelZpl {
    static final int MAGNIFICATION = 8;

    private LabelZpl() {}

    public static String zpl(Label label) {
        return "^XA\n"
                + "^CI28\n"
                + "^PW812\n"
                + "^FO40,30^BQN,2," + MAGNIFICATION + "^FH\\^FDMA," + escaped(label.url()) + "^FS\n"
                + "^FO40,400^A0N,56,56^FH\\^FD" + escaped(label.serial()) + "^FS\n"
                + "^FO40,470^A0N,28,28^FH\\^FD" + escaped(caption(label.caption())) + "^FS\n"
                + "^XZ\n";
    }

    /** The caption on one line of the 4 in label. */
    private static String caption(String caption) {
        if (caption.codePointCount(0, caption.length()) <= 48) {
            return caption;
        }
        return caption.substring(0, caption.offsetByCodePoints(0, 47)) + "…";
    }

    /** Field data as {@code ^FH\} reads it: the three characters ZPL would take for commands, as hex. */
    static String escaped(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\5C");
                case '^' -> out.append("\\5E");
                case '~' -> out.append("\\7E");
                default -> {
                    if (c >= 0x20) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
