package io.traveler.shared.errors;

import java.util.List;

/**
 * A refusal by a rule of the domain. It says what kind of refusal it is and why, nothing about HTTP: the web edge
 * ({@code shared.web.Problems}) maps each {@link Kind} to one RFC 9457 problem, in one place.
 */
public abstract class TravelerException extends RuntimeException {
    /** The small vocabulary of refusals every module speaks. */
    public enum Kind {
        /** The thing does not exist, or belongs to another organization (its existence is not revealed). */
        NOT_FOUND,
        /** A named field's value breaks a rule. */
        INVALID,
        /** The resource's state does not allow it (illegal transition, duplicate). */
        CONFLICT,
        /** The caller lacks a permission the action needs. */
        FORBIDDEN,
        /** The caller is not an active member of the organization it names. */
        NO_ORGANIZATION,
        /** The version the caller expected is no longer current. */
        STALE_VERSION,
        /** A change was asked without naming the version it applies to. */
        VERSION_REQUIRED,
        /** The caller's credentials or token are not accepted. */
        UNAUTHENTICATED,
        /** The account uses two-factor sign-in and no one-time code came with the password. */
        MFA_REQUIRED,
        /** Too many failed sign-ins; the account waits. */
        LOCKED,
        /** The input is larger than its limit. */
        TOO_LARGE,
        /** The caller already has as much of this going on as it may; it passes with time. */
        TOO_MANY,
        /** The work needed more than its time budget; it passes with time. */
        BUSY
    }

    private final Kind kind;

    protected TravelerException(Kind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The fields at fault, for {@link Kind#INVALID}. */
    public List<FieldError> errors() {
        return List.of();
    }

    public record FieldError(String field, String message) {}
}
