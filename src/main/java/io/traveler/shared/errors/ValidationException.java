package io.traveler.shared.errors;

import java.util.List;

/** The request names a field whose value breaks a rule. */
public class ValidationException extends TravelerException {
    private final List<FieldError> errors;

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public ValidationException(List<FieldError> errors) {
        super(
                Kind.INVALID,
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
