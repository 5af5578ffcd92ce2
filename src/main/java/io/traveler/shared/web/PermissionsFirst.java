package io.traveler.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodClassKey;
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
    /** The rule each handler method is checked by here, if any, looked up once. */
    private final ConcurrentMap<MethodClassKey, Optional<PreAuthorize>> rules = new ConcurrentHashMap<>();

    PermissionsFirst(ApplicationContext context, ObjectProvider<MethodSecurityExpressionHandler> expressions) {
        authorization.setApplicationContext(context);
        expressions.ifUnique(authorization::setExpressionHandler);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (rules.computeIfAbsent(
                        new MethodClassKey(method.getMethod(), method.getBeanType()), key -> decidableRuleOf(method))
                .isEmpty()) {
            return true;
        }
        var decision = authorization.authorize(
                PermissionsFirst::authentication, new SimpleMethodInvocation(method.getBean(), method.getMethod()));
        if (decision != null && !decision.isGranted()) {
            throw new AccessDeniedException("Access denied");
        }
        return true;
    }

    /** The handler's rule, unless it has none or one that names arguments. */
    private static Optional<PreAuthorize> decidableRuleOf(HandlerMethod method) {
        PreAuthorize onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), PreAuthorize.class);
        PreAuthorize rule = onMethod != null
                ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), PreAuthorize.class);
        return Optional.ofNullable(rule).filter(r -> !r.value().contains("#"));
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
