package io.traveler.shared.web;

import org.springframework.http.HttpStatus;

/** The request is well formed but the resource's state does not allow it (illegal transition, duplicate). */
public class ConflictException extends TravelerException {
    public ConflictException(String detail) {
        super(HttpStatus.CONFLICT, Problems.CONFLICT, "Conflict", detail);
    }
}
