package io.traveler.shared.web;

import io.traveler.shared.db.ConnectionFailures;
import io.traveler.shared.errors.TryLaterException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failures that never reach a controller end at {@code /error}: no route, a method or media type that routing
 * refuses, a failing filter, a request the firewall or Tomcat rejects. For a request under {@code /api} the answer
 * is a problem, written as {@code application/problem+json} whatever the client said it accepts; for pages it is
 * Spring Boot's error page, as before.
 */
final class ApiErrorController extends BasicErrorController {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    ApiErrorController(ErrorAttributes attributes, ErrorProperties properties, List<ErrorViewResolver> resolvers) {
        super(attributes, properties, resolvers);
    }

    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        TryLaterException tryLater = answerTransientFailure(request, response);
        if (failedUnderApi(request)) {
            writeProblem(request, response, tryLater);
            return null;
        }
        return super.errorHtml(request, response);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpServletResponse response =
                ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getResponse();
        TryLaterException tryLater = answerTransientFailure(request, response);
        if (failedUnderApi(request)) {
            writeProblem(request, response, tryLater);
            return null;
        }
        return super.error(request);
    }

    /**
     * A filter that met the database failing for a moment (loading the caller on a closed connection, a statement
     * past its budget, a lost lock race) failed as any exception does, a 500; it gets the answer a controller gets
     * ({@link TransientFailures}): its status, {@code Retry-After}, and the refusal for the problem. Null otherwise.
     */
    private static TryLaterException answerTransientFailure(HttpServletRequest request, HttpServletResponse response) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure)) {
            return null;
        }
        var answer = TransientFailures.answerTo(failure).orElse(null);
        if (answer != null) {
            request.setAttribute(
                    RequestDispatcher.ERROR_STATUS_CODE,
                    Problems.answerTo(answer).status().value());
            if (response != null) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Problems.retryAfterSeconds(answer));
            }
        }
        return answer;
    }

    private static boolean failedUnderApi(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
                && isApiPath(uri.substring(Math.min(request.getContextPath().length(), uri.length())));
    }

    /** Whether a raw request path, decoded and normalised as routing would see it, is under {@code /api}. */
    static boolean isApiPath(String rawPath) {
        String path = rawPath;
        try {
            path = UriUtils.decode(path, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // judged by its raw spelling
        }
        path = RoutedPath.normalise(path.replaceAll(";[^/]*", ""));
        return path.equals("/api") || path.startsWith("/api/");
    }

    private void writeProblem(HttpServletRequest request, HttpServletResponse response, TryLaterException tryLater) {
        HttpStatus status = getStatus(request);
        try {
            response.resetBuffer();
            if (tryLater != null) {
                var answer = Problems.answerTo(tryLater);
                ProblemWriter.write(
                        response, JSON, status, answer.type(), answer.title(), tryLater.getMessage(), List.of());
                return;
            }
            ProblemWriter.write(response, JSON, status, typeOf(status), titleOf(status), detailOf(status), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problem for a bare status, as JSON text. */
    static String problemJson(HttpStatus status) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("type", typeOf(status).toString());
        body.put("title", titleOf(status));
        body.put("status", status.value());
        body.put("detail", detailOf(status));
        return JSON.writeValueAsString(body);
    }

    private static URI typeOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> Problems.MALFORMED;
            case UNAUTHORIZED -> Problems.UNAUTHENTICATED;
            case FORBIDDEN -> Problems.FORBIDDEN;
            case NOT_FOUND -> Problems.NOT_FOUND;
            case CONTENT_TOO_LARGE -> Problems.TOO_LARGE;
            case TOO_MANY_REQUESTS -> Problems.THROTTLED;
            case INTERNAL_SERVER_ERROR -> Problems.INTERNAL;
            case SERVICE_UNAVAILABLE -> Problems.BUSY;
            default -> URI.create(Problems.BASE + "http-" + status.value());
        };
    }

    private static String titleOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "Malformed request";
            case NOT_FOUND -> "Not found";
            case INTERNAL_SERVER_ERROR -> "Internal error";
            case SERVICE_UNAVAILABLE -> "Service busy";
            default -> status.getReasonPhrase();
        };
    }

    private static String detailOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request could not be read";
            case NOT_FOUND -> "No API resource answers at this path";
            case METHOD_NOT_ALLOWED ->
                "This resource does not support the method; the Allow header lists those it does";
            case NOT_ACCEPTABLE -> "This resource cannot answer in any media type the Accept header lists";
            case UNSUPPORTED_MEDIA_TYPE -> "This resource does not accept the request's Content-Type";
            case INTERNAL_SERVER_ERROR -> "Something went wrong on our side; the request changed nothing";
            case SERVICE_UNAVAILABLE -> ConnectionFailures.unreachable().getMessage();
            default -> status.getReasonPhrase();
        };
    }
}
