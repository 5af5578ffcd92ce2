package io.traveler.production.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.shared.errors.ValidationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriUtils;

/** What serial a scanned code names: the bare serial, or the serial of the label's URL as the label encodes it. */
class ScanCodeTests {
    @Test
    void aLabelsUrlNamesTheSerialItsPathSegmentEncodes() {
        for (String serial : new String[] {"U-000042", "A+B-7", "Lot 7/Ä"}) {
            String url = "https://floor.example/s/" + UriUtils.encodePathSegment(serial, StandardCharsets.UTF_8);
            assertThat(ScanService.serialOf(url)).isEqualTo(serial);
            assertThat(ScanService.serialOf(url + "?utm=x#top")).isEqualTo(serial);
        }
        assertThat(ScanService.serialOf("  U-000042 ")).isEqualTo("U-000042");
    }

    @Test
    void aCodeThatNamesNoSerialIsRefusedNamingTheField() {
        for (String code :
                new String[] {"", "https://floor.example/s/", "https://floor.example/s/%zz", "x".repeat(501)}) {
            assertThatThrownBy(() -> ScanService.serialOf(code))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("code");
        }
    }
}
