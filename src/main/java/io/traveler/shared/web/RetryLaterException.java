package io.traveler.shared.web;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** A refusal that passes with time, answered with {@code Retry-After}: 503 (over budget) or 429 (too many). */
public class RetryLaterException extends TravelerException {
    public static final URI BUSY = URI.create(Problems.BASE + "service-busy");

    private final Duration retryAfter;

    private RetryLaterException(HttpStatus status, URI type, String title, String detail, Duration retryAfter) {
        super(status, type, title, detail);
        this.retryAfter = retryAfter;
    }

    /** 503: the request needed more than its time budget. */
    public static RetryLaterException busy(String detail, Duration retryAfter) {
        return new RetryLaterException(HttpStatus.SERVICE_UNAVAILABLE, BUSY, "Service busy", detail, retryAfter);
    }

    /** 429: the caller already has as much of this going on as it may. */
    public static RetryLaterException tooMany(String detail, Duration retryAfter) {
        return new RetryLaterException(
                HttpStatus.TOO_MANY_REQUESTS, Problems.THROTTLED, "Too many requests", detail, retryAfter);
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
