package io.traveler.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Eventually;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Customer imports (CSV, JSON) with per-row errors and duplicates, and exports (CSV, XLSX), on the job runner. */
@ApplicationTest
class CustomerTransferTests {
    private static final Set<String> UNFINISHED = Set.of("QUEUED", "RUNNING");

    @LocalServerPort
    int port;

    Api api;
    Api.Tenant shop;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        shop = api.signUp("FACTORY");
    }

    private JsonNode finished(Api.Response started) {
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.text("id");
        assertThat(started.header("Location")).isEqualTo("/api/jobs/" + id);
        return Eventually.poll(
                        "job " + id + " to finish",
                        Duration.ofSeconds(30),
                        () -> api.get("/api/jobs/" + id).as(shop).send(),
                        job -> job.status() == 200 && !UNFINISHED.contains(job.text("status")))
                .json();
    }

    private List<String> errors(String jobId) {
        List<String> errors = new ArrayList<>();
        api.get("/api/jobs/" + jobId + "/errors")
                .as(shop)
                .send()
                .json()
                .path("errors")
                .forEach(e -> errors.add(e.path("row").asLong() + " "
                        + e.path("field").asString() + ": " + e.path("message").asString()));
        return errors;
    }

    @Test
    void aCsvImportCreatesValidRowsAndReportsEachFaultyOrDuplicateRow() {
        api.post("/api/customers")
                .as(shop)
                .body(Map.of("name", "Existing", "code", "C-OLD", "email", "old@example.com"))
                .send();
        String csv = """
                code,name,email,status,tags,payment_terms,credit_limit,tax_exempt,billing_address
                C-1,Bluebird,orders@bluebird.example,VIP,wholesale;outdoor,30,25000,false,"{""city"": ""Porto""}"
                ,Northpeak,hello@northpeak.example,PROSPECT,,,,,
                C-1,Again by code,again@example.com,ACTIVE,,,,,
                C-3,Again by e-mail,ORDERS@bluebird.example,ACTIVE,,,,,
                C-OLD,Existing code,new@example.com,ACTIVE,,,,,
                C-5,Existing e-mail,Old@Example.com,ACTIVE,,,,,
                C-6,,nameless@example.com,ACTIVE,,,,,
                C-7,Bad fields,not-an-address,LOST,,400,-1,maybe,[1]
                """;
        var started = api.post("/api/customers/import-jobs").as(shop).csv(csv).send();
        JsonNode job = finished(started);

        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("kind").asString()).isEqualTo("customers.import");
        assertThat(job.path("total_units").asLong()).isEqualTo(8);
        assertThat(job.path("failed_units").asLong()).isEqualTo(6);
        assertThat(errors(started.text("id")))
                .contains(
                        "3 code: repeats the code of row 1",
                        "4 email: repeats the e-mail address of row 1",
                        "5 code: a customer with the code C-OLD already exists",
                        "6 email: a customer with the e-mail address Old@Example.com already exists",
                        "7 name: is required",
                        "8 email: is not an e-mail address",
                        "8 payment_terms: must be between 0 and 365 days",
                        "8 credit_limit: must be a non-negative amount",
                        "8 tax_exempt: must be true or false",
                        "8 billing_address: must be a JSON object");
        assertThat(errors(started.text("id"))).anyMatch(e -> e.startsWith("8 status:"));

        var bluebird =
                api.get("/api/customers?q=bluebird").as(shop).send().json().path("items");
        assertThat(bluebird).hasSize(1);
        assertThat(bluebird.get(0).path("code").asString()).isEqualTo("C-1");
        assertThat(bluebird.get(0).path("status").asString()).isEqualTo("VIP");
        assertThat(bluebird.get(0).path("tags").toString()).isEqualTo("[\"wholesale\",\"outdoor\"]");
        assertThat(bluebird.get(0).path("billing_address").path("city").asString())
                .isEqualTo("Porto");
        var northpeak =
                api.get("/api/customers?q=northpeak").as(shop).send().json().path("items");
        assertThat(northpeak.get(0).path("code").asString()).as("numbered").isNotBlank();
    }

    @Test
    void aJsonImportTakesArraysAndObjects() {
        String json = """
                [{"name": "Alpine Online", "email": "buying@alpine.example", "tags": ["online", "eu"],
                  "shipping_address": {"city": "Graz"}, "tax_exempt": true, "credit_limit": 1000.5},
                 {"name": "Alpine Twin", "email": "BUYING@alpine.example"}]
                """;
        var started = api.post("/api/customers/import-jobs").as(shop).body(json).send();
        JsonNode job = finished(started);
        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(errors(started.text("id"))).containsExactly("2 email: repeats the e-mail address of row 1");
        var alpine = api.get("/api/customers?q=alpine").as(shop).send().json().path("items");
        assertThat(alpine).hasSize(1);
        assertThat(alpine.get(0).path("tax_exempt").asBoolean()).isTrue();
        assertThat(alpine.get(0).path("shipping_address").path("city").asString())
                .isEqualTo("Graz");

        var unreadable = finished(api.post("/api/customers/import-jobs")
                .as(shop)
                .body("{\"not\": \"an array\"}")
                .send());
        assertThat(unreadable.path("status").asString()).isEqualTo("FAILED");
        var wrongColumn = finished(api.post("/api/customers/import-jobs")
                .as(shop)
                .csv("name,colour\nA,red\n")
                .send());
        assertThat(wrongColumn.path("status").asString()).isEqualTo("FAILED");
    }

    @Test
    void exportsWriteTheFilteredCustomersAsCsvAndXlsx() throws Exception {
        api.post("/api/customers")
                .as(shop)
                .body(Map.of("name", "=HYPERLINK(\"x\")", "code", "C-A", "status", "VIP", "tags", List.of("a", "b")))
                .send();
        api.post("/api/customers")
                .as(shop)
                .body(Map.of("name", "Plain", "code", "C-B"))
                .send();

        var csvJob = api.post("/api/customers/export-jobs?format=csv&status=VIP")
                .as(shop)
                .send();
        assertThat(finished(csvJob).path("status").asString()).isEqualTo("COMPLETED");
        String csv = new String(download(csvJob.text("id")), StandardCharsets.UTF_8);
        assertThat(csv.lines().toList())
                .hasSize(2)
                .first()
                .isEqualTo("code,name,email,phone,status,tags,payment_terms,credit_limit,tax_exempt,external_id,"
                        + "billing_address,shipping_address");
        assertThat(csv).contains("C-A").contains("a;b").doesNotContain("C-B").doesNotContain(",=HYPERLINK");

        var xlsxJob =
                api.post("/api/customers/export-jobs?format=xlsx").as(shop).send();
        JsonNode done = finished(xlsxJob);
        assertThat(done.path("result_type").asString()).contains("spreadsheetml");
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(download(xlsxJob.text("id"))))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("code");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("C-A");
            assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("Plain");
        }

        assertThat(api.post("/api/customers/export-jobs?format=pdf")
                        .as(shop)
                        .send()
                        .status())
                .isEqualTo(422);
        var technician = api.addMember(shop, "TECHNICIAN");
        assertThat(api.post("/api/customers/export-jobs").as(technician).send().status())
                .isEqualTo(403);
        var finance = api.addMember(shop, "FINANCE");
        assertThat(api.post("/api/customers/import-jobs")
                        .as(finance)
                        .csv("name\nX\n")
                        .send()
                        .status())
                .isEqualTo(403);
    }

    private byte[] download(String jobId) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/jobs/" + jobId + "/result"))
                .header("Authorization", "Bearer " + shop.token())
                .GET()
                .build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
