package io.traveler.shared.web;

import io.traveler.shared.jpa.ExpectedVersion;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

/**
 * ETags are the aggregate's {@code @Version}: every single-resource response carries its version through
 * these, and changing requests send it back in {@code If-Match}, which controllers receive as an
 * {@link ExpectedVersion}.
 */
public final class Versions {
    private Versions() {}

    public static String etag(long version) {
        return ExpectedVersion.tag(version);
    }

    public static <T> ResponseEntity<T> ok(long version, T body) {
        return withEtag(HttpStatus.OK, version, body);
    }

    public static <T> ResponseEntity<T> created(long version, T body) {
        return withEtag(HttpStatus.CREATED, version, body);
    }

    /** 201 with the created resource's {@code Location} ({@code "/api/parts/" + id}) and its ETag. */
    public static <T> ResponseEntity<T> created(String location, long version, T body) {
        return withEtag(ResponseEntity.created(URI.create(location)), version, body);
    }

    /** With headers of its own. */
    public static <T> ResponseEntity<T> withEtag(ResponseEntity.BodyBuilder builder, long version, T body) {
        return builder.eTag(etag(version)).body(body);
    }

    public static <T> ResponseEntity<T> withEtag(HttpStatusCode status, long version, T body) {
        return ResponseEntity.status(status).eTag(etag(version)).body(body);
    }
}
