package io.traveler.shared.jobs;

/**
 * Thrown by a {@link JobHandler} whose input cannot be processed at all (an unreadable file, a missing column): the
 * job ends FAILED with this as its row-0 error. What earlier batches committed stays.
 */
public class JobFailedException extends RuntimeException {
    private final String field;

    public JobFailedException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
