package io.traveler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.db.PlannerStatistics;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Eventually;
import io.traveler.testing.ImportJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** JSON imports, the categories and variants kinds, exports of every kind, and the cap on stored errors. */
@ApplicationTest
class CatalogImportTests {
    private static final String PARTS_HEADER = "part_number,name,kind,unit_of_measure,unit_cost\n";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Api.Tenant owner;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        owner = api.signUp("BRAND");
    }

    @Test
    void aJsonImportReportsBadElementsByTheirPositionAndStoresNothingOfThem() {
        var job = importJson("parts", """
                [
                  {"part_number": "JS-1", "name": "Bolt", "kind": "HARDWARE", "unit_of_measure": "ea", "unit_cost": 0.25},
                  {"part_number": "JS-2", "name": "Nut", "kind": "GADGET", "unit_of_measure": "ea", "unit_cost": 1},
                  "not an object",
                  {"part_number": "JS-4", "name": "Washer", "kind": "hardware", "unit_of_measure": "ea",
                   "unit_cost": -1},
                  {"part_number": "JS-5", "name": "Pin", "kind": "HARDWARE", "unit_of_measure": "ea",
                   "extra": "ignored"}
                ]
                """);

        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("format").asString()).isEqualTo("json");
        assertThat(job.path("total_rows").asInt()).isEqualTo(5);
        assertThat(job.path("processed_rows").asInt()).isEqualTo(5);
        assertThat(job.path("failed_rows").asInt()).isEqualTo(3);
        assertThat(errors(job)).containsExactly("2 kind", "3 null", "4 unit_cost");
        assertThat(job.path("errors").get(1).path("message").asString()).isEqualTo("is not a JSON object");
        assertThat(column("/api/catalog/parts?limit=100", "part_number")).containsExactly("JS-1", "JS-5");
        var bolt = api.get("/api/catalog/parts?q=JS-1")
                .as(owner)
                .send()
                .json()
                .path("items")
                .get(0);
        assertThat(bolt.path("unit_cost").decimalValue()).isEqualByComparingTo("0.25");
    }

    /**
     * Right after an import of thousands of parts, the planner knows they are there: it does not plan the next
     * searches and lists for the table it saw before, until autovacuum comes by (a minute or more later).
     */
    @Test
    void aLargePartsImportRefreshesThePlannersStatisticsOfPartsOnceItCommits() {
        double known = plannersPartCount();
        int parts = (int) Math.max(PlannerStatistics.MIN_ROWS, Math.max(known, 0) / 10 + 1);
        var csv = new StringBuilder(PARTS_HEADER);
        for (int i = 1; i <= parts; i++) {
            csv.append("STAT-").append(i).append(",Spacer ").append(i).append(",HARDWARE,ea,0.10\n");
        }

        var job = importCsv("parts", csv.toString());
        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("failed_rows").asInt()).isZero();

        double expected = Math.max(known, 0) + parts;
        String what =
                "the planner's row count of catalog.parts after %d more parts (it believed %s)".formatted(parts, known);
        double counted = Eventually.poll(what, Duration.ofSeconds(20), this::plannersPartCount, n -> n >= expected);
        assertThat(counted).as(what).isGreaterThanOrEqualTo(expected);
    }

    private double plannersPartCount() {
        return jdbc.sql("select reltuples from pg_class where oid = 'catalog.parts'::regclass")
                .query(Double.class)
                .single();
    }

    @Test
    void aJsonBodyThatIsNoArrayFailsTheJobOnRowZero() {
        var notArray = importJson("products", "{\"sku\": \"X\", \"name\": \"Y\"}");
        assertThat(notArray.path("status").asString()).isEqualTo("FAILED");
        assertThat(errors(notArray)).containsExactly("0 null");
        var broken = importJson("products", "[{\"sku\": ");
        assertThat(broken.path("status").asString()).isEqualTo("FAILED");
        assertThat(broken.path("errors").get(0).path("message").asString()).startsWith("the body is not readable JSON");
    }

    @Test
    void categoriesImportWithParentsAnywhereInTheFileAndLoopsRefused() {
        var job = importCsv(
                "categories",
                "code,name,parent_code\n"
                        + "ELEC.CAP,Capacitors,ELEC\n"
                        + "ELEC,Electronics,\n"
                        + "LOOP-A,Loop A,LOOP-B\n"
                        + "LOOP-B,Loop B,LOOP-A\n"
                        + "ORPHAN,Orphan,NOWHERE\n"
                        + "UNDER-LOOP,Under a loop,LOOP-A\n"
                        + "bad code!,Bad,\n"
                        + "SELF,Self,SELF\n");

        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("processed_rows").asInt()).isEqualTo(8);
        assertThat(errors(job))
                .containsExactlyInAnyOrder(
                        "3 parent_code", "4 parent_code", "5 parent_code", "6 parent_code", "7 code", "8 parent_code");
        assertThat(job.path("failed_rows").asInt()).isEqualTo(6);
        assertThat(column("/api/catalog/categories", "code")).containsExactly("ELEC", "ELEC.CAP");

        var again = importCsv(
                "categories",
                "code,name,parent_code\nELEC,Electronic parts,\nELEC.CAP,Capacitors,ELEC\nPWR,Power,ELEC\n");
        assertThat(again.path("failed_rows").asInt()).isZero();
        assertThat(column("/api/catalog/categories", "name"))
                .containsExactly("Electronic parts", "Capacitors", "Power");

        var moveUnderOwnChild = importCsv("categories", "code,name,parent_code\nELEC,Electronics,ELEC.CAP\n");
        assertThat(errors(moveUnderOwnChild)).containsExactly("1 parent_code");

        var export = api.get("/api/catalog/categories/export").as(owner).send();
        assertThat(export.header("Content-Type")).startsWith("text/csv");
        assertThat(export.raw().body().lines().toList())
                .containsExactly(
                        "code,name,parent_code",
                        "ELEC,Electronic parts,",
                        "ELEC.CAP,Capacitors,ELEC",
                        "PWR,Power,ELEC");
        var reimported = importCsv("categories", export.raw().body());
        assertThat(reimported.path("failed_rows").asInt()).isZero();
        var elec = api.get("/api/catalog/categories?limit=1").as(owner).send();
        assertThat(elec.json().path("items").get(0).path("code").asString()).isEqualTo("ELEC");
        assertThat(api.get("/api/catalog/categories/"
                                + elec.json().path("items").get(0).path("id").asString())
                        .as(owner)
                        .send()
                        .header("ETag"))
                .as("an unchanged re-import leaves the version alone")
                .isEqualTo("\"1\"");
    }

    @Test
    void variantsImportBySkuOrCodeAndReimportUpdatesThem() {
        importCsv("products", "sku,name\nTEE,T-shirt\nCAP,Cap\n");
        var first = importCsv(
                "variants",
                "product_sku,sku,name,attributes,price,status\n"
                        + "TEE,TEE-S,Tee S,\"{\"\"size\"\": \"\"S\"\"}\",19.90,\n"
                        + "TEE,TEE-M,Tee M,\"{\"\"size\"\": \"\"M\"\"}\",,\n"
                        + "NOPE,NOPE-1,Ghost,,,\n"
                        + "TEE,TEE-X,Tee X,\"[1]\",,\n"
                        + "TEE,,No key,,,\n"
                        + "CAP,CAP-1,Cap,,-1,\n"
                        + "CAP,CAP-2,Cap 2,,,SOLD\n");
        assertThat(first.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(errors(first)).containsExactly("3 product_sku", "4 attributes", "5 sku", "6 price", "7 status");
        List<JsonNode> variants = variants();
        assertThat(variants).extracting(v -> v.path("sku").asString()).containsExactlyInAnyOrder("TEE-S", "TEE-M");
        JsonNode small = variants.stream()
                .filter(v -> v.path("sku").asString().equals("TEE-S"))
                .findFirst()
                .orElseThrow();
        String code = small.path("code").asString();
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{5}");
        assertThat(small.path("attributes").path("size").asString()).isEqualTo("S");
        assertThat(small.path("price").decimalValue()).isEqualByComparingTo("19.90");

        var bySku = importCsv("variants", "product_sku,sku,name,price\nTEE,TEE-S,Tee small,18\n");
        var byCode = importJson(
                "variants",
                "[{\"product_sku\": \"TEE\", \"code\": \"" + code.toLowerCase()
                        + "\", \"sku\": \"TEE-SM\", \"name\": \"Tee small\", \"price\": 17.5,"
                        + " \"attributes\": {\"size\": \"S\", \"fit\": \"slim\"}},"
                        + " {\"product_sku\": \"CAP\", \"code\": \"" + code + "\", \"name\": \"Moved\"},"
                        + " {\"product_sku\": \"TEE\", \"code\": \"ZZZZZ\", \"name\": \"Unknown\"}]");
        assertThat(bySku.path("failed_rows").asInt()).isZero();
        assertThat(errors(byCode)).containsExactly("2 code", "3 code");
        variants = variants();
        assertThat(variants).hasSize(2);
        JsonNode updated = variants.stream()
                .filter(v -> v.path("code").asString().equals(code))
                .findFirst()
                .orElseThrow();
        assertThat(updated.path("sku").asString()).isEqualTo("TEE-SM");
        assertThat(updated.path("price").decimalValue()).isEqualByComparingTo("17.5");
        assertThat(updated.path("attributes").path("fit").asString()).isEqualTo("slim");

        var export =
                api.get("/api/catalog/variants/export").as(owner).send().raw().body();
        assertThat(export.lines().findFirst().orElseThrow())
                .isEqualTo("product_sku,code,sku,name,attributes,price,cost_price,status");
        assertThat(export).contains("TEE," + code + ",TEE-SM,Tee small,");
        var reimported = importCsv("variants", export);
        assertThat(reimported.path("failed_rows").asInt()).isZero();
        assertThat(api.get("/api/catalog/variants/export")
                        .as(owner)
                        .send()
                        .raw()
                        .body())
                .isEqualTo(export);
        assertThat(variants()).hasSize(2);
    }

    @Test
    void bomLinesExportTheActiveBillsOfMaterialsForReimport() {
        importCsv("parts", PARTS_HEADER + "BX-1,Bolt,HARDWARE,ea,0.1\nBX-2,Nut,HARDWARE,ea,0.05\n");
        importCsv("products", "sku,name\nBX-A,Assembly\nBX-B,Bike\n");
        importCsv(
                "bom-lines?activate=true",
                "parent_sku,component_number,quantity,waste_factor\nBX-A,BX-1,2,0\nBX-A,BX-2,4,0.1\nBX-B,BX-A,1,0\n");

        var export = api.get("/api/boms/export").as(owner).send();
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.raw().body().lines().toList())
                .containsExactly(
                        "parent_sku,component_number,quantity,waste_factor",
                        "BX-A,BX-1,2.000000,0.000000",
                        "BX-A,BX-2,4.000000,0.100000",
                        "BX-B,BX-A,1.000000,0.000000");
        var reimported = importCsv("bom-lines?activate=true", export.raw().body());
        assertThat(reimported.path("failed_rows").asInt()).isZero();
        assertThat(api.get("/api/boms/export").as(owner).send().raw().body())
                .isEqualTo(export.raw().body());
    }

    @Test
    void onlyTheFirstThousandErrorsAreStoredButEveryFailedRowIsCounted() {
        var csv = new StringBuilder(PARTS_HEADER);
        for (int i = 1; i <= 1_500; i++) {
            csv.append("GARBAGE-").append(i).append(",,NOKIND,,x\n");
        }
        csv.append("GOOD-1,Good,HARDWARE,ea,1\n");
        var job = importCsv("parts", csv.toString());

        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("failed_rows").asInt()).isEqualTo(1_500);
        assertThat(job.path("error_count").asInt()).isEqualTo(4 * 1_500);
        assertThat(job.path("errors")).hasSize(1_000);
        assertThat(job.path("errors").get(999).path("row").asInt()).isEqualTo(250);
        assertThat(column("/api/catalog/parts", "part_number")).containsExactly("GOOD-1");
    }

    @Test
    void theOpenApiDocumentShowsBothImportFormatsAndTheVariantEndpoints() {
        var paths = api.get("/v3/api-docs").send().json().path("paths");
        var content = paths.path("/api/imports/{kind}")
                .path("post")
                .path("requestBody")
                .path("content");
        assertThat(content.has("text/csv")).as(content.toString()).isTrue();
        assertThat(content.has("application/json")).as(content.toString()).isTrue();
        assertThat(paths.has("/api/products/templates/{productId}/variants")).isTrue();
        assertThat(paths.has("/api/catalog/variants/{id}/supplier-variants")).isTrue();
        assertThat(paths.has("/api/catalog/supplier-variants/{id}")).isTrue();
    }

    private JsonNode importCsv(String kindAndQuery, String csv) {
        return await(api.post("/api/imports/" + kindAndQuery).as(owner).csv(csv).send());
    }

    private JsonNode importJson(String kind, String json) {
        return await(api.post("/api/imports/" + kind).as(owner).body(json).send());
    }

    private JsonNode await(Api.Response started) {
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.header("Location")).isEqualTo("/api/import-jobs/" + started.text("id"));
        return ImportJobs.awaitFinished(api, owner, started.text("id"));
    }

    private static List<String> errors(JsonNode job) {
        List<String> found = new ArrayList<>();
        job.path("errors")
                .forEach(e -> found.add(e.path("row").asInt() + " "
                        + (e.path("field").isNull() ? "null" : e.path("field").asString())));
        return found;
    }

    private List<String> column(String path, String field) {
        List<String> values = new ArrayList<>();
        api.get(path)
                .as(owner)
                .send()
                .json()
                .path("items")
                .forEach(p -> values.add(p.path(field).asString()));
        return values;
    }

    private List<JsonNode> variants() {
        List<JsonNode> found = new ArrayList<>();
        api.get("/api/catalog/variants?limit=100")
                .as(owner)
                .send()
                .json()
                .path("items")
                .forEach(found::add);
        return found;
    }
}
