package io.traveler.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.web.util.UrlPathHelper;

/**
 * The path a request is routed by: percent-decoded, without {@code ;parameters}, with empty and {@code .} segments
 * dropped, {@code ..} applied, and without a trailing slash. Filters that guard paths (throttle, body limit,
 * idempotency) compare this, never {@link HttpServletRequest#getRequestURI()}, whose raw spelling a client
 * controls: {@code /api/auth/%74oken} and {@code //api/auth/token/} reach the same handler as
 * {@code /api/auth/token}.
 */
public final class RoutedPath {
    private static final String ATTRIBUTE = RoutedPath.class.getName();
    private static final UrlPathHelper DECODING = UrlPathHelper.defaultInstance;

    private RoutedPath() {}

    public static String of(HttpServletRequest request) {
        Object cached = request.getAttribute(ATTRIBUTE);
        if (cached instanceof String path) {
            return path;
        }
        String path = normalise(DECODING.getPathWithinApplication(request));
        request.setAttribute(ATTRIBUTE, path);
        return path;
    }

    public static boolean isApi(HttpServletRequest request) {
        String path = of(request);
        return path.equals("/api") || path.startsWith("/api/");
    }

    static String normalise(String decoded) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(segment);
        }
        return "/" + String.join("/", segments);
    }
}
