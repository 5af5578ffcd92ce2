package io.traveler.catalog.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors of one import job: every error and failed row counted, but only the first {@link #CAP} errors kept, so
 * a file of garbage cannot fill the memory or the job row. Errors wait here until the next progress is recorded.
 */
final class ImportErrors {
    static final int CAP = 1000;

    record Pending(List<ImportService.RowError> kept, int errorCount, int failedRows) {}

    private final List<ImportService.RowError> pending = new ArrayList<>();
    private int kept;
    private int errorCount;
    private int failedRows;

    /** One error; {@code firstOfRow} when it is the first reason its row fails. */
    void add(ImportService.RowError error, boolean firstOfRow) {
        errorCount++;
        if (firstOfRow) {
            failedRows++;
        }
        if (kept + pending.size() < CAP) {
            pending.add(error);
        }
    }

    /** Everything added since the last call, to be stored with the progress. */
    Pending drain() {
        var drained = new Pending(List.copyOf(pending), errorCount, failedRows);
        kept += pending.size();
        pending.clear();
        errorCount = 0;
        failedRows = 0;
        return drained;
    }
}
