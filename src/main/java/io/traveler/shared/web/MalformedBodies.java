package io.traveler.shared.web;

import io.traveler.shared.errors.TravelerException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.databind.DatabindException;

/** Names the offending field of a body that is not valid JSON for the endpoint, without internals. */
final class MalformedBodies {
    private MalformedBodies() {}

    static String describe(HttpMessageNotReadableException ex) {
        String field = fieldPath(ex);
        if (field != null) {
            return "Field '" + field + "' has a value of the wrong type or format";
        }
        return "The request body is missing or is not valid JSON";
    }

    static List<TravelerException.FieldError> fieldErrors(HttpMessageNotReadableException ex) {
        String field = fieldPath(ex);
        return field == null ? List.of() : List.of(new TravelerException.FieldError(field, "wrong type or format"));
    }

    private static String fieldPath(HttpMessageNotReadableException ex) {
        if (ex.getCause() instanceof DatabindException databind
                && !databind.getPath().isEmpty()) {
            String path = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return path.replace(".[", "[");
        }
        return null;
    }
}
