package io.traveler.shared.errors;

/** The version the caller expected (its {@code If-Match}) is no longer current. */
public class StaleVersionException extends TravelerException {
    public StaleVersionException(String detail) {
        super(Kind.STALE_VERSION, detail);
    }
}
