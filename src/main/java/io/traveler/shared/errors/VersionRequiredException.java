package io.traveler.shared.errors;

/** A change that must name the version it applies to came without one. */
public class VersionRequiredException extends TravelerException {
    public VersionRequiredException() {
        super(Kind.VERSION_REQUIRED, "Send the resource's ETag in an If-Match header to change it");
    }
}
