package io.traveler.production.internal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The QR code of a label: the unit's URL under the configured public address ({@code traveler.public-url}), with the
 * serial as one percent-encoded path segment, so a phone's camera opens the unit's page and the scan API can take
 * the URL as well as the bare serial.
 */
@Component
public class LabelCodes {
    /** The modules of white every side of the code that readers need to find it (ISO/IEC 18004). */
    public static final int QUIET_ZONE = 4;

    private static final Map<EncodeHintType, Object> HINTS =
            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0);

    private final String publicUrl;

    public LabelCodes(@Value("${traveler.public-url:http://localhost:8080}") String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String urlOf(String serial) {
        return publicUrl + "/s/" + UriUtils.encodePathSegment(serial, StandardCharsets.UTF_8);
    }

    /** The code's modules, without the quiet zone (each drawing adds its own). */
    public static BitMatrix matrixOf(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, HINTS);
        } catch (WriterException tooLong) {
            throw new IllegalArgumentException("No QR code holds " + text.length() + " characters", tooLong);
        }
    }

    /** A horizontal run of dark modules: {@code length} of them from ({@code x}, {@code y}). */
    public interface Runs {
        void run(int x, int y, int length);
    }

    /** Each horizontal run of dark modules, row by row: one rectangle per run draws the code. */
    public static void forEachRun(BitMatrix matrix, Runs runs) {
        for (int y = 0; y < matrix.getHeight(); y++) {
            int x = 0;
            while (x < matrix.getWidth()) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < matrix.getWidth() && matrix.get(x, y)) {
                    x++;
                }
                runs.run(start, y, x - start);
            }
        }
    }
}
