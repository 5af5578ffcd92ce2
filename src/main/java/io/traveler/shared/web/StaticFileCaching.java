package io.traveler.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * How browsers keep the stylesheets, scripts and images: a name carrying the hash of its content (what the pages link
 * to, {@code spring.web.resources.chain.strategy.content}) never changes its bytes, so it is kept a year without asking
 * again; the plain name (the scan station's service worker, a bookmarked file) is asked again every time and answered
 * 304 when unchanged. Without this, Spring Security's default {@code no-store} made every page download every file.
 */
final class StaticFileCaching implements HandlerInterceptor {
    private static final Pattern CONTENT_HASH = Pattern.compile("-[0-9a-f]{32}\\.[A-Za-z0-9]+$");
    private static final String FOREVER =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable().getHeaderValue();
    private static final String ASK_AGAIN = CacheControl.noCache().getHeaderValue();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof ResourceHttpRequestHandler) {
            response.setHeader(
                    HttpHeaders.CACHE_CONTROL, namedByContent(request.getRequestURI()) ? FOREVER : ASK_AGAIN);
        }
        return true;
    }

    static boolean namedByContent(String path) {
        return CONTENT_HASH.matcher(path).find();
    }
}
