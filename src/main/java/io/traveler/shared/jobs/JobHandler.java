package io.traveler.shared.jobs;

import java.util.Map;

/**
 * One kind of background job, declared by a module as a Spring bean. The {@link JobRunner} owns the queue, the
 * per-organization limits, the input file, progress, cancellation, errors, retention and interrupted workers; the
 * handler only does the work, in batches through {@link JobContext#batch}.
 */
public interface JobHandler {
    /** {@code module.name}, e.g. {@code catalog.parts-import}; stored with every job of this kind. */
    String kind();

    /** What the job list shows for this kind. */
    String label();

    /** The permission needed to see jobs of this kind, their progress and their errors. */
    String readPermission();

    /** The permission needed to start (and so to cancel) jobs of this kind. */
    String startPermission();

    /**
     * Whether a job whose worker died may be run again from where its committed progress stopped
     * ({@link JobContext#alreadyProcessed()}); otherwise it ends FAILED saying it was interrupted.
     */
    default boolean resumable() {
        return false;
    }

    /**
     * Does the job as the user who started it; returns its result summary (may be empty). Throw
     * {@link JobFailedException} to fail it with a row-0 error.
     */
    Map<String, Object> run(JobContext context);
}
