package io.traveler.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PATCH follows JSON merge-patch: a field left out stays as it is, a field sent as {@code null} is cleared. A record
 * cannot tell the two apart, so this advice notes which top-level fields of a PATCH body were explicitly null; the
 * controller reads them with {@link #inThisRequest()} and tells the service which values to clear.
 */
@ControllerAdvice(annotations = RestController.class)
public class ExplicitNulls extends RequestBodyAdviceAdapter {
    private static final String ATTRIBUTE = ExplicitNulls.class.getName();
    private final JsonMapper json = JsonMapper.builder().build();

    /** The snake_case names of the fields this request's PATCH body set to null. */
    public static Set<String> inThisRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getAttribute(ATTRIBUTE) instanceof Set<?> names) {
            @SuppressWarnings("unchecked")
            Set<String> fields = (Set<String>) names;
            return fields;
        }
        return Set.of();
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return currentRequest() != null && "PATCH".equals(currentRequest().getMethod());
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage message,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        byte[] body = message.getBody().readAllBytes();
        Set<String> nulls = new HashSet<>();
        try {
            JsonNode tree = json.readTree(body);
            if (tree != null && tree.isObject()) {
                tree.properties().forEach(field -> {
                    if (field.getValue().isNull()) {
                        nulls.add(field.getKey());
                    }
                });
            }
        } catch (RuntimeException malformed) {
            // the message converter reads the body next and answers 400 with the reason
        }
        currentRequest().setAttribute(ATTRIBUTE, Set.copyOf(nulls));
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }
        };
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
    }
}
