package io.traveler.production;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.production.internal.Labels;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every label format decodes back to the unit's URL ({@code {public-url}/s/{serial}}) in decoders that share nothing
 * with the code that drew it: PNG through zbarimg, SVG rendered by chromium then zbarimg, PDF pages rasterised by
 * pdftoppm then zbarimg (every unit of the sheet exactly once); the ZPL carries the URL as the QR field's data.
 */
@ApplicationTest
class LabelsTests {
    private static final String BASE = "http://localhost:8080/s/";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Labels labels;

    Api api;
    Tenants tenants;
    Tenants.Member factory;
    Api.Tenant caller;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        api = new Api(port);
        tenants = Tenants.in(context);
        factory = tenants.organization("FACTORY");
        caller = tenants.signedIn(factory);
    }

    record Unit(UUID id, String serial) {}

    @Test
    void aUnitsPngDecodesToItsUrlAndNamesItsSerial() throws Exception {
        List<Unit> units = startedProject("Chairs", 3);
        for (Unit unit : units) {
            var png = get("/api/units/" + unit.id() + "/label.png", caller.token());
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(png.headers().firstValue("Content-Disposition"))
                    .hasValue("inline; filename=\"" + unit.serial() + ".png\"");
            assertThat(png.headers().firstValue("Cache-Control")).hasValue("max-age=300, private");
            assertThat(Decoders.qrCodes(saved(png.body(), ".png"))).containsExactly(BASE + unit.serial());
        }
    }

    @Test
    void aUnitsSvgRenderedByABrowserDecodesToItsUrl() throws Exception {
        Unit unit = startedProject("Tables & <chairs>", 2).getLast();
        var svg = get("/api/units/" + unit.id() + "/label.svg", caller.token());
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        String text = new String(svg.body(), StandardCharsets.UTF_8);
        assertThat(text).contains(">" + unit.serial() + "</text>", "Tables &amp; &lt;chairs&gt;");
        var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.body()));
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("svg");
        int width = Integer.parseInt(xml.getDocumentElement().getAttribute("width"));
        int height = Integer.parseInt(xml.getDocumentElement().getAttribute("height"));

        Path picture = Decoders.rendered(saved(svg.body(), ".svg"), width, height);
        assertThat(Decoders.qrCodes(picture)).containsExactly(BASE + unit.serial());
    }

    @Test
    void aUnitsZplPrintsItsUrlAsTheQrFieldAndItsSerialAsText() throws Exception {
        Unit unit = startedProject("Lamps", 1).getFirst();
        var zpl = get("/api/units/" + unit.id() + "/label.zpl", caller.token());
        assertThat(zpl.statusCode()).isEqualTo(200);
        assertThat(zpl.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
        assertThat(zpl.headers().firstValue("Content-Disposition"))
                .hasValue("inline; filename=\"" + unit.serial() + ".zpl\"");
        List<String> lines =
                new String(zpl.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).isEqualTo("^XA");
        assertThat(lines.getLast()).isEqualTo("^XZ");
        assertThat(lines)
                .filteredOn(line -> line.contains("^BQN"))
                .singleElement()
                .satisfies(line -> assertThat(line).endsWith("^BQN,2,8^FH\\^FDMA," + BASE + unit.serial() + "^FS"));
        assertThat(lines).filteredOn(line -> line.contains("^A0N")).first().satisfies(line -> assertThat(line)
                .endsWith("^FD" + unit.serial() + "^FS"));
    }

    @Test
    void anA4SheetHoldsEveryUnitOfTheProjectExactlyOnce() throws Exception {
        List<Unit> units = startedProject("Stools", 30);
        var pdf = get("/api/projects/" + projectOf(units) + "/labels.pdf", caller.token());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("inline; filename=\"PRJ-[0-9-]+-labels-a4.pdf\"");
        assertThat(pdf.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");

        List<Path> pages = Decoders.pages(saved(pdf.body(), ".pdf"), 150);
        assertThat(pages).as("24 labels a page").hasSize(2);
        assertThat(Decoders.a4Cells(List.of(pages.getLast()))).hasSize(6);
        assertThat(countOf(Decoders.a4Cells(pages))).isEqualTo(countOf(urls(units)));
    }

    @Test
    void aFourBySixSheetPrintsTheSelectedUnitsOnePerPage() throws Exception {
        List<Unit> units = startedProject("Benches", 8);
        List<Unit> chosen = List.of(units.get(6), units.get(1), units.get(3));
        String ids = chosen.stream().map(u -> u.id().toString()).collect(Collectors.joining(","));
        var pdf = get(
                "/api/projects/" + projectOf(units) + "/labels.pdf?layout=4X6&units=" + ids + ","
                        + units.get(1).id(),
                caller.token());
        assertThat(pdf.statusCode())
                .as(new String(pdf.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        List<Path> pages = Decoders.pages(saved(pdf.body(), ".pdf"), 100);
        assertThat(pages).hasSize(3);
        assertThat(pages.stream().map(Decoders::qrCodes).toList())
                .as("in the units' order, each named once")
                .containsExactly(
                        List.of(BASE + units.get(1).serial()),
                        List.of(BASE + units.get(3).serial()),
                        List.of(BASE + units.get(6).serial()));
    }

    @Test
    void aRangeOfPositionsPrintsThoseUnits() throws Exception {
        List<Unit> units = startedProject("Shelves", 10);
        var pdf = get("/api/projects/" + projectOf(units) + "/labels.pdf?from=4&to=6", caller.token());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(countOf(Decoders.a4Cells(Decoders.pages(saved(pdf.body(), ".pdf"), 150))))
                .isEqualTo(countOf(urls(units.subList(3, 6))));
    }

    @Test
    void anotherOrganizationsUnitsAndProjectsAreNotFound() throws Exception {
        List<Unit> units = startedProject("Secret chairs", 2);
        var stranger = tenants.signedIn("FACTORY");
        for (String format : List.of("png", "svg", "zpl")) {
            var answer = get("/api/units/" + units.getFirst().id() + "/label." + format, stranger.token());
            assertThat(answer.statusCode()).as(format).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        var pdf = get("/api/projects/" + projectOf(units) + "/labels.pdf", stranger.token());
        assertThat(pdf.statusCode()).isEqualTo(404);

        List<Unit> theirs = startedProject(stranger, "Their chairs", 1);
        var mixed = get(
                "/api/projects/" + projectOf(units) + "/labels.pdf?units="
                        + units.getFirst().id() + "," + theirs.getFirst().id(),
                caller.token());
        assertThat(mixed.statusCode())
                .as("a unit of another organization named")
                .isEqualTo(422);
        assertThat(new String(mixed.body(), StandardCharsets.UTF_8)).contains("\"field\":\"units\"");
    }

    @Test
    void refusesWhatCannotBePrinted() throws Exception {
        List<Unit> units = startedProject("Desks", 2);
        UUID project = projectOf(units);
        var layout = get("/api/projects/" + project + "/labels.pdf?layout=letter", caller.token());
        assertThat(layout.statusCode()).isEqualTo(422);
        assertThat(new String(layout.body(), StandardCharsets.UTF_8)).contains("\"field\":\"layout\"");
        var range = get("/api/projects/" + project + "/labels.pdf?from=5&to=2", caller.token());
        assertThat(range.statusCode()).isEqualTo(422);
        var empty = get("/api/projects/" + project + "/labels.pdf?from=3", caller.token());
        assertThat(empty.statusCode()).isEqualTo(422);
        var garbage = get("/api/projects/" + project + "/labels.pdf?units=not-a-uuid", caller.token());
        assertThat(garbage.statusCode()).isEqualTo(400);

        UUID draft = draftProject(caller, "Unstarted", 4);
        var none = get("/api/projects/" + draft + "/labels.pdf", caller.token());
        assertThat(none.statusCode()).as("a project without units yet").isEqualTo(409);

        var reader = tenants.signedIn(tenants.memberWith(factory, "projects:read"));
        assertThat(get("/api/units/" + units.getFirst().id() + "/label.png", reader.token())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aSelectionNamesAtMostAThousandUnits() {
        List<Unit> units = startedProject("Crates", 1);
        List<UUID> many = new ArrayList<>(IntStream.range(0, Labels.MAX_SELECTED)
                .mapToObj(i -> UUID.randomUUID())
                .toList());
        many.add(units.getFirst().id());
        var refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                io.traveler.shared.errors.ValidationException.class,
                () -> factory.run(() -> labels.sheet(projectOf(units), new Labels.Selection(many, null, null))));
        assertThat(refused.errors()).singleElement().satisfies(e -> assertThat(e.field())
                .isEqualTo("units"));
    }

    /**
     * A project larger than a sheet: printing all of it is refused (422 naming units), a range of 1,000 is printed
     * and streamed; the time is reported against the same project's 30-unit sheet (see bench/labels.sh for figures).
     */
    @Test
    void aSheetHoldsAtMostFiveThousandLabelsAndAThousandArePrintedInSeconds() throws Exception {
        List<Unit> units = startedProject("Pallets", Labels.MAX_SHEET + 1);
        UUID project = projectOf(units);
        var all = get("/api/projects/" + project + "/labels.pdf", caller.token());
        assertThat(all.statusCode()).isEqualTo(422);
        assertThat(new String(all.body(), StandardCharsets.UTF_8)).contains("\"field\":\"units\"");

        long started = System.nanoTime();
        var thousand = get("/api/projects/" + project + "/labels.pdf?from=1001&to=2000", caller.token());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(thousand.statusCode()).isEqualTo(200);
        assertThat(thousand.headers().firstValue("Content-Length"))
                .as("streamed, not buffered")
                .isEmpty();
        System.out.println("1,000 labels: " + millis + " ms, " + thousand.body().length + " bytes");
        assertThat(millis).isLessThan(10_000);
        Path sheet = saved(thousand.body(), ".pdf");
        assertThat(Decoders.pageCount(sheet)).isEqualTo(42);
        assertThat(countOf(Decoders.a4Cells(List.of(Decoders.page(sheet, 150, 11)))))
                .isEqualTo(countOf(urls(units.subList(1000 + 240, 1000 + 264))));
    }

    // --- fixtures ------------------------------------------------------------------------------------------

    private HttpResponse<byte[]> get(String path, String token) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Path saved(byte[] body, String suffix) throws IOException {
        Path file = Files.createTempFile("label-", suffix);
        Files.write(file, body);
        return file;
    }

    private static List<String> urls(List<Unit> units) {
        return units.stream().map(u -> BASE + u.serial()).toList();
    }

    private static Map<String, Long> countOf(List<String> codes) {
        return codes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private final Map<UUID, UUID> projects = new java.util.HashMap<>();

    private UUID projectOf(List<Unit> units) {
        return projects.get(units.getFirst().id());
    }

    private List<Unit> startedProject(String name, int quantity) {
        return startedProject(caller, name, quantity);
    }

    private List<Unit> startedProject(Api.Tenant tenant, String name, int quantity) {
        UUID project = draftProject(tenant, name, quantity);
        var started = api.post("/api/projects/" + project + "/start").as(tenant).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        var member = new Tenants.Member(tenant.orgId(), tenant.userId(), tenant.email(), java.util.Set.of());
        List<Unit> units = member.call(() -> transactions.execute(status ->
                jdbc.sql("""
                        select id, serial from production.units where project_id = :project order by position""").param("project", project).query(Unit.class).list()));
        assertThat(units).hasSize(quantity);
        units.forEach(u -> projects.put(u.id(), project));
        return units;
    }

    private UUID draftProject(Api.Tenant tenant, String name, int quantity) {
        UUID station = created(api.post("/api/stations")
                .as(tenant)
                .body(Map.of("name", "Packing " + UUID.randomUUID()))
                .send());
        UUID customer = created(api.post("/api/customers")
                .as(tenant)
                .body(Map.of("name", "Harbour " + UUID.randomUUID()))
                .send());
        UUID workflow = created(api.post("/api/workflows/")
                .as(tenant)
                .body(Map.of(
                        "name",
                        "Line " + UUID.randomUUID(),
                        "stages",
                        List.of(Map.of("name", "Pack", "station_id", station, "expected_minutes", 10))))
                .send());
        return created(api.post("/api/projects/")
                .as(tenant)
                .body(Map.of(
                        "name",
                        name,
                        "customer_id",
                        customer,
                        "workflow_id",
                        workflow,
                        "quantity",
                        new BigDecimal(quantity)))
                .send());
    }

    private static UUID created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }
}
