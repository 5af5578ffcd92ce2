package io.traveler.shared.web;

import org.springframework.http.HttpStatus;

public class ForbiddenException extends TravelerException {
    public ForbiddenException(String detail) {
        super(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden", detail);
    }
}
