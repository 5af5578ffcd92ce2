package io.traveler.shared.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/**
 * The running db-scheduler. A stopped scheduler cannot start again (its executors are shut down), so each start
 * builds a fresh one: the context may be stopped and started again (Spring's test context cache pauses the contexts
 * it is not using), and the tasks' state lives in the database anyway.
 */
public final class RunningScheduler implements SmartLifecycle {
    private final Supplier<Scheduler> schedulers;
    private volatile Scheduler running;

    RunningScheduler(Supplier<Scheduler> schedulers) {
        this.schedulers = schedulers;
    }

    @Override
    public synchronized void start() {
        if (running == null) {
            running = schedulers.get();
            running.start();
        }
    }

    @Override
    public synchronized void stop() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    /** Looks for due executions now instead of at the next poll (after new work committed). */
    public void checkForDueWork() {
        Scheduler scheduler = running;
        if (scheduler != null) {
            scheduler.triggerCheckForDueExecutions();
        }
    }
}
