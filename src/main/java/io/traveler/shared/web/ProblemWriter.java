package io.traveler.shared.web;

import io.traveler.shared.errors.TravelerException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem response from a filter, where controller advice does not reach. */
public final class ProblemWriter {
    private ProblemWriter() {}

    public static void write(
            HttpServletResponse response,
            JsonMapper json,
            HttpStatus status,
            java.net.URI type,
            String title,
            String detail,
            List<TravelerException.FieldError> errors)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.toString());
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put(
                    "errors",
                    errors.stream()
                            .map(e -> Map.of("field", e.field(), "message", e.message()))
                            .toList());
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
