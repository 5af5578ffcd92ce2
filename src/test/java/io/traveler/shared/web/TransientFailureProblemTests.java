package io.traveler.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.shared.db.CommitOutcomeUnknownException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request the database failed for a moment (a lock race it lost, a statement past its budget, a connection it
 * closed) wrote nothing and will most likely pass when tried again: 503 with Retry-After, never a 500, whether a
 * controller or a filter met the failure.
 */
class TransientFailureProblemTests {
    private final ProblemHandler handler = new ProblemHandler();

    @AfterEach
    void forgetRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aDeadlockVictimIsToldToTryAgain() {
        var answer = handler.handleUnexpected(
                new CannotAcquireLockException("deadlock", new SQLException("deadlock detected", "40P01")));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(((ProblemDetail) answer.getBody()).getDetail()).contains("nothing was written");
    }

    @Test
    void aSerializationFailureUnderAnotherExceptionIsToldToTryAgainToo() {
        var answer = handler.handleUnexpected(new DataAccessResourceFailureException(
                "wrapped", new SQLException("could not serialize access", "40001")));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(((ProblemDetail) answer.getBody()).getDetail()).contains("nothing was written");
    }

    @Test
    void aTransactionThatCouldNotBeginOnALostConnectionIsToldToTryAgainShortly() {
        var answer = handler.handleUnexpected(new CannotCreateTransactionException(
                "could not begin", new SQLException("An I/O error occurred while sending to the backend.", "08006")));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(((ProblemDetail) answer.getBody()).getDetail()).contains("database could not be reached");
    }

    @Test
    void aChangeWhoseCommitLostTheConnectionIsToldItMayHaveBeenSaved() {
        var answer = handler.handleUnexpected(new CommitOutcomeUnknownException(
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(((ProblemDetail) answer.getBody()).getDetail())
                .contains("may have been saved", "Idempotency-Key")
                .doesNotContain("nothing was written");
    }

    @Test
    void aStatementPastItsBudgetIsToldToTryLater() {
        var answer = handler.handleUnexpected(new QueryTimeoutException("timeout"));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(((ProblemDetail) answer.getBody()).getDetail()).contains("time budget");
    }

    @Test
    void anyOtherFailureStaysA500() {
        assertThat(handler.handleUnexpected(new IllegalStateException("bug"))
                        .getStatusCode()
                        .value())
                .isEqualTo(500);
    }

    @Test
    void aFilterWhoseStatementWasCancelledAnswersTheSameProblemAsAController() {
        var request = failedInFilter(
                "/api/stations", new SQLException("canceling statement due to statement timeout", "57014"));
        var response = errorControllersAnswerTo(request);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        var problem = JsonMapper.builder().build().readTree(response.getContentAsByteArray());
        assertThat(problem.path("type").asString()).isEqualTo(Problems.BUSY.toString());
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asString()).contains("time budget");
    }

    @Test
    void aFilterThatLostALockRaceAnswersTryAgainNotAnError() throws Exception {
        var request = failedInFilter("/api/units/1", new SQLException("deadlock detected", "40P01"));
        var response = errorControllersAnswerTo(request);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(response.getContentAsString()).contains("nothing was written");
    }

    @Test
    void aPageWhoseFilterLostTheDatabaseIsServedAs503() {
        var request = failedInFilter("/app/stations", new SQLException("terminating connection", "57P01"));
        var response = new MockHttpServletResponse();

        errorController().errorHtml(request, response);

        assertThat(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE)).isEqualTo(503);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
    }

    @Test
    void aFilterFailingForAnyOtherReasonStaysA500() {
        var request = failedInFilter("/api/stations", new IllegalStateException("bug"));
        var response = errorControllersAnswerTo(request);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isNull();
    }

    @Test
    void aFilterChainThatMetAClosedConnectionEndsAsA503ErrorCarryingTheFailure() throws Exception {
        var request = new MockHttpServletRequest("GET", "/api/stations");
        var response = new MockHttpServletResponse();
        var failure = new ServletException(new CannotCreateTransactionException(
                "could not begin", new SQLException("terminating connection", "57P01")));

        new TransientFailureFilter().doFilter(request, response, (req, res) -> {
            throw failure;
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.isCommitted()).isTrue();
        assertThat(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION)).isSameAs(failure);
    }

    @Test
    void aFilterChainFailingForAnyOtherReasonPassesTheFailureOn() {
        var failure = new IllegalStateException("bug");

        assertThatThrownBy(() -> new TransientFailureFilter()
                        .doFilter(
                                new MockHttpServletRequest("GET", "/api/stations"),
                                new MockHttpServletResponse(),
                                (req, res) -> {
                                    throw failure;
                                }))
                .isSameAs(failure);
    }

    /** The response the error controller writes for an {@code /api} request forwarded to it (not a page). */
    private static MockHttpServletResponse errorControllersAnswerTo(MockHttpServletRequest request) {
        var response = new MockHttpServletResponse();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
        errorController().error(request);
        return response;
    }

    /** The request as Tomcat forwards it to /error after a filter threw {@code cause}, wrapped as servlets wrap it. */
    private static MockHttpServletRequest failedInFilter(String uri, Throwable cause) {
        var request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new ServletException("filter failed", cause));
        return request;
    }

    private static ApiErrorController errorController() {
        return new ApiErrorController(new DefaultErrorAttributes(), new ErrorProperties(), List.of());
    }
}
