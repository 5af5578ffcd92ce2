package io.traveler.production.web;

import io.traveler.production.internal.Label;
import io.traveler.production.internal.LabelImages;
import io.traveler.production.internal.LabelSheets;
import io.traveler.production.internal.LabelSheets.Layout;
import io.traveler.production.internal.LabelZpl;
import io.traveler.production.internal.Labels.Selection;
import io.traveler.shared.errors.ValidationException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * How labels are answered, by the API and by the pages alike: the media type, a file name from the serial or the
 * project's code, and caching. One unit's label may be kept privately for five minutes (its code depends only on
 * the serial; its caption on the project's name); a sheet is made afresh each time (units are added and split).
 */
final class LabelResponses {
    static final String PNG = "image/png";
    static final String SVG = "image/svg+xml";
    /** ZPL has no registered media type: it is printer-language text, sent to the printer as it is. */
    static final String ZPL = "text/plain;charset=UTF-8";

    static final String PDF = "application/pdf";

    private static final CacheControl ONE_LABEL =
            CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePrivate();

    private LabelResponses() {}

    static ResponseEntity<byte[]> png(Label label) {
        return one(label, PNG, "png").body(LabelImages.png(label));
    }

    static ResponseEntity<byte[]> svg(Label label) {
        return one(label, SVG, "svg").body(LabelImages.svg(label).getBytes(StandardCharsets.UTF_8));
    }

    static ResponseEntity<byte[]> zpl(Label label) {
        return one(label, ZPL, "zpl").body(LabelZpl.zpl(label).getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity.BodyBuilder one(Label label, String type, String extension) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type))
                .cacheControl(ONE_LABEL)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(fileName(label.serial()) + "." + extension)
                                .build()
                                .toString());
    }

    /** Writes the sheet to the response as it is made; everything that can be refused was refused before. */
    static void pdf(List<Label> labels, Layout layout, String code, HttpServletResponse response) throws IOException {
        response.setContentType(PDF);
        response.setHeader(
                HttpHeaders.CACHE_CONTROL, CacheControl.noStore().cachePrivate().getHeaderValue());
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.inline()
                        .filename(fileName(code) + "-labels-" + layout.code() + ".pdf")
                        .build()
                        .toString());
        try (OutputStream out = new BufferedOutputStream(response.getOutputStream(), 64 * 1024)) {
            LabelSheets.write(labels, layout, "Labels " + code, out);
        }
    }

    static Layout layout(String name) {
        if (name == null || name.isBlank()) {
            return Layout.A4;
        }
        Layout layout = Layout.named(name);
        if (layout == null) {
            throw new ValidationException("layout", "must be a4 or 4x6");
        }
        return layout;
    }

    static Selection selection(List<UUID> units, Integer from, Integer to) {
        return new Selection(units, from, to);
    }

    /** A file name any system takes: letters, digits, dot, dash and underscore. */
    static String fileName(String text) {
        String safe = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "label" : safe;
    }
}
