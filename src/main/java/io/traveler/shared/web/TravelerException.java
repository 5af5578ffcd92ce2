package io.traveler.shared.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A domain failure that maps to one RFC 9457 problem; subclasses name the situation. */
public abstract class TravelerException extends RuntimeException {
    private final HttpStatus status;
    private final URI type;
    private final String title;

    protected TravelerException(HttpStatus status, URI type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return List.of();
    }

    public record FieldError(String field, String message) {}
}
