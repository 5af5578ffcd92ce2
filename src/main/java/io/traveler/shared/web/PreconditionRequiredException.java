package io.traveler.shared.web;

import org.springframework.http.HttpStatus;

public class PreconditionRequiredException extends TravelerException {
    public PreconditionRequiredException() {
        super(
                HttpStatus.PRECONDITION_REQUIRED,
                Problems.IF_MATCH_REQUIRED,
                "If-Match required",
                "Send the resource's ETag in an If-Match header to change it");
    }
}
