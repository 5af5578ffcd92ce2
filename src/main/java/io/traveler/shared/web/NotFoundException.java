package io.traveler.shared.web;

import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Also the answer for another organization's ids: their existence is not revealed. */
public class NotFoundException extends TravelerException {
    public NotFoundException(String what, Object id) {
        super(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found", what + " " + id + " does not exist");
    }

    public static NotFoundException of(String what, UUID id) {
        return new NotFoundException(what, id);
    }
}
