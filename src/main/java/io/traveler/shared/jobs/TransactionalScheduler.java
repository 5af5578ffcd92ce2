package io.traveler.shared.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Schedules db-scheduler executions on the caller's transaction's connection: the execution exists exactly when the
 * caller's writes commit (a job row and the task that processes it), and never without them. Once they commit, the
 * scheduler is told to look for due work at once instead of at its next poll.
 */
@Component
public class TransactionalScheduler {
    private final SchedulerClient client;
    private final ObjectProvider<RunningScheduler> jobs;

    TransactionalScheduler(DataSource dataSource, ObjectProvider<RunningScheduler> jobs) {
        this.client = SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource))
                .build();
        this.jobs = jobs;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public <T> void schedule(SchedulableInstance<T> execution) {
        client.schedule(execution);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                jobs.ifAvailable(RunningScheduler::checkForDueWork);
            }
        });
    }
}
