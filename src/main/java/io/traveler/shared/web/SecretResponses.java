package io.traveler.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Tells {@link IdempotencyFilter}, which runs before routing, that the handler chosen for a request is marked
 * {@link ResponseCarriesSecret}: the filter reads the request attribute once the handler has answered.
 */
final class SecretResponses implements HandlerInterceptor {
    static final String ATTRIBUTE = SecretResponses.class.getName() + ".carriesSecret";

    static boolean carriesSecret(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(ResponseCarriesSecret.class)) {
            request.setAttribute(ATTRIBUTE, Boolean.TRUE);
        }
        return true;
    }
}
