package io.traveler.shared.web;

import org.springframework.http.ResponseEntity;

/**
 * ETags are the aggregate's {@code @Version}. Changing requests must send it back in {@code If-Match}:
 * missing is 428, stale is 412. The version check here is the early answer; the {@code @Version} column
 * is the guarantee when two requests pass it at once.
 */
public final class Versions {
    private Versions() {}

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public static <T> ResponseEntity<T> withEtag(ResponseEntity.BodyBuilder builder, long version, T body) {
        return builder.eTag(etag(version)).body(body);
    }

    /** For PUT, PATCH and DELETE: {@code If-Match} is required. */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequiredException();
        }
        checkMatch(ifMatch, currentVersion);
    }

    /** For action endpoints: {@code If-Match} is honoured when sent. */
    public static void checkMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String value = tag.trim();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.equals(etag(currentVersion))) {
                return;
            }
        }
        throw new PreconditionFailedException(
                "The resource has changed (current ETag " + etag(currentVersion) + "); read it again");
    }
}
