package io.traveler.shared.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Background jobs of every kind. {@code jobs:read} (or {@code jobs:cancel}) opens the endpoints; each job also needs
 * its kind's permission, so a member sees only the jobs of modules they may read (403 naming the permission when they
 * ask for one of another kind). Another organization's job is 404.
 */
@Tag(name = "Jobs", description = "Background jobs: imports and other long work, their progress and errors")
@RestController
@RequestMapping("/api/jobs")
class JobsController {
    /** The errors shown with a job; all stored ones are at {@code /api/jobs/{id}/errors}. */
    static final int FIRST_ERRORS = 20;

    private final JobRunner jobs;

    JobsController(JobRunner jobs) {
        this.jobs = jobs;
    }

    /**
     * A job: {@code total_units} is null until its input is counted; {@code percent} is 100 once finished.
     * {@code errors} holds the first few of {@code error_count} errors; {@code result_type} is the media type of
     * the file the job produced, when it has one ({@code /api/jobs/{id}/result}).
     */
    record JobView(
            UUID id,
            String kind,
            String status,
            Map<String, String> parameters,
            Long totalUnits,
            long processedUnits,
            long failedUnits,
            int percent,
            long errorCount,
            Map<String, Object> result,
            boolean cancelRequested,
            UUID createdBy,
            String createdByKind,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            String resultType,
            List<RowError> errors) {
        static JobView of(JobRunner.Job job, List<RowError> errors) {
            return new JobView(
                    job.id(),
                    job.kind(),
                    job.status().name(),
                    job.parameters(),
                    job.totalUnits(),
                    job.processedUnits(),
                    job.failedUnits(),
                    job.percent(),
                    job.errorCount(),
                    job.result(),
                    job.cancelRequested(),
                    job.createdBy(),
                    job.createdByKind(),
                    job.createdAt(),
                    job.startedAt(),
                    job.finishedAt(),
                    job.resultType(),
                    errors);
        }
    }

    /** Every stored error of a job; {@code error_count} counts all that were found. */
    record ErrorReport(UUID jobId, long errorCount, List<RowError> errors) {}

    @Operation(summary = "List the organization's background jobs, newest first")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('jobs:read')")
    ItemList<JobView> list(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor, null, Set.of("created_at"), "-created_at");
        return jobs.list(new JobRunner.Filter(blankToNull(kind), status(status)), page.limit(), page.cursor())
                .map(job -> JobView.of(job, List.of()));
    }

    @Operation(summary = "Get a job's status, progress, counts and first errors")
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('jobs:read')")
    JobView job(@PathVariable UUID id) {
        return JobView.of(jobs.readable(id), jobs.errors(id, FIRST_ERRORS));
    }

    /** {@code ?format=csv} (or {@code Accept: text/csv}) gives CSV with the columns row,field,message. */
    @Operation(summary = "Get every stored error of a job, as JSON or CSV")
    @GetMapping(
            path = "/{id}/errors",
            produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @PreAuthorize("hasAuthority('jobs:read')")
    ResponseEntity<?> errors(
            @PathVariable UUID id,
            @RequestParam(required = false) String format,
            @RequestHeader(name = "Accept", required = false) String accept) {
        JobRunner.Job job = jobs.readable(id);
        if (!wantsCsv(format, accept)) {
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new ErrorReport(id, job.errorCount(), jobs.errors(id, Integer.MAX_VALUE)));
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"job-" + id + "-errors.csv\"")
                .body(JobErrorsCsv.of(jobs, id));
    }

    /** What a completed job produced (an export), in its own media type; 404 when it has none or it was purged. */
    @Operation(summary = "Download the file a job produced")
    @GetMapping(
            path = "/{id}/result",
            produces = {"text/csv", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @PreAuthorize("hasAuthority('jobs:read')")
    ResponseEntity<Resource> result(@PathVariable UUID id) {
        JobRunner.Result result = jobs.result(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(result.contentType()))
                .header("Content-Disposition", "attachment; filename=\"job-" + id + "-result\"")
                .body(new FileSystemResource(result.file()));
    }

    @Operation(summary = "Cancel a job: a queued one at once, a running one after its current batch")
    @PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('jobs:cancel')")
    JobView cancel(@PathVariable UUID id) {
        return JobView.of(jobs.cancel(id), jobs.errors(id, FIRST_ERRORS));
    }

    private static boolean wantsCsv(String format, String accept) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new ValidationException("format", "must be csv or json");
            };
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).startsWith("text/csv");
    }

    private static JobRunner.Status status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return Arrays.stream(JobRunner.Status.values())
                .filter(s -> s.name().equalsIgnoreCase(status.trim()))
                .findFirst()
                .orElseThrow(() -> new ValidationException(
                        "status", "must be one of " + Arrays.toString(JobRunner.Status.values())));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
