package io.traveler.shared.web;

import java.net.URI;

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

    private Problems() {}
}
