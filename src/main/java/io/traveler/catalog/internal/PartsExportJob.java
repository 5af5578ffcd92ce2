package io.traveler.catalog.internal;

import io.traveler.shared.jobs.JobContext;
import io.traveler.shared.jobs.JobHandler;
import io.traveler.shared.tenancy.TenantContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The parts export of {@code GET /api/catalog/parts/export} as a background job: the same CSV, written to the job's
 * result file in one transaction with the jobs' statement budget (a catalog too large for a request's 5 s), then
 * downloadable at {@code /api/jobs/{id}/result} until the retention deletes it. Seen and started with
 * {@code catalog:read}, like the synchronous export. Cancellation is checked before the file is written.
 */
@Component
class PartsExportJob implements JobHandler {
    private final JdbcClient jdbc;
    private final CatalogExport export;

    PartsExportJob(JdbcClient jdbc, CatalogExport export) {
        this.jdbc = jdbc;
        this.export = export;
    }

    @Override
    public String kind() {
        return CatalogExport.PARTS_EXPORT_JOB;
    }

    @Override
    public String label() {
        return "Export of parts";
    }

    @Override
    public String readPermission() {
        return "catalog:read";
    }

    @Override
    public String startPermission() {
        return "catalog:read";
    }

    @Override
    public Map<String, Object> run(JobContext job) {
        long parts = job.inTransaction(() -> jdbc.sql("select count(*) from catalog.parts where org_id = :org")
                .param("org", TenantContext.requireOrgId())
                .query(Long.class)
                .single());
        job.total(parts);
        job.stopIfCancelled();
        try (Writer out = Files.newBufferedWriter(job.resultFile("text/csv;charset=UTF-8"), StandardCharsets.UTF_8)) {
            job.inTransaction(() -> {
                export.parts(out);
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        job.progress(parts);
        return Map.of("rows", parts);
    }
}
