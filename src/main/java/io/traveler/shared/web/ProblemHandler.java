package io.traveler.shared.web;

import io.traveler.shared.db.ConnectionFailures;
import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.errors.TryLaterException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.hibernate.StaleStateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Maps every failure of the HTTP API to one RFC 9457 problem; nothing leaks a stack trace. */
@RestControllerAdvice(annotations = RestController.class)
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(TravelerException.class)
    ResponseEntity<Object> handleDomain(TravelerException e) {
        var answer = Problems.answerTo(e);
        return problem(answer.status(), answer.type(), answer.title(), e.getMessage(), e.errors());
    }

    @ExceptionHandler({OptimisticLockingFailureException.class, OptimisticLockException.class, StaleStateException.class
    })
    ResponseEntity<Object> handleStale(Exception e) {
        return problem(
                HttpStatus.PRECONDITION_FAILED,
                Problems.STALE,
                "Stale version",
                "Someone else changed this resource at the same time; read it again",
                List.of());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> handleIntegrity(DataIntegrityViolationException e) {
        log.info("Constraint rejected a change: {}", e.getMostSpecificCause().getMessage());
        return problem(
                HttpStatus.CONFLICT,
                Problems.CONFLICT,
                "Conflict",
                "The change breaks a rule of the stored data: " + ConstraintNames.describe(e),
                List.of());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException e) {
        var errors = e.getConstraintViolations().stream()
                .map(v -> new TravelerException.FieldError(
                        FieldNames.snake(lastNode(v.getPropertyPath().toString())), v.getMessage()))
                .toList();
        return problem(
                HttpStatus.UNPROCESSABLE_CONTENT, Problems.VALIDATION, "Validation failed", "Invalid input", errors);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                Problems.MALFORMED,
                "Malformed request",
                "Parameter '" + e.getName() + "' has an invalid value",
                List.of(new TravelerException.FieldError(FieldNames.snake(e.getName()), "invalid value")));
    }

    /** A multipart body that cannot be parsed (no boundary, cut short); a too-large one is 413 (the base class). */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<Object> handleUnreadableMultipart(org.springframework.web.multipart.MultipartException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                Problems.MALFORMED,
                "Malformed request",
                "The multipart body cannot be read",
                List.of());
    }

    /** Tomcat refuses to decode a query string or form that is not valid UTF-8 when the handler asks for it. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> handleUndecodableParameters(InvalidParameterException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                Problems.MALFORMED,
                "Malformed request",
                "The query string or form is not valid UTF-8",
                List.of());
    }

    /**
     * A number the caller sent that no computation or column can hold ({@code 1e999999999}, {@code 1e-999999999})
     * overflows {@link java.math.BigDecimal} or the database driver. Fields with a declared precision refuse such
     * values earlier; this is the net under the rest.
     */
    @ExceptionHandler(ArithmeticException.class)
    ResponseEntity<Object> handleNumberOutOfRange(ArithmeticException e) {
        log.warn("A number out of range reached the code: {}", e.getMessage());
        return problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                Problems.VALIDATION,
                "Validation failed",
                "A number in the request is too large or too precise",
                List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> handleDenied(AccessDeniedException e) {
        return problem(
                HttpStatus.FORBIDDEN,
                Problems.FORBIDDEN,
                "Forbidden",
                "Your role does not allow this action",
                List.of());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> handleAuthentication(AuthenticationException e) {
        return problem(HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED, "Unauthenticated", e.getMessage(), List.of());
    }

    @ExceptionHandler(TryLaterException.class)
    ResponseEntity<Object> handleRetryLater(TryLaterException e) {
        return retryLater(e);
    }

    /**
     * Anything no handler above names. A failure that passes when the same request is sent again
     * ({@link TransientFailures}) is answered 503 with {@code Retry-After}, not as an error: a statement past the
     * transaction's {@code statement_timeout} (SQLState 57014); a transaction PostgreSQL chose to break a deadlock
     * (40P01), could not serialize (40001) or whose lock was not granted in time (55P03); a database that could not be
     * reached or closed the connection, or closed it while committing. Everything else is a 500.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception e) {
        var transientAnswer = TransientFailures.answerTo(e);
        if (transientAnswer.isPresent()) {
            return retryLater(transientAnswer.get(), e);
        }
        log.error("Unexpected failure", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                Problems.INTERNAL,
                "Internal error",
                "Something went wrong on our side; the request changed nothing",
                List.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new TravelerException.FieldError(FieldNames.snake(f.getField()), f.getDefaultMessage()))
                .toList();
        return problem(
                HttpStatus.UNPROCESSABLE_CONTENT, Problems.VALIDATION, "Validation failed", "Invalid input", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> new TravelerException.FieldError(
                                FieldNames.snake(r.getMethodParameter().getParameterName()), err.getDefaultMessage())))
                .toList();
        return problem(
                HttpStatus.UNPROCESSABLE_CONTENT, Problems.VALIDATION, "Validation failed", "Invalid input", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (PayloadTooLargeException.in(ex) instanceof PayloadTooLargeException tooLarge) {
            return handleDomain(tooLarge);
        }
        return problem(
                HttpStatus.BAD_REQUEST,
                Problems.MALFORMED,
                "Malformed request",
                MalformedBodies.describe(ex),
                MalformedBodies.fieldErrors(ex));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse error) {
            // 406, 415 and others arrive without a body: give them the one every other problem gets
            body = error.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail detail) {
            if (detail.getType() == null
                    || "about:blank".equals(detail.getType().toString())) {
                detail.setType(java.net.URI.create(Problems.BASE + "http-" + statusCode.value()));
            }
            return ResponseEntity.status(statusCode)
                    .headers(headers)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(detail);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static ResponseEntity<Object> retryLater(TryLaterException answer, Exception failure) {
        String cause = NestedExceptionUtils.getMostSpecificCause(failure).getMessage();
        if (ConnectionFailures.unreachable(failure)) {
            log.warn("The database could not serve a request: {}", cause);
        } else {
            log.info("Answered to try again ({}): {}", answer.getMessage(), cause);
        }
        return retryLater(answer);
    }

    private static ResponseEntity<Object> retryLater(TryLaterException e) {
        var answer = Problems.answerTo(e);
        var response = problem(answer.status(), answer.type(), answer.title(), e.getMessage(), e.errors());
        return ResponseEntity.status(response.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, Problems.retryAfterSeconds(e))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(response.getBody());
    }

    static ResponseEntity<Object> problem(
            HttpStatusCode status,
            java.net.URI type,
            String title,
            String detail,
            List<TravelerException.FieldError> errors) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(type);
        body.setTitle(title);
        if (!errors.isEmpty()) {
            body.setProperty(
                    "errors",
                    errors.stream()
                            .map(e -> Map.of("field", e.field(), "message", String.valueOf(e.message())))
                            .toList());
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
