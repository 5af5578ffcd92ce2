package io.traveler.shared.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors of one running job: every error and failed row counted, but only the first {@code cap} kept, so an input
 * of garbage cannot fill the memory or the database. Errors wait here until the job's next progress stores them.
 */
public final class JobErrors {
    record Pending(List<RowError> kept, int firstSeq, long errorCount, long failedUnits) {}

    private final int cap;
    private final List<RowError> pending = new ArrayList<>();
    private int kept;
    private long errorCount;
    private long failedUnits;

    JobErrors(int cap, int alreadyKept) {
        this.cap = cap;
        this.kept = alreadyKept;
    }

    /** One error; {@code firstOfRow} when it is the first reason its row fails (the row counts as failed once). */
    public synchronized void add(RowError error, boolean firstOfRow) {
        errorCount++;
        if (firstOfRow) {
            failedUnits++;
        }
        if (kept + pending.size() < cap) {
            pending.add(error);
        }
    }

    /** Everything added since the last call, to be stored with the progress. */
    synchronized Pending drain() {
        var drained = new Pending(List.copyOf(pending), kept, errorCount, failedUnits);
        kept += pending.size();
        pending.clear();
        errorCount = 0;
        failedUnits = 0;
        return drained;
    }
}
