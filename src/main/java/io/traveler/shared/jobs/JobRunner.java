package io.traveler.shared.jobs;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.TryLaterException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.TimeCursor;
import io.traveler.shared.security.Callers;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Background jobs of every kind: a {@link JobHandler} bean per kind does the work, this runner owns the rest. Starting
 * a job copies its upload to a file ({@link JobFiles}), then stores the job QUEUED together with its db-scheduler
 * execution ({@link #TASK}, instance = the job's id) in one transaction. One of the scheduler's
 * {@code traveler.jobs.threads} workers takes it (RUNNING), acting as the user who started it, and the handler commits
 * progress with each batch. An organization has at most {@code traveler.jobs.max-queued-per-organization} jobs queued
 * or running, and keeps at most {@code traveler.jobs.max-stored-bytes-per-organization} of job files (429 beyond
 * either).
 *
 * <p>Each execution attempt claims the job with a fresh worker token; progress and the end of the job only count
 * with the token that holds it. db-scheduler runs an execution on one node at a time and revives an execution whose
 * node stopped beating ({@code traveler.jobs.heartbeat-interval}); a revived execution finds its job RUNNING, so the
 * earlier worker died: the job resumes where its committed progress stopped when its handler is
 * {@link JobHandler#resumable() resumable}, and otherwise ends FAILED with {@link #INTERRUPTED}.
 */
@Service
public class JobRunner {
    public static final String INTERRUPTED =
            "the job was interrupted: the application running it stopped before it finished; start it again";

    /** The db-scheduler task that runs one job; its instance id is the job's id. */
    static final TaskDescriptor<Order> TASK = TaskDescriptor.of("job", Order.class);

    public enum Status {
        QUEUED,
        RUNNING,
        COMPLETED,
        FAILED,
        CANCELLED;

        public boolean finished() {
            return this == COMPLETED || this == FAILED || this == CANCELLED;
        }
    }

    /** What a worker needs to take a queued job: who started it, and which job. */
    record Order(UUID orgId, UUID actorId, Tenant.ActorKind actorKind, UUID jobId) implements Serializable {
        Tenant startedBy() {
            return new Tenant(orgId, actorId, actorKind);
        }
    }

    /** A job as its organization sees it; {@code totalUnits} is null until the handler has counted its input. */
    public record Job(
            UUID id,
            String kind,
            Status status,
            Map<String, String> parameters,
            Long totalUnits,
            long processedUnits,
            long failedUnits,
            long errorCount,
            Map<String, Object> result,
            boolean cancelRequested,
            UUID createdBy,
            String createdByKind,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            String resultType) {
        /** Whether the job produced a file that is still kept ({@code /api/jobs/{id}/result}). */
        public boolean hasResult() {
            return resultType != null;
        }

        /** Processed share in percent; a finished job is at 100 whatever it processed. */
        public int percent() {
            if (status.finished()) {
                return 100;
            }
            return totalUnits == null || totalUnits == 0 ? 0 : (int) Math.min(100, 100 * processedUnits / totalUnits);
        }
    }

    /** Filters of the job list; nulls filter nothing. */
    public record Filter(String kind, Status status) {}

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    private static final String COLUMNS = """
            id, kind, status, parameters::text, total_units, processed_units, failed_units, error_count, result::text,
            cancel_requested_at is not null, created_by, created_by_kind, created_at, started_at, finished_at,
            case when result_file is not null and file_purged_at is null then result_type end""";

    private final JdbcClient jdbc;
    private final TransactionTemplate requests;
    private final TransactionTemplate work;
    private final Map<String, JobHandler> handlers;
    private final JobFiles files;
    private final TransactionalScheduler scheduler;
    private final int maxUnfinished;
    private final long maxStoredBytes;
    private final int maxStoredErrors;
    private final Callers callers;

    JobRunner(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            List<JobHandler> handlers,
            JobFiles files,
            TransactionalScheduler scheduler,
            @Value("${traveler.jobs.max-queued-per-organization:4}") int maxUnfinished,
            @Value("${traveler.jobs.max-stored-bytes-per-organization:512MB}") DataSize maxStoredBytes,
            @Value("${traveler.jobs.max-stored-errors:1000}") int maxStoredErrors,
            @Value("${traveler.jobs.statement-timeout:5m}") Duration statementTimeout,
            Callers callers) {
        this.jdbc = jdbc;
        this.requests = new TransactionTemplate(transactionManager);
        // a worker's transactions (a batch each) get the longer budget of background work
        this.work = new TransactionTemplate(transactionManager);
        this.work.setTimeout((int) Math.max(1, statementTimeout.toSeconds()));
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(JobHandler::kind, h -> h));
        this.files = files;
        this.scheduler = scheduler;
        this.maxUnfinished = maxUnfinished;
        this.maxStoredBytes = maxStoredBytes.toBytes();
        this.maxStoredErrors = maxStoredErrors;
        this.callers = callers;
    }

    // --- starting -------------------------------------------------------------------------------------------

    /**
     * Starts a job of {@code kind} for the current organization, as the current actor. The upload (may be null) is
     * copied to a file first (413 beyond the upload limit, nothing stored); then the job is stored QUEUED and its
     * execution scheduled in one transaction. 429 when the organization already has as many jobs unfinished, or as
     * many bytes of job files kept, as it may: checked before the upload is read, and again under the organization's
     * lock. The caller checks the permission to start this kind.
     */
    public UUID start(String kind, Map<String, String> parameters, InputStream upload) {
        handler(kind);
        requests.executeWithoutResult(s -> requireRoomFor(0));
        JobFiles.Stored file = upload == null ? null : files.store(upload);
        try {
            return requests.execute(s -> enqueue(kind, parameters, file));
        } catch (RuntimeException e) {
            if (file != null) {
                files.delete(file.name());
            }
            throw e;
        }
    }

    private UUID enqueue(String kind, Map<String, String> parameters, JobFiles.Stored file) {
        Tenant starter = TenantContext.current();
        jdbc.sql("select pg_advisory_xact_lock(hashtext('shared.jobs'), hashtext(:org))")
                .param("org", starter.orgId().toString())
                .query(Object.class)
                .single();
        requireRoomFor(file == null ? 0 : file.bytes());
        UUID id = Ids.newId();
        jdbc.sql("""
                        insert into shared.jobs (org_id, id, kind, status, parameters, file, file_bytes, created_by,
                                                 created_by_kind, created_at, updated_at)
                        values (:org, :id, :kind, 'QUEUED', cast(:parameters as jsonb), :file, :bytes, :by, :byKind,
                                now(), now())
                        """)
                .param("org", starter.orgId())
                .param("id", id)
                .param("kind", kind)
                .param("parameters", JSON.writeValueAsString(parameters))
                .param("file", file == null ? null : file.name())
                .param("bytes", file == null ? 0 : file.bytes())
                .param("by", starter.actorId())
                .param("byKind", starter.actorKind().name())
                .update();
        scheduler.schedule(TASK.instance(id.toString())
                .data(new Order(starter.orgId(), starter.actorId(), starter.actorKind(), id))
                .scheduledTo(Instant.now()));
        return id;
    }

    /** Room for one more job with a file of {@code bytes}: jobs unfinished, and files kept (of finished jobs too). */
    private void requireRoomFor(long bytes) {
        record Load(int unfinished, long storedBytes) {}
        Load load = jdbc.sql("""
                        select count(*) filter (where status in ('QUEUED', 'RUNNING')) as unfinished,
                               coalesce(sum(file_bytes + result_bytes) filter (where file_purged_at is null), 0)
                                   as stored_bytes
                          from shared.jobs
                         where org_id = :org
                        """)
                .param("org", TenantContext.requireOrgId())
                .query(Load.class)
                .single();
        if (load.unfinished() >= maxUnfinished) {
            throw TryLaterException.tooMany(
                    "Your organization already has " + load.unfinished()
                            + " jobs queued or running, as many as it may (" + maxUnfinished
                            + "); start this one when one of them has finished",
                    RETRY_AFTER);
        }
        if (load.storedBytes() + bytes > maxStoredBytes || (bytes == 0 && load.storedBytes() >= maxStoredBytes)) {
            throw TryLaterException.tooMany(
                    "Your organization's job files take " + megabytes(load.storedBytes()) + " MB, and with this one"
                            + " would pass the " + megabytes(maxStoredBytes) + " MB it may keep; files are deleted"
                            + " when their jobs' retention period ends",
                    Duration.ofHours(1));
        }
    }

    private static long megabytes(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    // --- reading ----------------------------------------------------------------------------------------------

    /** The job, if the organization has it (whatever the caller's permissions). */
    @Transactional(readOnly = true)
    public Optional<Job> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from shared.jobs where org_id = :org and id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query(JobRunner::job)
                .optional();
    }

    /** The job for a caller who may read its kind: another organization's (or an unknown) id is 404, a kind the caller
     * may not read 403. */
    @Transactional(readOnly = true)
    public Job readable(UUID id) {
        Job job = find(id).orElseThrow(() -> NotFoundException.of("Job", id));
        requireCaller(handler(job.kind()).readPermission(), job.kind());
        return job;
    }

    /** The organization's jobs of the kinds the caller may read, newest first, keyset-paged. */
    @Transactional(readOnly = true)
    public ItemList<Job> list(Filter filter, int limit, String cursor) {
        List<String> kinds;
        if (filter.kind() != null) {
            JobHandler handler = handlers.get(filter.kind());
            if (handler == null) {
                throw new ValidationException("kind", "is not a kind of job; known: " + kinds());
            }
            requireCaller(handler.readPermission(), filter.kind());
            kinds = List.of(filter.kind());
        } else {
            kinds = handlers.values().stream()
                    .filter(h -> callerMay(h.readPermission()))
                    .map(JobHandler::kind)
                    .toList();
        }
        TimeCursor after = TimeCursor.parse(cursor);
        List<Job> rows = jdbc.sql("select " + COLUMNS + """
                          from shared.jobs
                         where org_id = :org and kind = any(:kinds)
                           and (cast(:status as text) is null or status = :status)
                           and (cast(:afterAt as timestamptz) is null or (created_at, id) < (:afterAt, :afterId))
                         order by created_at desc, id desc
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("kinds", JobContext.textArray(kinds.stream()))
                .param(
                        "status",
                        filter.status() == null ? null : filter.status().name())
                .param("afterAt", TimeCursor.timeOf(after))
                .param("afterId", TimeCursor.idOf(after))
                .param("limit", limit + 1)
                .query(JobRunner::job)
                .list();
        return TimeCursor.page(rows, limit, row -> new TimeCursor(row.createdAt(), row.id()));
    }

    /** The first {@code limit} stored errors of a job, in the order found. */
    @Transactional(readOnly = true)
    public List<RowError> errors(UUID id, int limit) {
        return jdbc.sql("""
                        select row_no as "row", field, message from shared.job_errors
                         where org_id = :org and job_id = :id order by seq limit :n
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .param("n", limit)
                .query(RowError.class)
                .list();
    }

    /** A job's result file as it was written, and its content type. */
    public record Result(Path file, String contentType) {}

    /** The result file of a job the caller may read; 404 when it has none (any more). */
    @Transactional(readOnly = true)
    public Result result(UUID id) {
        readable(id);
        record Stored(String file, String type) {}
        Stored stored = jdbc.sql("""
                        select result_file as file, result_type as type from shared.jobs
                         where org_id = :org and id = :id and result_file is not null and file_purged_at is null
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query(Stored.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("Result of job", id));
        return new Result(files.path(stored.file()), stored.type());
    }

    /** Every stored error of a job, one by one (never all in memory). */
    @Transactional(readOnly = true)
    public void eachError(UUID id, Consumer<RowError> each) {
        RowCallbackHandler row = rs -> each.accept(new RowError(rs.getLong(1), rs.getString(2), rs.getString(3)));
        jdbc.sql("""
                        select row_no, field, message from shared.job_errors
                         where org_id = :org and job_id = :id order by seq
                        """).param("org", TenantContext.requireOrgId()).param("id", id).query(row);
    }

    /** The kinds with a handler, and what the list calls them. */
    public Map<String, String> kinds() {
        Map<String, String> kinds = new LinkedHashMap<>();
        handlers.values().stream()
                .sorted(Comparator.comparing(JobHandler::kind))
                .forEach(h -> kinds.put(h.kind(), h.label()));
        return kinds;
    }

    /** The kinds the caller may read. */
    public Set<String> readableKinds() {
        return handlers.values().stream()
                .filter(h -> callerMay(h.readPermission()))
                .map(JobHandler::kind)
                .collect(Collectors.toUnmodifiableSet());
    }

    // --- cancelling -------------------------------------------------------------------------------------------

    /**
     * Asks for the job to stop, by a caller who may start its kind. A QUEUED job is CANCELLED at once; a RUNNING one
     * is flagged, and its handler stops after its current batch. A finished job is answered as it is.
     */
    @Transactional
    public Job cancel(UUID id) {
        Job job = readable(id);
        requireCaller(handler(job.kind()).startPermission(), job.kind());
        jdbc.sql("""
                        update shared.jobs
                           set cancel_requested_at = coalesce(cancel_requested_at, now()),
                               cancel_requested_by = coalesce(cancel_requested_by, :by),
                               finished_at = case when status = 'QUEUED' then now() else finished_at end,
                               status = case when status = 'QUEUED' then 'CANCELLED' else status end,
                               updated_at = now()
                         where org_id = :org and id = :id and status in ('QUEUED', 'RUNNING')
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("by", TenantContext.current().actorId())
                .param("id", id)
                .update();
        return find(id).orElseThrow();
    }

    // --- running ----------------------------------------------------------------------------------------------

    private record Claim(
            String previous,
            String kind,
            String parameters,
            String file,
            long processed,
            boolean cancelRequested,
            int errorsKept) {}

    /**
     * One execution of a job's task. It claims the job (QUEUED or RUNNING) with a new worker token; a job found
     * RUNNING was left by a worker that died (db-scheduler revives an execution only when its node stopped beating).
     */
    void run(Order order) {
        TenantContext.runAs(order.startedBy(), () -> {
            UUID worker = Ids.newId();
            Optional<Claim> claimed = work.execute(s -> jdbc.sql("""
                            with before as (select id, status from shared.jobs
                                             where org_id = :org and id = :id for update)
                            update shared.jobs j
                               set status = 'RUNNING', worker = :worker, attempts = j.attempts + 1,
                                   started_at = coalesce(j.started_at, now()), updated_at = now()
                              from before b
                             where j.id = b.id and b.status in ('QUEUED', 'RUNNING')
                            returning b.status as previous, j.kind, j.parameters::text as parameters,
                                      case when j.file_purged_at is null then j.file end as file,
                                      j.processed_units as processed,
                                      j.cancel_requested_at is not null as cancel_requested,
                                      (select count(*) from shared.job_errors e
                                        where e.org_id = j.org_id and e.job_id = j.id) as errors_kept
                            """)
                    .param("org", order.startedBy().orgId())
                    .param("id", order.jobId())
                    .param("worker", worker)
                    .query(Claim.class)
                    .optional());
            claimed.ifPresent(claim -> run(order, worker, claim));
        });
    }

    private void run(Order order, UUID worker, Claim claim) {
        JobHandler handler = handlers.get(claim.kind());
        boolean interrupted = Status.RUNNING.name().equals(claim.previous());
        var context = new JobContext(
                jdbc,
                work,
                order.jobId(),
                worker,
                claim.kind(),
                order.startedBy(),
                JSON.readValue(claim.parameters(), new TypeReference<Map<String, String>>() {}),
                claim.file() == null ? null : files.path(claim.file()),
                interrupted ? claim.processed() : 0,
                new JobErrors(maxStoredErrors, claim.errorsKept()),
                files);
        if (handler == null) {
            finish(context, worker, Status.FAILED, new RowError(0, null, "no handler runs jobs of this kind"), null);
        } else if (interrupted && claim.cancelRequested()) {
            finish(context, worker, Status.CANCELLED, null, null);
        } else if (interrupted && !handler.resumable()) {
            LOG.warn("Job {} ({}) was interrupted and cannot resume: marked FAILED", order.jobId(), claim.kind());
            finish(context, worker, Status.FAILED, new RowError(0, null, INTERRUPTED), null);
        } else {
            if (interrupted) {
                LOG.warn(
                        "Job {} ({}) was interrupted: resuming after {} units",
                        order.jobId(),
                        claim.kind(),
                        claim.processed());
            }
            execute(handler, context, worker);
        }
    }

    private void execute(JobHandler handler, JobContext context, UUID worker) {
        try {
            Map<String, Object> result = handler.run(context);
            finish(context, worker, Status.COMPLETED, null, result);
        } catch (JobFailedException e) {
            finish(context, worker, Status.FAILED, new RowError(0, e.field(), e.getMessage()), null);
        } catch (JobContext.Cancelled e) {
            finish(context, worker, Status.CANCELLED, null, null);
        } catch (JobContext.Gone e) {
            LOG.warn("Job {} stopped: it is no longer this worker's to run", context.jobId());
            if (context.resultName() != null) {
                files.delete(context.resultName());
            }
        } catch (RuntimeException e) {
            LOG.error("Job {} ({}) failed", context.jobId(), context.kind(), e);
            finish(context, worker, Status.FAILED, new RowError(0, null, "the job stopped unexpectedly"), null);
        }
    }

    /** Ends the job, storing the errors not yet stored; a fatal row-0 error is stored whatever the cap. */
    private void finish(JobContext context, UUID worker, Status status, RowError fatal, Map<String, Object> summary) {
        var pending = context.errors().drain();
        var stored = fatal == null
                ? pending
                : new JobErrors.Pending(
                        Stream.concat(pending.kept().stream(), Stream.of(fatal)).toList(),
                        pending.firstSeq(),
                        pending.errorCount() + 1,
                        pending.failedUnits());
        String result = status == Status.COMPLETED ? context.resultName() : null;
        boolean ended = Boolean.TRUE.equals(work.execute(s -> {
            int updated = jdbc.sql("""
                            update shared.jobs
                               set status = :status, error_count = error_count + :errorCount,
                                   failed_units = failed_units + :failed, result = cast(:result as jsonb),
                                   result_file = :resultFile, result_bytes = :resultBytes, result_type = :resultType,
                                   updated_at = now(), finished_at = now()
                             where org_id = :org and id = :id and worker = :worker and status = 'RUNNING'
                            """)
                    .param("org", context.startedBy().orgId())
                    .param("status", status.name())
                    .param("errorCount", stored.errorCount())
                    .param("failed", stored.failedUnits())
                    .param("result", summary == null ? null : JSON.writeValueAsString(summary))
                    .param("resultFile", result)
                    .param("resultBytes", result == null ? 0 : files.size(result))
                    .param("resultType", result == null ? null : context.resultType())
                    .param("id", context.jobId())
                    .param("worker", worker)
                    .update();
            if (updated == 1) {
                JobContext.storeErrors(jdbc, context.jobId(), stored);
            }
            return updated == 1;
        }));
        if (context.resultName() != null && (result == null || !ended)) {
            files.delete(context.resultName());
        }
    }

    // --- permissions ------------------------------------------------------------------------------------------

    JobHandler handler(String kind) {
        JobHandler handler = handlers.get(kind);
        if (handler == null) {
            throw new IllegalArgumentException("no job handler of kind " + kind);
        }
        return handler;
    }

    private boolean callerMay(String permission) {
        return callers.hold(permission);
    }

    private void requireCaller(String permission, String kind) {
        callers.require(permission, "Jobs of kind " + kind);
    }

    private static Job job(ResultSet rs, int n) throws SQLException {
        Long total = rs.getObject(5, Long.class);
        String result = rs.getString(9);
        return new Job(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                Status.valueOf(rs.getString(3)),
                JSON.readValue(rs.getString(4), new TypeReference<Map<String, String>>() {}),
                total,
                rs.getLong(6),
                rs.getLong(7),
                rs.getLong(8),
                result == null ? null : JSON.readValue(result, new TypeReference<Map<String, Object>>() {}),
                rs.getBoolean(10),
                rs.getObject(11, UUID.class),
                rs.getString(12),
                instant(rs.getTimestamp(13)),
                instant(rs.getTimestamp(14)),
                instant(rs.getTimestamp(15)),
                rs.getString(16));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
