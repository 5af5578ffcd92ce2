package io.traveler.catalog.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Import workers are threads of the application, so a job still RUNNING when the application starts was interrupted
 * by the previous run stopping: it is marked FAILED with a row-0 error saying so, and can be started again (the
 * batches it committed stay, and a re-import updates them). Jobs this run started are left alone; QUEUED jobs wait
 * for the scheduler, which takes them after a restart as before it (and whose re-delivered execution of a failed
 * job finds it no longer QUEUED and does nothing).
 *
 * <p>No organization is set at start-up, so the update runs under the narrow {@code interrupted_jobs_*} policies of
 * {@code catalog.import_jobs}, enabled by {@code app.sweep} for this one transaction.
 */
@Component
class InterruptedImports {
    static final String MESSAGE = "the import was interrupted when the application stopped; start it again";
    private static final Logger LOG = LoggerFactory.getLogger(InterruptedImports.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    InterruptedImports(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void failInterruptedJobs() {
        Integer failed = transactions.execute(s -> {
            jdbc.sql("select set_config('app.sweep', 'catalog.import_jobs', true)")
                    .query(String.class)
                    .single();
            return jdbc.sql("""
                            update catalog.import_jobs
                               set status = 'FAILED', error_count = error_count + 1,
                                   errors = errors || jsonb_build_array(
                                       jsonb_build_object('row', 0, 'field', cast(null as text), 'message', cast(:message as text))),
                                   updated_at = now(), finished_at = now()
                             where status = 'RUNNING' and runner is distinct from :runner
                            """)
                    .param("message", MESSAGE)
                    .param("runner", ImportService.RUNNER)
                    .update();
        });
        if (failed != null && failed > 0) {
            LOG.warn("{} import job(s) left RUNNING by an earlier run marked FAILED", failed);
        }
    }
}
