package io.traveler.shared.errors;

/** The caller lacks a permission the action needs; the detail names it. */
public class ForbiddenException extends TravelerException {
    public ForbiddenException(String detail) {
        super(Kind.FORBIDDEN, detail);
    }
}
