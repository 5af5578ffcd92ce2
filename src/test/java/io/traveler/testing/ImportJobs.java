package io.traveler.testing;

import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Polls an import job over the API until it has finished, whatever its outcome. */
public final class ImportJobs {
    private static final Set<String> UNFINISHED = Set.of("QUEUED", "RUNNING");

    private ImportJobs() {}

    /** The job as {@code GET /api/import-jobs/{id}} shows it once it is neither queued nor running. */
    public static JsonNode awaitFinished(Api api, Api.Tenant tenant, Object id) {
        return awaitFinished(api, tenant, id, Duration.ofSeconds(30));
    }

    public static JsonNode awaitFinished(Api api, Api.Tenant tenant, Object id, Duration within) {
        return Eventually.poll(
                        "import job " + id + " to finish",
                        within,
                        () -> api.get("/api/import-jobs/" + id).as(tenant).send(),
                        job -> job.status() == 200 && !UNFINISHED.contains(job.text("status")))
                .json();
    }
}
