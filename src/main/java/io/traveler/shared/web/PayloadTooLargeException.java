package io.traveler.shared.web;

import io.traveler.shared.errors.TravelerException;

/**
 * 413: the request body is larger than its limit. Thrown while the body is read, however it arrives (declared
 * length or chunked), so it may surface wrapped by whatever was reading; {@link #in(Throwable)} finds it.
 */
public class PayloadTooLargeException extends TravelerException {
    public PayloadTooLargeException(long limit) {
        super(Kind.TOO_LARGE, "The request body is larger than " + limit + " bytes");
    }

    /** This exception among the causes of {@code failure}, or null. */
    public static PayloadTooLargeException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
