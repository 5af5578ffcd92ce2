package io.traveler.production;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.production.internal.Label;
import io.traveler.production.internal.LabelCodes;
import io.traveler.production.internal.LabelImages;
import io.traveler.production.internal.LabelZpl;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** What a serial or a project's name may hold never breaks a label: not its URL, its SVG, nor its ZPL. */
class LabelTextTests {
    private final LabelCodes codes = new LabelCodes("https://traveler.example.com/");

    @Test
    void theSerialIsOnePercentEncodedPathSegmentOfTheUrl() throws Exception {
        String url = codes.urlOf("A%B~Ü^1");
        assertThat(url).isEqualTo("https://traveler.example.com/s/A%25B~%C3%9C%5E1");
        Path png = Files.createTempFile("label-", ".png");
        Files.write(png, LabelImages.png(new Label(UUID.randomUUID(), "A%B~Ü^1", url, "PRJ-1")));
        assertThat(Decoders.qrCodes(png)).containsExactly(url);
    }

    @Test
    void textThatLooksLikeMarkupOrCommandsIsPrintedAsText() throws Exception {
        String name = "PRJ-1 · <svg onload=x> & \"q\" ^XZ~JA\\ 😀" + "\u0001";
        var label = new Label(UUID.randomUUID(), "U-^FS~1", codes.urlOf("U-^FS~1"), name);

        byte[] svg = LabelImages.svg(label).getBytes(StandardCharsets.UTF_8);
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        assertThat(document.getElementsByTagName("text").item(1).getTextContent())
                .startsWith("PRJ-1 · <svg onload=x>");
        assertThat(document.getElementsByTagName("script").getLength()).isZero();

        String zpl = LabelZpl.zpl(label);
        assertThat(zpl.lines().filter(line -> line.contains("^XZ")).toList())
                .as("one end of label only")
                .containsExactly("^XZ");
        assertThat(zpl).contains("^FDU-\\5EFS\\7E1^FS", "\\5EXZ\\7EJA\\5C").doesNotContain("\u0001");
    }

    @Test
    void aLongCaptionIsCutWithoutSplittingACharacter() {
        String caption = "PRJ-1 · " + "😀".repeat(60);
        String zpl = LabelZpl.zpl(new Label(UUID.randomUUID(), "U-1", codes.urlOf("U-1"), caption));
        String printed =
                zpl.lines().filter(l -> l.startsWith("^FO40,470")).findFirst().orElseThrow();
        assertThat(printed).endsWith("…^FS");
        assertThat(printed.chars()
                        .filter(c -> Character.isHighSurrogate((char) c))
                        .count())
                .isEqualTo(printed.chars()
                        .filter(c -> Character.isLowSurrogate((char) c))
                        .count());
    }
}
