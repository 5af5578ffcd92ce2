package io.traveler.web;

import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.web.PageController;
import io.traveler.shared.web.Problems;
import io.traveler.shared.web.TransientFailures;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Failures of page controllers render the error page inside the layout: a friendly sentence and a way back,
 * never a stack trace or problem JSON. Refusals of form posts are answered by the forms themselves (see
 * {@link io.traveler.shared.web.Forms}); what reaches this class is a page the user cannot see.
 */
@ControllerAdvice(annotations = PageController.class)
class PageErrors {
    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    private final Layout layout;

    PageErrors(Layout layout) {
        this.layout = layout;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView denied(HttpServletRequest request) {
        return page(
                request,
                HttpStatus.FORBIDDEN,
                "Not allowed",
                "Your role does not allow this page or action. Ask an administrator of your organization if you need it.");
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(HttpServletRequest request) {
        return page(request, HttpStatus.NOT_FOUND, "Not found", "This does not exist, or it has been deleted.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView malformed(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        if (e.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return notFound(request);
        }
        return page(request, HttpStatus.BAD_REQUEST, "Bad request", "The address holds a value that is not valid.");
    }

    /** Tomcat refuses to decode a query string that is not valid UTF-8 when the page asks for a parameter. */
    @ExceptionHandler(InvalidParameterException.class)
    ModelAndView undecodable(HttpServletRequest request) {
        return page(request, HttpStatus.BAD_REQUEST, "Bad request", "The address holds a value that is not valid.");
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ModelAndView stale(HttpServletRequest request) {
        return page(
                request,
                HttpStatus.PRECONDITION_FAILED,
                "Changed in the meantime",
                "Someone else changed this at the same time. Go back, reload and try again.");
    }

    /** A statement past the transaction's time budget (see TenantAwareTransactionManager): the API's 503. */
    @ExceptionHandler({QueryTimeoutException.class, jakarta.persistence.QueryTimeoutException.class})
    ModelAndView busy(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        return page(
                request,
                HttpStatus.SERVICE_UNAVAILABLE,
                "Busy",
                "This took longer than a page may; nothing was changed. Please try again in a moment.");
    }

    @ExceptionHandler(TravelerException.class)
    ModelAndView refused(TravelerException e, HttpServletRequest request) {
        var answer = Problems.answerTo(e);
        return page(request, answer.status(), answer.title(), e.getMessage());
    }

    /**
     * Anything no handler above names. A failure that passes when sent again (a lost lock race, a database that
     * closed the connection, even while committing: {@link TransientFailures}) is the busy page with the API's status,
     * {@code Retry-After} and sentence; everything else is logged and a 500.
     */
    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (e instanceof ErrorResponse known) {
            return page(request, known.getStatusCode(), "Bad request", "The request was not understood.");
        }
        var tryLater = TransientFailures.answerTo(e);
        if (tryLater.isPresent()) {
            log.info(
                    "A page met the database failing for a moment: {}",
                    tryLater.get().getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, Problems.retryAfterSeconds(tryLater.get()));
            return page(
                    request,
                    Problems.answerTo(tryLater.get()).status(),
                    "Busy",
                    tryLater.get().getMessage());
        }
        log.error("Unexpected failure on {}", request.getRequestURI(), e);
        return page(
                request,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong",
                "Something went wrong on our side; nothing was changed. Please try again.");
    }

    private ModelAndView page(HttpServletRequest request, HttpStatusCode status, String heading, String message) {
        var model = new ExtendedModelMap();
        layout.populate(model, request);
        model.addAttribute("status", status.value());
        model.addAttribute("heading", heading);
        model.addAttribute("message", message);
        var page = new ModelAndView("error", model);
        page.setStatus(status);
        return page;
    }
}
