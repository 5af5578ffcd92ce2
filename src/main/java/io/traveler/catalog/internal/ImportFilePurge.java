package io.traveler.catalog.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the stored files of finished imports started before a time, in every organization: the jobs are marked
 * purged by {@code catalog.purge_import_files} (the one way across row-level security, see migration catalog V7) in
 * the same transaction that deletes their files, so a failed deletion leaves them to the next run.
 */
@Component
class ImportFilePurge {
    private static final Logger LOG = LoggerFactory.getLogger(ImportFilePurge.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ImportFiles files;

    ImportFilePurge(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            ImportFiles files,
            @Value("${traveler.jobs.statement-timeout:5m}") Duration statementTimeout) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setTimeout((int) Math.max(1, statementTimeout.toSeconds()));
        this.files = files;
    }

    private record Purged(java.util.UUID jobId, String file) {}

    /** How many files were purged. */
    int purgeStartedBefore(Instant threshold) {
        List<Purged> purged = transactions.execute(s -> {
            List<Purged> marked = jdbc.sql("select job_id, file from catalog.purge_import_files(:before)")
                    .param("before", java.sql.Timestamp.from(threshold))
                    .query(Purged.class)
                    .list();
            marked.stream().filter(p -> p.file() != null).forEach(p -> files.delete(p.file()));
            return marked;
        });
        if (!purged.isEmpty()) {
            LOG.info("Purged the stored files of {} import(s) started before {}", purged.size(), threshold);
        }
        return purged.size();
    }
}
