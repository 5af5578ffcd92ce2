package io.traveler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The BOM-line import writes all parents in set-based batches under the rules a single draft obeys: the line cap,
 * cycles judged in file order, and an audit trail like the one the entity path leaves.
 */
@ApplicationTest
class BomLineImportTests {
    private static final String HEADER = "parent_sku,component_number,quantity,waste_factor\n";

    @LocalServerPort
    int port;

    Api api;
    Api.Tenant owner;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        owner = api.signUp("FACTORY");
        importCsv("parts", "part_number,name,kind,unit_of_measure,unit_cost\nC-1,Bolt,HARDWARE,ea,0.10\n");
        importCsv("products", "sku,name\nC-A,Assembly\nC-B,Bike\nC-C,Cart\n");
    }

    @Test
    void aParentWithMoreThanAThousandLinesFailsAllItsRowsWhileTheOthersAreWritten() {
        var csv = new StringBuilder(HEADER).append("C-B,C-1,1,0\n");
        for (int i = 0; i < 1_001; i++) {
            csv.append("C-A,C-1,1,0\n");
        }
        var job = importCsv("bom-lines?activate=true", csv.toString());

        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("failed_rows").asInt()).isEqualTo(1_001);
        assertThat(job.path("errors").get(0).path("row").asInt()).isEqualTo(2);
        assertThat(job.path("errors").get(0).path("message").asString())
                .isEqualTo("lines: has 1,001 lines; a BOM may have at most 1,000");
        assertThat(activeBom("C-A").status()).isEqualTo(404);
        assertThat(activeBom("C-B").json().path("lines")).hasSize(1);
    }

    @Test
    void exactlyAThousandLinesAreAccepted() {
        var csv = new StringBuilder(HEADER);
        for (int i = 0; i < 1_000; i++) {
            csv.append("C-A,C-1,1,0\n");
        }
        var job = importCsv("bom-lines", csv.toString());
        assertThat(job.path("failed_rows").asInt()).isZero();
        var history = api.get("/api/products/templates/" + productId("C-A") + "/boms")
                .as(owner)
                .send()
                .json()
                .path("items");
        assertThat(history).hasSize(1);
        String draft = history.get(0).path("id").asString();
        assertThat(api.get("/api/boms/" + draft).as(owner).send().json().path("lines"))
                .hasSize(1_000);
    }

    @Test
    void aCycleAcrossParentsOfOneFileIsRefusedWhereTheFileClosesIt() {
        // C-A becomes ACTIVE containing C-B; C-B's lines then name C-A, which would make it contain itself
        var job = importCsv(
                "bom-lines?activate=true",
                HEADER + "C-A,C-B,1,0\nC-A,C-1,1,0\nC-B,C-1,2,0\nC-B,C-A,1,0\nC-C,C-A,1,0\n");

        assertThat(job.path("failed_rows").asInt()).isEqualTo(2);
        assertThat(rowsAndFields(job)).containsExactly("3 component_number", "4 component_number");
        assertThat(job.path("errors").get(0).path("message").asString())
                .isEqualTo("lines[1].component_id: would make the product contain itself");
        assertThat(activeBom("C-A").json().path("lines")).hasSize(2);
        assertThat(activeBom("C-B").status()).isEqualTo(404);
        assertThat(activeBom("C-C").json().path("lines")).hasSize(1);
    }

    @Test
    void importedVersionsAreAuditedAsVersionsMadeOneByOneAre() {
        importCsv("bom-lines?activate=true", HEADER + "C-A,C-1,2,0.05\n");
        String first = activeBom("C-A").text("id");
        importCsv("bom-lines?activate=true", HEADER + "C-A,C-1,3,0\nC-A,C-1,1,0\n");
        var second = activeBom("C-A");
        assertThat(second.json().path("number").asInt()).isEqualTo(2);
        String secondId = second.text("id");

        List<JsonNode> bomEvents = auditOf("Bom");
        assertThat(bomEvents)
                .extracting(e -> e.path("entity_id").asString() + " "
                        + e.path("action").asString() + " "
                        + e.path("changes").path("status").path("before").asString("-") + ">"
                        + e.path("changes").path("status").path("after").asString())
                .containsExactlyInAnyOrder(
                        first + " CREATE ->DRAFT",
                        first + " UPDATE DRAFT>ACTIVE",
                        first + " UPDATE ACTIVE>SUPERSEDED",
                        secondId + " CREATE ->DRAFT",
                        secondId + " UPDATE DRAFT>ACTIVE");
        var created = bomEvents.stream()
                .filter(e -> e.path("entity_id").asString().equals(secondId)
                        && e.path("action").asString().equals("CREATE"))
                .findFirst()
                .orElseThrow();
        assertThat(created.path("changes").path("product_id").path("after").asString())
                .isEqualTo(productId("C-A"));
        assertThat(created.path("changes").path("number").path("after").asInt()).isEqualTo(2);

        List<JsonNode> lineEvents = auditOf("BomLine");
        assertThat(lineEvents)
                .hasSize(3)
                .allMatch(e -> e.path("action").asString().equals("CREATE"));
        assertThat(lineEvents)
                .extracting(e -> e.path("changes").path("bom_id").path("after").asString() + " "
                        + e.path("changes").path("sequence").path("after").asInt() + " "
                        + e.path("changes")
                                .path("quantity")
                                .path("after")
                                .decimalValue()
                                .stripTrailingZeros()
                                .toPlainString())
                .containsExactlyInAnyOrder(first + " 1 2", secondId + " 1 3", secondId + " 2 1");
    }

    private List<JsonNode> auditOf(String entityType) {
        List<JsonNode> events = new ArrayList<>();
        api.get("/api/audit?entity_type=" + entityType + "&limit=100")
                .as(owner)
                .send()
                .json()
                .path("items")
                .forEach(events::add);
        return events;
    }

    private Api.Response activeBom(String sku) {
        return api.get("/api/products/templates/" + productId(sku) + "/bom")
                .as(owner)
                .send();
    }

    private String productId(String sku) {
        return api.get("/api/products/templates?q=" + sku)
                .as(owner)
                .send()
                .json()
                .path("items")
                .valueStream()
                .filter(p -> p.path("sku").asString().equals(sku))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asString();
    }

    private static List<String> rowsAndFields(JsonNode job) {
        List<String> found = new ArrayList<>();
        job.path("errors")
                .forEach(e ->
                        found.add(e.path("row").asInt() + " " + e.path("field").asString()));
        return found;
    }

    private JsonNode importCsv(String kindAndQuery, String csv) {
        var started =
                api.post("/api/imports/" + kindAndQuery).as(owner).csv(csv).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            var job = api.get("/api/import-jobs/" + started.text("id"))
                    .as(owner)
                    .send()
                    .json();
            if (!List.of("QUEUED", "RUNNING").contains(job.path("status").asString())) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("import " + started.text("id") + " still running after 60 s");
    }
}
