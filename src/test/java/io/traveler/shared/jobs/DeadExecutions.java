package io.traveler.shared.jobs;

import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a node that died in the middle of a job leaves behind: the job RUNNING under that node's worker token, and its
 * db-scheduler execution picked by that node, whose heartbeat stopped an hour ago.
 */
public final class DeadExecutions {
    private DeadExecutions() {}

    /** Leaves the job RUNNING with {@code processed} units done by a dead node's worker. */
    public static void leave(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            TransactionalScheduler scheduler,
            Tenant startedBy,
            UUID job,
            long processed) {
        TenantContext.runAs(
                startedBy,
                () -> transactions.executeWithoutResult(s -> {
                    jdbc.sql("""
                            update shared.jobs
                               set status = 'RUNNING', worker = gen_random_uuid(), attempts = 1,
                                   processed_units = :processed, started_at = now(), updated_at = now()
                             where id = :id
                            """).param("processed", processed).param("id", job).update();
                    // scheduled far ahead, so no live node picks it before it is marked as the dead node's
                    scheduler.schedule(JobRunner.TASK
                            .instance(job.toString())
                            .data(new JobRunner.Order(
                                    startedBy.orgId(), startedBy.actorId(), startedBy.actorKind(), job))
                            .scheduledTo(Instant.now().plusSeconds(3600)));
                    jdbc.sql("""
                            update scheduled_tasks
                               set picked = true, picked_by = 'a-node-that-died',
                                   last_heartbeat = now() - interval '1 hour', execution_time = now() - interval '1 hour'
                             where task_name = 'job' and task_instance = :id
                            """).param("id", job.toString()).update();
                }));
    }

    /** Whether the job's execution is gone from the scheduler (it ran to its end). */
    public static boolean executionDone(JdbcClient jdbc, UUID job) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = 'job' and task_instance = :id")
                        .param("id", job.toString())
                        .query(Long.class)
                        .single()
                == 0;
    }
}
