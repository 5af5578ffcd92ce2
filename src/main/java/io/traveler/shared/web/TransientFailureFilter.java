package io.traveler.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter that meets the database failing for a moment (loading the caller on a connection the database closed, a
 * statement past its budget, a lost lock race) ends its request here, as an error of the status
 * {@link TransientFailures} gives it, with the failure for {@link ApiErrorController} to answer (its problem and
 * {@code Retry-After}, or the busy page). Without it the failure left the filter chain as any exception does, and
 * Tomcat logged it at ERROR with its stack trace, as if it were a bug; it is one WARN line instead. Anything else
 * passes on unchanged.
 */
final class TransientFailureFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(TransientFailureFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException failed) {
            var answer = TransientFailures.answerTo(failed);
            if (answer.isEmpty() || response.isCommitted()) {
                throw failed;
            }
            log.warn(
                    "{} {} met the database failing for a moment ({}): {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    answer.get().getMessage(),
                    NestedExceptionUtils.getMostSpecificCause(failed).getMessage());
            request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failed);
            response.sendError(Problems.answerTo(answer.get()).status().value());
        }
    }
}
