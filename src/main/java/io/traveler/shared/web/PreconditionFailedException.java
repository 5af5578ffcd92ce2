package io.traveler.shared.web;

import org.springframework.http.HttpStatus;

/** The caller's {@code If-Match} names a version that is no longer current. */
public class PreconditionFailedException extends TravelerException {
    public PreconditionFailedException(String detail) {
        super(HttpStatus.PRECONDITION_FAILED, Problems.STALE, "Stale version", detail);
    }
}
