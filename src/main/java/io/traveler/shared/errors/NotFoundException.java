package io.traveler.shared.errors;

import java.util.UUID;

/** Also the answer for another organization's ids: their existence is not revealed. */
public class NotFoundException extends TravelerException {
    public NotFoundException(String what, Object id) {
        super(Kind.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static NotFoundException of(String what, UUID id) {
        return new NotFoundException(what, id);
    }
}
