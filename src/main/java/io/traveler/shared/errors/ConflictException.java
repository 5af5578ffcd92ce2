package io.traveler.shared.errors;

/** The request is well formed but the resource's state does not allow it (illegal transition, duplicate). */
public class ConflictException extends TravelerException {
    public ConflictException(String detail) {
        super(Kind.CONFLICT, detail);
    }
}
