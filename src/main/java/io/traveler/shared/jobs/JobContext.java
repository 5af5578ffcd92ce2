package io.traveler.shared.jobs;

import io.traveler.shared.tenancy.Tenant;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a {@link JobHandler} sees of its job while it runs: its parameters and input file, its progress, its error
 * report and whether cancellation was asked for. Progress is stored in the transaction of the batch it counts, so the
 * stored progress always matches what the job has committed; a worker that no longer holds its job (cancelled while
 * queued, or taken over after being thought dead) finds out at its next batch, which rolls back.
 */
public final class JobContext {
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final UUID jobId;
    private final UUID worker;
    private final String kind;
    private final Tenant startedBy;
    private final Map<String, String> parameters;
    private final Path file;
    private final long alreadyProcessed;
    private final JobErrors errors;
    private final JobFiles files;
    private String resultFile;
    private String resultType;

    JobContext(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            UUID jobId,
            UUID worker,
            String kind,
            Tenant startedBy,
            Map<String, String> parameters,
            Path file,
            long alreadyProcessed,
            JobErrors errors,
            JobFiles files) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.jobId = jobId;
        this.worker = worker;
        this.kind = kind;
        this.startedBy = startedBy;
        this.parameters = Map.copyOf(parameters);
        this.file = file;
        this.alreadyProcessed = alreadyProcessed;
        this.errors = errors;
        this.files = files;
    }

    /** The job is no longer this worker's to run (see the class comment); it stops without touching the job. */
    static final class Gone extends RuntimeException {
        Gone() {
            super(null, null, false, false);
        }
    }

    /** Cancellation was asked for; the runner ends the job CANCELLED after the batch that noticed it. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    public UUID jobId() {
        return jobId;
    }

    public String kind() {
        return kind;
    }

    public Tenant startedBy() {
        return startedBy;
    }

    /** A parameter given when the job was started, or null. */
    public String parameter(String name) {
        return parameters.get(name);
    }

    /** The uploaded input, on disk. */
    public Path file() {
        if (file == null) {
            throw new IllegalStateException("job " + jobId + " has no input file");
        }
        return file;
    }

    /** Units an interrupted earlier worker committed; a resumable handler skips them. 0 on a first run. */
    public long alreadyProcessed() {
        return alreadyProcessed;
    }

    public JobErrors errors() {
        return errors;
    }

    /**
     * The file to write the job's result to (an export), of {@code contentType}. Kept with the job when it completes
     * (downloadable at {@code /api/jobs/{id}/result}, counted toward the organization's stored bytes, deleted by the
     * retention); deleted at once when it does not.
     */
    public Path resultFile(String contentType) {
        if (resultFile == null) {
            resultFile = files.newFile();
        }
        resultType = contentType;
        return files.path(resultFile);
    }

    String resultName() {
        return resultFile;
    }

    String resultType() {
        return resultType;
    }

    /** Work of the job in its own transaction, with the budget of background work. */
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(s -> work.get());
    }

    /** How many units (rows) the job has in all; shown as its progress' denominator. */
    public void total(long units) {
        transactions.executeWithoutResult(s -> jdbc.sql("""
                        update shared.jobs set total_units = :total, updated_at = now()
                         where org_id = :org and id = :id and worker = :worker and status = 'RUNNING'
                        """)
                .param("org", startedBy.orgId())
                .param("total", units)
                .param("id", jobId)
                .param("worker", worker)
                .update());
    }

    /**
     * Runs {@code work} and counts {@code units} more as processed (with the errors found since the last progress),
     * in one transaction; then stops the job if cancellation was asked for. The check between batches: a cancelled
     * job keeps every batch it committed and none after.
     */
    public void batch(long units, Runnable work) {
        boolean cancel = Boolean.TRUE.equals(transactions.execute(s -> {
            work.run();
            return record(units);
        }));
        if (cancel) {
            throw new Cancelled();
        }
    }

    /** {@link #batch} without other work: rows that failed, or were skipped, count as processed too. */
    public void progress(long units) {
        batch(units, () -> {});
    }

    /** Stops the job here if cancellation was asked for (between phases that store no progress). */
    public void stopIfCancelled() {
        progress(0);
    }

    /** In the caller's transaction; whether cancellation was asked for. */
    private boolean record(long units) {
        var pending = errors.drain();
        Boolean cancel = jdbc.sql("""
                        update shared.jobs
                           set processed_units = processed_units + :units, failed_units = failed_units + :failed,
                               error_count = error_count + :errorCount, updated_at = now()
                         where org_id = :org and id = :id and worker = :worker and status = 'RUNNING'
                        returning cancel_requested_at is not null
                        """)
                .param("org", startedBy.orgId())
                .param("units", units)
                .param("failed", pending.failedUnits())
                .param("errorCount", pending.errorCount())
                .param("id", jobId)
                .param("worker", worker)
                .query(Boolean.class)
                .optional()
                .orElseThrow(Gone::new);
        storeErrors(jdbc, jobId, pending);
        return cancel;
    }

    static void storeErrors(JdbcClient jdbc, UUID jobId, JobErrors.Pending pending) {
        if (pending.kept().isEmpty()) {
            return;
        }
        var kept = pending.kept();
        jdbc.sql("""
                        insert into shared.job_errors (org_id, job_id, seq, row_no, field, message)
                        select cast(current_setting('app.org_id') as uuid), :job, :first + e.n - 1, e.row_no, e.field,
                               e.message
                          from unnest(cast(:rows as bigint[]), :fields, :messages)
                               with ordinality as e(row_no, field, message, n)
                        """)
                .param("job", jobId)
                .param("first", pending.firstSeq())
                .param("rows", textArray(kept.stream().map(e -> Long.toString(e.row()))))
                .param("fields", textArray(kept.stream().map(RowError::field)))
                .param("messages", textArray(kept.stream().map(RowError::message)))
                .update();
    }

    static SqlParameterValue textArray(Stream<String> values) {
        Object[] array = values.toArray();
        return new SqlParameterValue(Types.ARRAY, new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection con, int sqlType, String typeName) throws SQLException {
                return con.createArrayOf("text", array);
            }
        });
    }
}
