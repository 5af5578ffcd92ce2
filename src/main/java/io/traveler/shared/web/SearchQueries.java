package io.traveler.shared.web;

import io.traveler.shared.errors.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The bounds of a {@code ?q=} search: {@value #MAX_LENGTH} characters and {@value #MAX_WORDS} words. Each word of
 * a search is expanded by similarity against a dictionary, so an unbounded query is unbounded work. Checked for
 * every GET with a {@code q} parameter, API and pages alike, before the handler runs.
 */
public final class SearchQueries implements HandlerInterceptor {
    public static final int MAX_LENGTH = 200;
    public static final int MAX_WORDS = 10;

    /** The query, or a 422 naming {@code q} when it is beyond the bounds. */
    public static String require(String q) {
        if (q == null) {
            return null;
        }
        if (q.length() > MAX_LENGTH) {
            throw new ValidationException("q", "must be at most " + MAX_LENGTH + " characters");
        }
        String trimmed = q.strip();
        if (!trimmed.isEmpty() && trimmed.split("\\s+", MAX_WORDS + 1).length > MAX_WORDS) {
            throw new ValidationException("q", "must have at most " + MAX_WORDS + " words");
        }
        return q;
    }

    /** Searches are reads; a form post's body (an upload, say) is left for its handler to parse. */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // A GET's parameters come from its query string alone: without one there is no q to check
        if ((!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod()))
                || request.getQueryString() == null) {
            return true;
        }
        String[] values = request.getParameterValues("q");
        if (values != null) {
            for (String q : values) {
                require(q);
            }
        }
        return true;
    }
}
