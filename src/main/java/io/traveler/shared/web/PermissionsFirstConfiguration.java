package io.traveler.shared.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every handler's permission is checked before its arguments are read (see {@link PermissionsFirst}). */
@Configuration(proxyBeanMethods = false)
class PermissionsFirstConfiguration implements WebMvcConfigurer {
    private final ApplicationContext context;
    private final ObjectProvider<MethodSecurityExpressionHandler> expressions;

    PermissionsFirstConfiguration(
            ApplicationContext context, ObjectProvider<MethodSecurityExpressionHandler> expressions) {
        this.context = context;
        this.expressions = expressions;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // first of all interceptors: a caller without the permission learns nothing from the others' refusals
        registry.addInterceptor(new PermissionsFirst(context, expressions)).order(Ordered.HIGHEST_PRECEDENCE);
    }
}
