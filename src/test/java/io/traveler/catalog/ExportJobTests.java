package io.traveler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** An export running as a background job gives the file the synchronous export gives. */
@ApplicationTest
class ExportJobTests {
    @LocalServerPort
    int port;

    @Test
    void thePartsExportJobWritesTheSameCsvAsTheExportAndKeepsItForDownload() throws Exception {
        var api = new Api(port);
        var owner = api.signUp("FACTORY");
        for (String number : List.of("EX-2", "EX-1", "=EX-3")) {
            var created = api.post("/api/catalog/parts")
                    .as(owner)
                    .body(Map.of(
                            "part_number",
                            number,
                            "name",
                            "Part " + number,
                            "kind",
                            "HARDWARE",
                            "unit_of_measure",
                            "ea"))
                    .send();
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }

        var started = api.post("/api/catalog/parts/export-jobs").as(owner).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.header("Location")).isEqualTo("/api/jobs/" + started.id());
        JsonNode job = awaitFinished(api, owner, started.id());

        assertThat(job.path("kind").asString()).isEqualTo("catalog.parts-export");
        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("processed_units").asLong()).isEqualTo(3);
        assertThat(job.path("result_type").asString()).startsWith("text/csv");
        var file = api.get("/api/jobs/" + started.id() + "/result").as(owner).send();
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Type")).startsWith("text/csv");
        String direct =
                api.get("/api/catalog/parts/export").as(owner).send().raw().body();
        assertThat(file.raw().body()).isEqualTo(direct).contains("'=EX-3");

        var stranger = api.signUp("FACTORY");
        assertThat(api.get("/api/jobs/" + started.id() + "/result")
                        .as(stranger)
                        .send()
                        .status())
                .isEqualTo(404);
        var importJob = api.post("/api/imports/products")
                .as(owner)
                .csv("sku,name\nEXJ,Imported\n")
                .send();
        awaitFinished(api, owner, importJob.id());
        assertThat(api.get("/api/jobs/" + importJob.id() + "/result")
                        .as(owner)
                        .send()
                        .status())
                .as("a job that produced no file")
                .isEqualTo(404);
    }

    private static JsonNode awaitFinished(Api api, Api.Tenant owner, UUID job) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode state = api.get("/api/jobs/" + job).as(owner).send().json();
            if (!List.of("QUEUED", "RUNNING").contains(state.path("status").asString())) {
                return state;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + job + " unfinished after 30 s");
    }
}
