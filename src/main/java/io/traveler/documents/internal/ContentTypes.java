package io.traveler.documents.internal;

import io.traveler.shared.errors.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;

/**
 * What a file is, from its bytes (Apache Tika's magic numbers; the name only narrows a generic answer, as a ZIP named
 * {@code .docx} or text named {@code .csv}), and whether documents may be of that type. The sender's
 * {@code Content-Type} is never asked. Allowed: images (PNG, JPEG, WebP, GIF), PDF, plain text and CSV, drawings
 * and CAD exchange files (DXF, DWG, STEP, IGES, STL), and office documents (OOXML, legacy Office, OpenDocument).
 * Everything else is refused, executables, HTML, SVG and archives included; text that carries markup a browser
 * would run ({@code <script}, {@code <html}, {@code <svg}) is refused whatever it was detected as.
 */
public final class ContentTypes {
    static final Set<String> ALLOWED = Set.of(
            "image/png",
            "image/jpeg",
            "image/webp",
            "image/gif",
            "application/pdf",
            "text/plain",
            "text/csv",
            "image/vnd.dxf",
            "image/vnd.dwg",
            "model/step",
            "model/iges",
            "model/x.stl-ascii",
            "model/x.stl-binary",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/msword",
            "application/vnd.ms-excel",
            "application/vnd.ms-powerpoint",
            "application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.spreadsheet");

    /** Shown inline by a browser: images and PDF. Everything else downloads as an attachment. */
    private static final Set<String> INLINE =
            Set.of("image/png", "image/jpeg", "image/webp", "image/gif", "application/pdf");

    private static final Pattern MARKUP = Pattern.compile("<\\s*(script|html|svg|iframe|object|embed)\\b|javascript:");
    private static final int SNIFFED_BYTES = 64 * 1024;
    private static final byte[] STEP_MAGIC = "ISO-10303-21;".getBytes(StandardCharsets.US_ASCII);

    /**
     * Tika's detector, built on first use: reading its type table and service providers takes about a second, which
     * the application's start should not pay (the first upload does).
     */
    private static final class Tika {
        static final Detector DETECTOR = TikaConfig.getDefaultConfig().getDetector();
    }

    /**
     * The allowed MIME type of the finished upload {@code file} (detected from its content, {@code name} as a hint);
     * a type outside the allow-list is 422 on {@code file}.
     */
    public String detectAllowed(Path file, String name) {
        String type = detect(file, name);
        if (!ALLOWED.contains(type)) {
            throw new ValidationException(
                    "file",
                    "is " + type + ", which documents may not be; allowed: images (PNG,"
                            + " JPEG, WebP, GIF), PDF, text, CSV, DXF, DWG, STEP, IGES, STL and office documents");
        }
        if (type.startsWith("text/") || type.startsWith("model/") || type.equals("image/vnd.dxf")) {
            refuseMarkup(file);
        }
        return type;
    }

    /**
     * The base type Tika detects (parameters such as DXF's {@code format=ascii} dropped). Tika's table has no STEP
     * (ISO 10303-21) type: text that begins with the standard's name is {@code model/step}.
     */
    String detect(Path file, String name) {
        Metadata metadata = new Metadata();
        if (name != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        }
        try (InputStream in = TikaInputStream.get(file)) {
            String type =
                    Tika.DETECTOR.detect(in, metadata).getBaseType().toString().toLowerCase(Locale.ROOT);
            return type.equals("text/plain") && startsWith(file, STEP_MAGIC) ? "model/step" : type;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean startsWith(Path file, byte[] magic) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(magic.length), magic);
        }
    }

    private static void refuseMarkup(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFFED_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (MARKUP.matcher(text).find()) {
            throw new ValidationException(
                    "file", "contains markup a browser would run (HTML or script), which" + " documents may not");
        }
    }

    public static boolean inline(String mimeType) {
        return INLINE.contains(mimeType);
    }
}
