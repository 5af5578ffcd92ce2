package io.traveler.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's request mappings, looked up through an index of their literal beginnings. A path with a variable
 * ({@code /api/stations/{id}}) has no direct match, so Spring tries every mapping of the application in turn (several
 * hundred), each check reading the method of the request through its chain of wrappers and hashing the mapping: a
 * sixth of an API request's CPU. Here the mappings are kept in one array with what each of their patterns begins with
 * before its first variable or wildcard ({@code /api/stations/}); a lookup scans that array with {@code startsWith}
 * and asks Spring to match only the few mappings the path can belong to, then picks the best of them as Spring does.
 *
 * <p>Spring's own lookup still answers what the index cannot decide: a path holding a percent-encoded character (a
 * pattern's literals match decoded segments), a CORS pre-flight, and a path no candidate matches (Spring then works out
 * the 404, 405 or 415 from every mapping).
 */
final class PathPrefixedHandlerMapping extends RequestMappingHandlerMapping {
    private static final String[] ANY = new String[0];

    private record Candidate(RequestMappingInfo mapping, HandlerMethod handler, String[] literalPrefixes) {}

    private record Matched(RequestMappingInfo mapping, HandlerMethod handler) {}

    private volatile Candidate @Nullable [] index;

    @Override
    protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
            throws Exception {
        if (lookupPath.indexOf('%') >= 0 || CorsUtils.isPreFlightRequest(request)) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        HandlerMethod found = lookupInIndex(lookupPath, request);
        return found != null ? found : super.lookupHandlerMethod(lookupPath, request);
    }

    /** The best of the mappings the path can belong to, as Spring picks it; null when none matches. */
    @Nullable
    HandlerMethod lookupInIndex(String lookupPath, HttpServletRequest request) {
        List<Matched> matches = matchesAmongCandidates(lookupPath, request);
        if (matches.isEmpty()) {
            return null;
        }
        Matched best = matches.get(0);
        if (matches.size() > 1) {
            Comparator<Matched> comparator = Comparator.comparing(Matched::mapping, getMappingComparator(request));
            matches.sort(comparator);
            best = matches.get(0);
            Matched second = matches.get(1);
            if (comparator.compare(best, second) == 0) {
                Method m1 = best.handler().getMethod();
                Method m2 = second.handler().getMethod();
                throw new IllegalStateException("Ambiguous handler methods mapped for '" + request.getRequestURI()
                        + "': {" + m1 + ", " + m2 + "}");
            }
        }
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, best.handler());
        handleMatch(best.mapping(), lookupPath, request);
        return best.handler();
    }

    /** Spring's own lookup over every mapping, for tests comparing it with the index. */
    @Nullable
    HandlerMethod lookupEverywhere(String lookupPath, HttpServletRequest request) throws Exception {
        return super.lookupHandlerMethod(lookupPath, request);
    }

    private List<Matched> matchesAmongCandidates(String lookupPath, HttpServletRequest request) {
        List<Matched> matches = new ArrayList<>(2);
        for (Candidate candidate : index()) {
            if (mayMatch(candidate.literalPrefixes(), lookupPath)) {
                RequestMappingInfo match = getMatchingMapping(candidate.mapping(), request);
                if (match != null) {
                    matches.add(new Matched(match, candidate.handler()));
                }
            }
        }
        return matches;
    }

    private Candidate[] index() {
        Candidate[] candidates = index;
        if (candidates == null) {
            candidates = getHandlerMethods().entrySet().stream()
                    .map(entry -> new Candidate(entry.getKey(), entry.getValue(), literalPrefixes(entry.getKey())))
                    .toArray(Candidate[]::new);
            index = candidates;
        }
        return candidates;
    }

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        index = null;
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        index = null;
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        index = null;
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
