package io.traveler.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's request mappings, asked in a cheaper way. A path with a variable ({@code /api/stations/{id}}) has no
 * direct match, so Spring tries every mapping of the application in turn (several hundred), each check reading the
 * method, headers and attributes of the request through its chain of wrappers: a tenth of an API request's CPU. Here a
 * mapping whose patterns' literal beginnings ({@code /api/stations/}) the path does not start with is passed over at
 * the cost of a {@code startsWith}; the others are checked by Spring as before. Paths holding a percent-encoded
 * character are left to Spring alone (a pattern's literals match decoded segments).
 */
final class PathPrefixedHandlerMapping extends RequestMappingHandlerMapping {
    private static final ThreadLocal<String> LOOKUP_PATH = new ThreadLocal<>();
    private static final String[] ANY = new String[0];

    private final Map<RequestMappingInfo, String[]> prefixes = new ConcurrentHashMap<>();

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        String outer = LOOKUP_PATH.get();
        LOOKUP_PATH.set(lookupPath.indexOf('%') < 0 ? lookupPath : null);
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            if (outer == null) {
                LOOKUP_PATH.remove();
            } else {
                LOOKUP_PATH.set(outer);
            }
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        String path = LOOKUP_PATH.get();
        if (path != null
                && !mayMatch(prefixes.computeIfAbsent(info, PathPrefixedHandlerMapping::literalPrefixes), path)) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }

    private static boolean mayMatch(String[] literalPrefixes, String path) {
        if (literalPrefixes == ANY) {
            return true;
        }
        for (String prefix : literalPrefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** What each of the mapping's patterns begins with before its first wildcard or variable; ANY when unknown. */
    static String[] literalPrefixes(RequestMappingInfo info) {
        PathPatternsRequestCondition condition = info.getPathPatternsCondition();
        if (condition == null) {
            return ANY;
        }
        Set<PathPattern> patterns = condition.getPatterns();
        if (patterns.isEmpty()) {
            return ANY;
        }
        String[] literals = new String[patterns.size()];
        int i = 0;
        for (PathPattern pattern : patterns) {
            String text = pattern.getPatternString();
            int end = text.length();
            for (int c = 0; c < text.length(); c++) {
                char ch = text.charAt(c);
                if (ch == '{' || ch == '*' || ch == '?') {
                    end = c;
                    break;
                }
            }
            literals[i++] = text.substring(0, end);
        }
        return literals;
    }
}
