package io.traveler.shared.jobs;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgets finished jobs in every organization: their files {@code traveler.jobs.file-retention} after they finished,
 * the jobs themselves with their errors {@code traveler.jobs.retention} after. {@code shared.purge_jobs} (the one way
 * across row-level security, see migration shared V3) marks and deletes the rows in the same transaction that
 * deletes their files, so a failed deletion leaves them to the next run.
 */
@Component
class JobRetention {
    private static final Logger LOG = LoggerFactory.getLogger(JobRetention.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JobFiles files;
    private final Duration fileRetention;
    private final Duration retention;

    JobRetention(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            JobFiles files,
            @Value("${traveler.jobs.file-retention:7d}") Duration fileRetention,
            @Value("${traveler.jobs.retention:90d}") Duration retention,
            @Value("${traveler.jobs.statement-timeout:5m}") Duration statementTimeout) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setTimeout((int) Math.max(1, statementTimeout.toSeconds()));
        this.files = files;
        this.fileRetention = fileRetention;
        this.retention = retention;
    }

    record Purged(UUID jobId, String file, String resultFile, boolean deleted) {}

    /** What the recurring task does: purges by the configured periods, counted from now. */
    List<Purged> purge(Instant now) {
        return purgeFinishedBefore(now.minus(fileRetention), now.minus(retention));
    }

    /** Forgets the files of jobs finished before {@code filesBefore} and deletes the jobs finished before {@code
     * jobsBefore}; what was purged. */
    List<Purged> purgeFinishedBefore(Instant filesBefore, Instant jobsBefore) {
        List<Purged> purged = transactions.execute(s -> {
            List<Purged> marked = jdbc.sql(
                            "select job_id, file, result_file, deleted from shared.purge_jobs(:files, :jobs)")
                    .param("files", Timestamp.from(filesBefore))
                    .param("jobs", Timestamp.from(jobsBefore))
                    .query(Purged.class)
                    .list();
            for (Purged purgedJob : marked) {
                if (purgedJob.file() != null) {
                    files.delete(purgedJob.file());
                }
                if (purgedJob.resultFile() != null) {
                    files.delete(purgedJob.resultFile());
                }
            }
            return marked;
        });
        if (!purged.isEmpty()) {
            LOG.info(
                    "Job retention: {} job(s) deleted, {} file(s) deleted",
                    purged.stream().filter(Purged::deleted).count(),
                    purged.stream()
                            .mapToLong(p -> (p.file() == null ? 0 : 1) + (p.resultFile() == null ? 0 : 1))
                            .sum());
        }
        return purged;
    }
}
