package io.traveler.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.documents.internal.ContentTypes;
import io.traveler.shared.errors.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Tika (tika-core alone) makes of the files a factory uploads, and what the allow-list lets through. */
class ContentTypesTests {
    private final ContentTypes types = new ContentTypes();

    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private String detect(String name, byte[] content) throws IOException {
        return types.detectAllowed(file("f-" + System.nanoTime(), content), name);
    }

    @Test
    void imagesPdfTextAndCsvAreDetectedFromTheirBytes() throws IOException {
        assertThat(detect("x.bin", Uploads.png(7))).isEqualTo("image/png");
        assertThat(detect("x.bin", Uploads.pdf("a"))).isEqualTo("application/pdf");
        assertThat(detect("readme", "plain words\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("text/plain");
        assertThat(detect("parts.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("text/csv");
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0};
        assertThat(detect("x.bin", jpeg)).isEqualTo("image/jpeg");
    }

    @Test
    void drawingsAndCadExchangeFilesAreAllowed() throws IOException {
        byte[] dxf = "  0\r\nSECTION\r\n  2\r\nHEADER\r\n  0\r\nENDSEC\r\n  0\r\nEOF\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(detect("part.dxf", dxf)).isEqualTo("image/vnd.dxf");
        byte[] step = "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('bracket'),'2;1');\nENDSEC;\nEND-ISO-10303-21;\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(detect("bracket.bin", step)).isEqualTo("model/step");
    }

    @Test
    void officeDocumentsAreTheirZipNarrowedByTheName() throws IOException {
        var zip = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("[Content_Types].xml"));
            out.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThat(detect("plan.docx", zip.toByteArray()))
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThatThrownBy(() -> detect("bundle.zip", zip.toByteArray()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("application/zip");
    }

    @Test
    void executablesMarkupAndScriptsAreRefusedWhateverTheyAreCalled() {
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] shell = "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.US_ASCII);
        byte[] html = "<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8);
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>".getBytes(StandardCharsets.UTF_8);
        byte[] textWithScript = "see <SCRIPT src=x></script>".getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : new byte[][] {elf, shell, html, svg, textWithScript}) {
            assertThatThrownBy(() -> detect("innocent.txt", bad))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                            .singleElement()
                            .satisfies(f -> assertThat(f.field()).isEqualTo("file")));
        }
    }

    @Test
    void onlyImagesAndPdfAreShownInline() {
        assertThat(ContentTypes.inline("image/png")).isTrue();
        assertThat(ContentTypes.inline("application/pdf")).isTrue();
        assertThat(ContentTypes.inline("text/plain")).isFalse();
        assertThat(ContentTypes.inline("image/vnd.dxf")).isFalse();
    }
}
