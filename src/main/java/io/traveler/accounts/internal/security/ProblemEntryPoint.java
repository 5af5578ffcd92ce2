package io.traveler.accounts.internal.security;

import io.traveler.shared.web.ProblemWriter;
import io.traveler.shared.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 of the API as RFC 9457 problems. */
class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {
    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        String detail = request.getHeader("Authorization") == null && request.getHeader("X-API-Key") == null
                ? "Sign in: send a bearer token (POST /api/auth/token) or an API key"
                : "The credentials are invalid or expired";
        ProblemWriter.write(
                response,
                json,
                HttpStatus.UNAUTHORIZED,
                Problems.UNAUTHENTICATED,
                "Unauthenticated",
                detail,
                List.of());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        ProblemWriter.write(
                response,
                json,
                HttpStatus.FORBIDDEN,
                Problems.FORBIDDEN,
                "Forbidden",
                "Your role does not allow this action",
                List.of());
    }
}
