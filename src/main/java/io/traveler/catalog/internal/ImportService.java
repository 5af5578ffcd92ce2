package io.traveler.catalog.internal;

import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.jobs.JobRunner;
import io.traveler.shared.jobs.RowError;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports of categories, parts, products, variants and BOM lines, from CSV or JSON, as jobs of the shared
 * {@link JobRunner} (one {@link ImportHandler} per kind). The request copies the body to a file and queues the job;
 * the runner owns the queue, the per-organization limits, progress, cancellation, errors and retention.
 */
@Service
public class ImportService {
    public enum Kind {
        CATEGORIES("categories", List.of("code", "name", "parent_code"), "code", "name"),
        PARTS(
                "parts",
                List.of("part_number", "name", "kind", "unit_of_measure", "unit_cost"),
                "part_number",
                "name",
                "kind",
                "unit_of_measure",
                "unit_cost"),
        PRODUCTS("products", List.of("sku", "name"), "sku", "name"),
        VARIANTS(
                "variants",
                List.of("product_sku", "code", "sku", "name", "attributes", "price", "cost_price", "status"),
                "product_sku",
                "name"),
        BOM_LINES(
                "bom-lines",
                List.of("parent_sku", "component_number", "quantity", "waste_factor"),
                "parent_sku",
                "component_number",
                "quantity",
                "waste_factor");

        private final String path;
        private final List<String> columns;
        private final List<String> required;

        Kind(String path, List<String> columns, String... required) {
            this.path = path;
            this.columns = columns;
            this.required = List.of(required);
        }

        public String path() {
            return path;
        }

        /** Every column the import reads, in the export's order. */
        public List<String> columns() {
            return columns;
        }

        /** The columns a CSV header must have. */
        public List<String> required() {
            return required;
        }

        public static Optional<Kind> byPath(String path) {
            return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
        }
    }

    public enum Format {
        CSV,
        JSON
    }

    /**
     * An import job as {@code GET /api/import-jobs/{id}} has always shown it; {@code errors} holds the first stored
     * errors of {@code errorCount}.
     */
    public record Job(
            UUID id,
            String kind,
            String format,
            String status,
            long totalRows,
            long processedRows,
            long failedRows,
            long errorCount,
            List<RowError> errors,
            Instant createdAt,
            Instant finishedAt) {
        public boolean isRunning() {
            return !JobRunner.Status.valueOf(status).finished();
        }
    }

    private final JobRunner jobs;

    ImportService(JobRunner jobs) {
        this.jobs = jobs;
    }

    /**
     * Copies the body to a file (413 beyond the upload limit, nothing stored), then queues the job; 429 while the
     * organization has as many jobs unfinished, or job files kept, as it may.
     */
    public UUID start(Kind kind, Format format, InputStream content, boolean activate) {
        return jobs.start(
                ImportHandler.kindOf(kind),
                Map.of("format", format.name().toLowerCase(Locale.ROOT), "activate", Boolean.toString(activate)),
                content);
    }

    /** The import job, with its first stored errors; 404 for any other job or another organization's. */
    @Transactional(readOnly = true)
    public Job job(UUID id) {
        JobRunner.Job job = jobs.find(id)
                .filter(j -> kindOf(j.kind()).isPresent())
                .orElseThrow(() -> NotFoundException.of("Import", id));
        return new Job(
                job.id(),
                kindOf(job.kind()).orElseThrow().path(),
                job.parameters().getOrDefault("format", "csv"),
                job.status().name(),
                job.totalUnits() == null ? 0 : job.totalUnits(),
                job.processedUnits(),
                job.failedUnits(),
                job.errorCount(),
                jobs.errors(id, MAX_SHOWN_ERRORS),
                job.createdAt(),
                job.finishedAt());
    }

    /** As many errors as an import job stored before jobs were shared (the cap of traveler.jobs.max-stored-errors). */
    static final int MAX_SHOWN_ERRORS = 1000;

    private static Optional<Kind> kindOf(String jobKind) {
        return Arrays.stream(Kind.values())
                .filter(k -> ImportHandler.kindOf(k).equals(jobKind))
                .findFirst();
    }
}
