package io.traveler.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.catalog.internal.BomService;
import io.traveler.catalog.internal.ImportService;
import io.traveler.shared.errors.ForbiddenException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.jobs.RowError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Imports")
@RestController
class ImportsController {
    private final ImportService imports;
    private final BomService boms;

    ImportsController(ImportService imports, BomService boms) {
        this.boms = boms;
        this.imports = imports;
    }

    /**
     * {@code errors} holds the first 1,000 of {@code error_count} errors; {@code failed_rows} counts every row. The
     * same job, with every kind's fields, is {@code GET /api/jobs/{id}}.
     */
    record JobView(
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
        static JobView of(ImportService.Job job) {
            return new JobView(
                    job.id(),
                    job.kind(),
                    job.format(),
                    job.status(),
                    job.totalRows(),
                    job.processedRows(),
                    job.failedRows(),
                    job.errorCount(),
                    job.errors(),
                    job.createdAt(),
                    job.finishedAt());
        }
    }

    /**
     * A CSV file whose header names the columns. The body streams to disk as it arrives (413 beyond {@code
     * traveler.api.max-import-bytes}); 429 with {@code Retry-After} while the organization has as many imports
     * queued or running as it may.
     */
    @Operation(summary = "Start an import from CSV")
    @PostMapping(path = "/api/imports/{kind}", consumes = "text/csv")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<Map<String, UUID>> startCsv(
            @PathVariable String kind,
            @RequestParam(defaultValue = "false") boolean activate,
            @RequestBody InputStreamResource csv) {
        return start(kind, ImportService.Format.CSV, activate, csv);
    }

    /** A JSON array of objects whose field names are the CSV columns; row n is the n-th element. */
    @Operation(summary = "Start an import from a JSON array")
    @PostMapping(path = "/api/imports/{kind}", consumes = "application/json")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<Map<String, UUID>> startJson(
            @PathVariable String kind,
            @RequestParam(defaultValue = "false") boolean activate,
            @RequestBody InputStreamResource json) {
        return start(kind, ImportService.Format.JSON, activate, json);
    }

    /** Activating the imported drafts needs the same rights as activating a DRAFT directly. */
    private ResponseEntity<Map<String, UUID>> start(
            String kind, ImportService.Format format, boolean activate, InputStreamResource content) {
        var importKind = ImportService.Kind.byPath(kind).orElseThrow(() -> new NotFoundException("Import kind", kind));
        if (activate && !boms.callerMayActivateDraft()) {
            throw new ForbiddenException("Activating imported drafts needs boms:approve and settings:update");
        }
        UUID id = imports.start(importKind, format, body(content), activate);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/import-jobs/" + id))
                .body(Map.of("id", id));
    }

    /** The request's body stream, read as it arrives (never buffered whole in memory). */
    private static InputStream body(InputStreamResource content) {
        try {
            return content.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Operation(summary = "Get an import job's progress and errors")
    @GetMapping("/api/import-jobs/{id}")
    @PreAuthorize("hasAuthority('catalog:read')")
    JobView job(@PathVariable UUID id) {
        return JobView.of(imports.job(id));
    }
}
