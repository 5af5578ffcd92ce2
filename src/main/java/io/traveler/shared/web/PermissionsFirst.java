package io.traveler.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Evaluates a handler's {@code @PreAuthorize} before Spring MVC reads the request. Method security alone runs when
 * the method is invoked, after the body has been parsed and validated, so a caller without the permission who sent
 * a bad body would learn 400 or 422 (and what the endpoint expects) instead of 403. The annotation stays on the
 * methods as the second check. Expressions that name the method's arguments ({@code #id}) cannot be decided
 * before the arguments exist and are left to method security alone.
 */
final class PermissionsFirst implements HandlerInterceptor {
    private final PreAuthorizeAuthorizationManager authorization = new PreAuthorizeAuthorizationManager();

    PermissionsFirst(ApplicationContext context, ObjectProvider<MethodSecurityExpressionHandler> expressions) {
        authorization.setApplicationContext(context);
        expressions.ifUnique(authorization::setExpressionHandler);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        PreAuthorize rule = ruleOf(method);
        if (rule == null || rule.value().contains("#")) {
            return true;
        }
        var decision = authorization.authorize(
                PermissionsFirst::authentication, new SimpleMethodInvocation(method.getBean(), method.getMethod()));
        if (decision != null && !decision.isGranted()) {
            throw new AccessDeniedException("Access denied");
        }
        return true;
    }

    private static PreAuthorize ruleOf(HandlerMethod method) {
        PreAuthorize onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), PreAuthorize.class);
        return onMethod != null
                ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), PreAuthorize.class);
    }

    private static Authentication authentication() {
        Authentication authentication =
                SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (authentication == null) {
            throw new AuthenticationCredentialsNotFoundException("Not signed in");
        }
        return authentication;
    }
}
