package io.traveler.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * 413 for API requests whose declared body is larger than {@code traveler.api.max-body-bytes}, or for CSV imports
 * ({@code /api/imports/}) {@code traveler.api.max-import-bytes}.
 */
public final class BodySizeLimit extends OncePerRequestFilter {
    private static final String IMPORTS = "/api/imports/";

    private final long maxBytes;
    private final long maxImportBytes;
    private final JsonMapper json = JsonMapper.builder().build();

    public BodySizeLimit(long maxBytes, long maxImportBytes) {
        this.maxBytes = maxBytes;
        this.maxImportBytes = maxImportBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = request.getRequestURI().startsWith(IMPORTS) ? maxImportBytes : maxBytes;
        if (request.getContentLengthLong() > limit) {
            ProblemWriter.write(
                    response,
                    json,
                    HttpStatus.CONTENT_TOO_LARGE,
                    Problems.TOO_LARGE,
                    "Payload too large",
                    "The request body is larger than " + limit + " bytes",
                    List.of());
            return;
        }
        chain.doFilter(request, response);
    }
}
