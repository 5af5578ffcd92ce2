package io.traveler.shared.errors;

import java.time.Duration;

/** A refusal that passes with time: over the time budget, or too much of something already going on. */
public class TryLaterException extends TravelerException {
    private final Duration retryAfter;

    protected TryLaterException(Kind kind, String detail, Duration retryAfter) {
        super(kind, detail);
        this.retryAfter = retryAfter;
    }

    /** The request needed more than its time budget. */
    public static TryLaterException busy(String detail, Duration retryAfter) {
        return new TryLaterException(Kind.BUSY, detail, retryAfter);
    }

    /** The caller already has as much of this going on as it may. */
    public static TryLaterException tooMany(String detail, Duration retryAfter) {
        return new TryLaterException(Kind.TOO_MANY, detail, retryAfter);
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
