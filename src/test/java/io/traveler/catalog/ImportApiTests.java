package io.traveler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.ImportJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ApplicationTest
class ImportApiTests {
    private static final String PARTS_HEADER = "part_number,name,kind,unit_of_measure,unit_cost\n";

    @LocalServerPort
    int port;

    Api api;
    Api.Tenant owner;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        owner = api.signUp("FACTORY");
    }

    @Test
    void goodPartRowsAreStoredAndEachBadRowIsReportedByRowAndField() {
        var job = importAndWait(
                "parts",
                PARTS_HEADER
                        + "IMP-1,Bolt,HARDWARE,ea,0.10\n"
                        + ",No number,HARDWARE,ea,1\n"
                        + "IMP-BAD-KIND,Widget,GADGET,ea,1\n"
                        + "IMP-NEG,Washer,HARDWARE,ea,-2\n"
                        + "IMP-2,\"Nut, hex\",hardware,ea,\n");

        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("total_rows").asInt()).isEqualTo(5);
        assertThat(job.path("processed_rows").asInt()).isEqualTo(5);
        assertThat(job.path("failed_rows").asInt()).isEqualTo(3);
        assertThat(errors(job)).containsExactly("2 part_number", "3 kind", "4 unit_cost");
        assertThat(partNumbers()).containsExactly("IMP-1", "IMP-2");
        var nut = api.get("/api/catalog/parts?q=IMP-2")
                .as(owner)
                .send()
                .json()
                .path("items")
                .get(0);
        assertThat(nut.path("name").asString()).isEqualTo("Nut, hex");
        assertThat(nut.path("kind").asString()).isEqualTo("HARDWARE");
    }

    @Test
    void rowNumbersRunOnAcrossBatches() {
        var csv = new StringBuilder(PARTS_HEADER);
        for (int i = 1; i <= 1_200; i++) {
            csv.append("BATCH-").append(i).append(",Part ").append(i).append(i == 1_001 ? ",GADGET" : ",COMPONENT");
            csv.append(",ea,1\n");
        }
        var job = importAndWait("parts", csv.toString());

        assertThat(job.path("processed_rows").asInt()).isEqualTo(1_200);
        assertThat(errors(job)).containsExactly("1001 kind");
        var exported =
                api.get("/api/catalog/parts/export").as(owner).send().raw().body();
        assertThat(exported.lines().count()).isEqualTo(1_200);
        assertThat(exported).doesNotContain("BATCH-1001,");
    }

    @Test
    void reimportingUpdatesPartsAndProductsInsteadOfDuplicatingThem() {
        importAndWait("parts", PARTS_HEADER + "RE-1,Bolt,HARDWARE,ea,0.10\nRE-2,Nut,HARDWARE,ea,0.05\n");
        var again = importAndWait("parts", PARTS_HEADER + "RE-1,Bolt M4,HARDWARE,ea,0.20\nRE-2,Nut,HARDWARE,ea,0.05\n");
        importAndWait("products", "sku,name\nRE-P,Frame\n");
        importAndWait("products", "sku,name\nRE-P,Frame v2\n");

        assertThat(again.path("failed_rows").asInt()).isZero();
        assertThat(partNumbers()).containsExactly("RE-1", "RE-2");
        var bolt = api.get("/api/catalog/parts?q=RE-1")
                .as(owner)
                .send()
                .json()
                .path("items")
                .get(0);
        assertThat(bolt.path("name").asString()).isEqualTo("Bolt M4");
        assertThat(bolt.path("unit_cost").decimalValue()).isEqualByComparingTo("0.20");
        var products =
                api.get("/api/products/templates").as(owner).send().json().path("items");
        assertThat(products).hasSize(1);
        assertThat(products.get(0).path("name").asString()).isEqualTo("Frame v2");
    }

    @Test
    void bomLinesBecomeOneDraftPerParentAndAreActivatedOnRequest() {
        importAndWait("parts", PARTS_HEADER + "BL-1,Bolt,HARDWARE,ea,0.10\nBL-2,Nut,HARDWARE,ea,0.05\n");
        importAndWait("products", "sku,name\nBL-A,Assembly\nBL-B,Bike\n");
        String lines = "parent_sku,component_number,quantity,waste_factor\n"
                + "BL-A,BL-1,2,0\n"
                + "BL-A,BL-2,4,0.1\n"
                + "BL-B,BL-A,1,\n"
                + "BL-B,NOPE,1,0\n"
                + "BL-X,BL-1,1,0\n"
                + "BL-B,BL-2,0,0\n";

        var drafts = importAndWait("bom-lines", lines);
        assertThat(drafts.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(errors(drafts)).containsExactly("4 component_number", "5 parent_sku", "6 quantity");
        String assembly = productId("BL-A");
        var history = api.get("/api/products/templates/" + assembly + "/boms")
                .as(owner)
                .send()
                .json();
        assertThat(history.path("items")).hasSize(1);
        assertThat(history.path("items").get(0).path("status").asString()).isEqualTo("DRAFT");
        assertThat(api.get("/api/products/templates/" + assembly + "/bom")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(404);

        var active = importAndWait("bom-lines?activate=true", lines);
        assertThat(active.path("failed_rows").asInt()).isEqualTo(3);
        var bom = api.get("/api/products/templates/" + assembly + "/bom")
                .as(owner)
                .send();
        assertThat(bom.status()).isEqualTo(200);
        assertThat(bom.json().path("lines")).hasSize(2);
        var bike = api.get("/api/products/templates/" + productId("BL-B") + "/bom")
                .as(owner)
                .send();
        assertThat(bike.json().path("lines")).hasSize(1);
    }

    @Test
    void activatingImportedDraftsNeedsTheRightToActivateADraft() {
        var role = api.post("/api/roles")
                .as(owner)
                .body(Map.of("name", "Catalog editor", "permissions", List.of("catalog:manage", "catalog:read")))
                .send();
        String token = api.addMember(owner, role.text("id")).token();
        String lines = "parent_sku,component_number,quantity,waste_factor\n";

        assertThat(api.post("/api/imports/bom-lines?activate=true")
                        .token(token)
                        .csv(lines)
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/imports/bom-lines")
                        .token(token)
                        .csv(lines)
                        .send()
                        .status())
                .isEqualTo(202);
    }

    @Test
    void anUnknownKindIsNotFoundAndAMissingColumnFailsTheJob() {
        var unknown =
                api.post("/api/imports/suppliers").as(owner).csv("sku\nX\n").send();
        assertThat(unknown.status()).isEqualTo(404);

        var job = importAndWait("parts", "part_number,name\nX,Y\n");
        assertThat(job.path("status").asString()).isEqualTo("FAILED");
        assertThat(errors(job)).containsExactly("0 kind");
    }

    @Test
    void exportsRoundTripThroughTheImport() {
        importAndWait("parts", PARTS_HEADER + "EX-1,\"Bolt, \"\"M4\"\"\",HARDWARE,ea,0.1\nEX-2,Nut,HARDWARE,kg,2\n");
        importAndWait("products", "sku,name\nEX-P,Frame\n");

        var parts = api.get("/api/catalog/parts/export").as(owner).send();
        assertThat(parts.status()).isEqualTo(200);
        assertThat(parts.header("Content-Type")).startsWith("text/csv");
        assertThat(parts.raw().body().lines().toList())
                .containsExactly(
                        "part_number,name,kind,unit_of_measure,unit_cost",
                        "EX-1,\"Bolt, \"\"M4\"\"\",HARDWARE,ea,0.1000",
                        "EX-2,Nut,HARDWARE,kg,2.0000");
        var products = api.get("/api/products/templates/export").as(owner).send();
        assertThat(products.raw().body().lines().toList()).containsExactly("sku,name", "EX-P,Frame");

        var reimported = importAndWait("parts", parts.raw().body());
        assertThat(reimported.path("failed_rows").asInt()).isZero();
        assertThat(api.get("/api/catalog/parts/export").as(owner).send().raw().body())
                .isEqualTo(parts.raw().body());
    }

    private JsonNode importAndWait(String kindAndQuery, String csv) {
        var started =
                api.post("/api/imports/" + kindAndQuery).as(owner).csv(csv).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return ImportJobs.awaitFinished(api, owner, started.text("id"));
    }

    private static List<String> errors(JsonNode job) {
        List<String> found = new ArrayList<>();
        job.path("errors")
                .forEach(e ->
                        found.add(e.path("row").asInt() + " " + e.path("field").asString()));
        return found;
    }

    private List<String> partNumbers() {
        List<String> numbers = new ArrayList<>();
        api.get("/api/catalog/parts?limit=100")
                .as(owner)
                .send()
                .json()
                .path("items")
                .forEach(p -> numbers.add(p.path("part_number").asString()));
        return numbers;
    }

    private String productId(String sku) {
        return api.get("/api/products/templates?q=" + sku)
                .as(owner)
                .send()
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asString();
    }
}
