package io.traveler.production;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Decoders that share no code with the labels: Debian's {@code zbarimg} reads the QR codes, poppler's
 * {@code pdftoppm} rasterises PDF pages, and chromium renders SVG. A test needing a missing tool is skipped with what
 * to install ({@code .ci/run} installs them all).
 */
final class Decoders {
    private Decoders() {}

    /** Every QR code zbarimg finds in the picture, one payload per code, in the order it reports them. */
    static List<String> qrCodes(Path picture) {
        require("/usr/bin/zbarimg", "zbar-tools");
        // --raw prints payloads only; zbarimg ends each with a newline (payloads here hold none)
        String out = run(List.of("zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", picture.toString()));
        return out.lines().filter(line -> !line.isBlank()).toList();
    }

    /** The PDF's pages as PNG files at {@code dpi}, in page order. */
    static List<Path> pages(Path pdf, int dpi) throws IOException {
        require("/usr/bin/pdftoppm", "poppler-utils");
        Path dir = Files.createTempDirectory("labels-pages-");
        run(List.of(
                "pdftoppm",
                "-r",
                String.valueOf(dpi),
                "-gray",
                "-png",
                pdf.toString(),
                dir.resolve("page").toString()));
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Page {@code number} (from 1) of the PDF as a PNG file at {@code dpi}. */
    static Path page(Path pdf, int dpi, int number) throws IOException {
        require("/usr/bin/pdftoppm", "poppler-utils");
        Path dir = Files.createTempDirectory("labels-page-");
        String n = String.valueOf(number);
        run(List.of(
                "pdftoppm",
                "-r",
                String.valueOf(dpi),
                "-gray",
                "-png",
                "-f",
                n,
                "-l",
                n,
                pdf.toString(),
                dir.resolve("page").toString()));
        try (Stream<Path> files = Files.list(dir)) {
            return files.findFirst().orElseThrow();
        }
    }

    /** How many pages the PDF has, as poppler's pdfinfo reads it. */
    static int pageCount(Path pdf) {
        require("/usr/bin/pdfinfo", "poppler-utils");
        return run(List.of("pdfinfo", pdf.toString()))
                .lines()
                .filter(line -> line.startsWith("Pages:"))
                .map(line -> Integer.parseInt(line.substring(6).strip()))
                .findFirst()
                .orElseThrow();
    }

    /** The SVG drawn by chromium (headless) into a PNG of the given size. */
    static Path rendered(Path svg, int width, int height) throws IOException {
        require("/usr/bin/chromium", "chromium");
        Path png = svg.resolveSibling(svg.getFileName() + ".png");
        Path profile = Files.createTempDirectory("labels-chromium-");
        run(List.of(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "--screenshot=" + png,
                svg.toUri().toString()));
        return png;
    }

    private static void require(String tool, String debianPackage) {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of(tool)),
                tool + " is missing (Debian: apt-get install -y " + debianPackage + "); .ci/run installs it");
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command.getFirst() + " did not finish in 120 s");
            }
            // zbarimg answers 4 when it found no code: the caller's assertion says what was expected
            if (process.exitValue() != 0 && process.exitValue() != 4) {
                throw new AssertionError(command.getFirst() + " failed (" + process.exitValue() + "): "
                        + Arrays.toString(command.toArray()));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The codes of an A4 sheet's pages read cell by cell (3 × 8): zbarimg finds every code of a label on its own, but
     * on a whole page of 24 it now and then misses one, which says nothing about the labels. The crops are plain
     * pixel copies of pdftoppm's pages; each cell holds one code or none.
     */
    static List<String> a4Cells(List<Path> pages) throws IOException {
        List<String> codes = new ArrayList<>();
        for (Path page : pages) {
            var image = javax.imageio.ImageIO.read(page.toFile());
            int width = image.getWidth() / 3;
            int height = image.getHeight() / 8;
            for (int cell = 0; cell < 24; cell++) {
                Path crop = Files.createTempFile("labels-cell-", ".png");
                javax.imageio.ImageIO.write(
                        image.getSubimage((cell % 3) * width, (cell / 3) * height, width, height),
                        "png",
                        crop.toFile());
                List<String> found = qrCodes(crop);
                if (found.size() > 1) {
                    throw new AssertionError("cell " + cell + " of " + page + " holds " + found);
                }
                codes.addAll(found);
                Files.delete(crop);
            }
        }
        return codes;
    }
}
