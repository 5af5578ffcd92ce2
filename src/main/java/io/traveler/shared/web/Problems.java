package io.traveler.shared.web;

import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.errors.TravelerException.Kind;
import io.traveler.shared.errors.TryLaterException;
import java.net.URI;
import org.springframework.http.HttpStatus;

/** The {@code type} URIs of Traveler's RFC 9457 problem responses, documented in docs/api.md. */
public final class Problems {
    public static final String BASE = "https://traveler.io/problems/";
    public static final URI VALIDATION = URI.create(BASE + "validation");
    public static final URI MALFORMED = URI.create(BASE + "malformed-request");
    public static final URI NOT_FOUND = URI.create(BASE + "not-found");
    public static final URI CONFLICT = URI.create(BASE + "conflict");
    public static final URI STALE = URI.create(BASE + "stale-version");
    public static final URI IF_MATCH_REQUIRED = URI.create(BASE + "if-match-required");
    public static final URI UNAUTHENTICATED = URI.create(BASE + "unauthenticated");
    public static final URI FORBIDDEN = URI.create(BASE + "forbidden");
    public static final URI LOCKED = URI.create(BASE + "account-locked");
    public static final URI TOO_LARGE = URI.create(BASE + "payload-too-large");
    public static final URI THROTTLED = URI.create(BASE + "throttled");
    public static final URI IDEMPOTENCY_MISMATCH = URI.create(BASE + "idempotency-key-reused");
    public static final URI IDEMPOTENT_RESPONSE_WITHHELD = URI.create(BASE + "idempotent-response-withheld");
    public static final URI MFA_REQUIRED = URI.create(BASE + "mfa-required");
    public static final URI INTERNAL = URI.create(BASE + "internal-error");
    public static final URI BUSY = URI.create(BASE + "service-busy");

    /** How one kind of domain refusal is answered over HTTP. */
    public record Answer(HttpStatus status, URI type, String title) {}

    /** The one place where the domain's refusals become HTTP statuses and problem types. */
    public static Answer answerTo(Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> new Answer(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found");
            case INVALID -> new Answer(HttpStatus.UNPROCESSABLE_CONTENT, VALIDATION, "Validation failed");
            case CONFLICT -> new Answer(HttpStatus.CONFLICT, CONFLICT, "Conflict");
            case FORBIDDEN -> new Answer(HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden");
            case NO_ORGANIZATION -> new Answer(HttpStatus.FORBIDDEN, FORBIDDEN, "No organization");
            case STALE_VERSION -> new Answer(HttpStatus.PRECONDITION_FAILED, STALE, "Stale version");
            case VERSION_REQUIRED ->
                new Answer(HttpStatus.PRECONDITION_REQUIRED, IF_MATCH_REQUIRED, "If-Match required");
            case UNAUTHENTICATED -> new Answer(HttpStatus.UNAUTHORIZED, UNAUTHENTICATED, "Unauthenticated");
            case MFA_REQUIRED -> new Answer(HttpStatus.UNAUTHORIZED, MFA_REQUIRED, "One-time code required");
            case LOCKED -> new Answer(HttpStatus.LOCKED, LOCKED, "Account locked");
            case TOO_LARGE -> new Answer(HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE, "Payload too large");
            case TOO_MANY -> new Answer(HttpStatus.TOO_MANY_REQUESTS, THROTTLED, "Too many requests");
            case BUSY -> new Answer(HttpStatus.SERVICE_UNAVAILABLE, BUSY, "Service busy");
        };
    }

    public static Answer answerTo(TravelerException refusal) {
        return answerTo(refusal.kind());
    }

    /** The {@code Retry-After} header of a try-later refusal: whole seconds, at least one. */
    public static String retryAfterSeconds(TryLaterException refusal) {
        return Long.toString(Math.max(1, refusal.retryAfter().toSeconds()));
    }

    private Problems() {}
}
