package io.traveler.shared.web;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.traveler.shared.jpa.ExpectedVersion;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code If-Match} stays at the edge: a controller takes an {@link ExpectedVersion} parameter, services never see
 * the header. Whether it must be sent is the service's call ({@code require} for changes, {@code checkIfGiven}
 * for actions), after the resource is found and the caller authorized, so 404 and 403 still come before 428.
 */
@Configuration(proxyBeanMethods = false)
class ExpectedVersions implements WebMvcConfigurer {
    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(ExpectedVersion.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new Resolver());
    }

    /** The OpenAPI description names the header an {@link ExpectedVersion} parameter reads. */
    @Bean
    OperationCustomizer ifMatchHeader() {
        return (operation, handler) -> {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.getParameterType() == ExpectedVersion.class) {
                    operation.addParametersItem(new HeaderParameter()
                            .name(HttpHeaders.IF_MATCH)
                            .description("The ETag the change is based on")
                            .schema(new StringSchema()));
                }
            }
            return operation;
        };
    }

    static final class Resolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == ExpectedVersion.class;
        }

        @Override
        public ExpectedVersion resolveArgument(
                MethodParameter parameter,
                ModelAndViewContainer container,
                NativeWebRequest request,
                WebDataBinderFactory binders) {
            String[] values = request.getHeaderValues(HttpHeaders.IF_MATCH);
            return ExpectedVersion.parse(values == null ? null : String.join(", ", values));
        }
    }
}
