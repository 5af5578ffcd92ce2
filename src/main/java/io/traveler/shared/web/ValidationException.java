package io.traveler.shared.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** 422: the request names a field whose value breaks a rule. */
public class ValidationException extends TravelerException {
    private final List<FieldError> errors;

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public ValidationException(List<FieldError> errors) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                Problems.VALIDATION,
                "Validation failed",
                errors.stream()
                        .map(e -> e.field() + ": " + e.message())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse(""));
        this.errors = List.copyOf(errors);
    }

    @Override
    public List<FieldError> errors() {
        return errors;
    }
}
