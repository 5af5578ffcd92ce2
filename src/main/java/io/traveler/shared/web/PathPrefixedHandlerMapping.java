package io.traveler.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * sixth of an API request's CPU. Here each mapping is filed under what its patterns begin with before their first
 * variable or wildcard ({@code /api/stations/}): by its first two path segments ({@code /api/stations}) when that
 * beginning holds them whole, else in a short list every lookup scans. A lookup reads the path's first two segments,
 * checks the mappings filed under them and the short list with {@code startsWith}, asks Spring to match only those
 * the path can belong to, then picks the best of them as Spring does.
 *
 * <p>Spring's own lookup still answers what the index cannot decide: a path holding a percent-encoded character (a
 * pattern's literals match decoded segments), a CORS pre-flight, and a path no candidate matches (Spring then works out
 * the 404, 405 or 415 from every mapping).
 */
final class PathPrefixedHandlerMapping extends RequestMappingHandlerMapping {
    private static final String[] ANY = new String[0];

    private record Candidate(RequestMappingInfo mapping, HandlerMethod handler, String[] literalPrefixes) {}

    private record Matched(RequestMappingInfo mapping, HandlerMethod handler) {}

    /** The mappings by their patterns' first two segments, and those whose beginning does not hold two whole ones. */
    private record Index(Map<String, Candidate[]> bySegments, Candidate[] unfiled) {}

    private volatile @Nullable Index index;

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
        Index index = index();
        Candidate[] filed = index.bySegments().get(firstTwoSegments(lookupPath));
        if (filed != null) {
            addMatches(filed, lookupPath, request, matches);
        }
        addMatches(index.unfiled(), lookupPath, request, matches);
        return matches;
    }

    private void addMatches(
            Candidate[] candidates, String lookupPath, HttpServletRequest request, List<Matched> matches) {
        for (Candidate candidate : candidates) {
            if (mayMatch(candidate.literalPrefixes(), lookupPath)) {
                RequestMappingInfo match = getMatchingMapping(candidate.mapping(), request);
                if (match != null) {
                    matches.add(new Matched(match, candidate.handler()));
                }
            }
        }
    }

    private Index index() {
        Index built = index;
        if (built == null) {
            Map<String, List<Candidate>> bySegments = new HashMap<>();
            List<Candidate> unfiled = new ArrayList<>();
            getHandlerMethods().forEach((mapping, handler) -> {
                Candidate candidate = new Candidate(mapping, handler, literalPrefixes(mapping));
                String key = filingKey(mapping);
                if (key == null) {
                    unfiled.add(candidate);
                } else {
                    bySegments.computeIfAbsent(key, k -> new ArrayList<>()).add(candidate);
                }
            });
            Map<String, Candidate[]> filed = new HashMap<>();
            bySegments.forEach((key, candidates) -> filed.put(key, candidates.toArray(Candidate[]::new)));
            built = new Index(Map.copyOf(filed), unfiled.toArray(Candidate[]::new));
            index = built;
        }
        return built;
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

    /**
     * The first two segments every pattern of the mapping begins with ({@code /api/stations} for
     * {@code /api/stations/{id}} and for {@code /api/stations}); null when a pattern's literal beginning does not hold
     * two whole segments ({@code /api/{kind}}, {@code /login}, {@code /webjars/**}) or its patterns differ in them. A
     * path a pattern matches begins with that pattern's literal beginning, so it has the same first two segments.
     */
    static @Nullable String filingKey(RequestMappingInfo info) {
        PathPatternsRequestCondition condition = info.getPathPatternsCondition();
        if (condition == null || condition.getPatterns().isEmpty()) {
            return null;
        }
        String key = null;
        for (PathPattern pattern : condition.getPatterns()) {
            String text = pattern.getPatternString();
            int literalEnd = literalEnd(text);
            String segments = firstTwoSegments(text);
            boolean whole = segments.length() < literalEnd || (literalEnd == text.length() && segments.equals(text));
            if (!whole || segments.indexOf('/', 1) < 0 || (key != null && !key.equals(segments))) {
                return null;
            }
            key = segments;
        }
        return key;
    }

    /** The path up to the slash that ends its second segment (the whole path when it has no such slash). */
    static String firstTwoSegments(String path) {
        int first = path.indexOf('/', 1);
        if (first < 0) {
            return path;
        }
        int second = path.indexOf('/', first + 1);
        return second < 0 ? path : path.substring(0, second);
    }

    private static int literalEnd(String pattern) {
        for (int c = 0; c < pattern.length(); c++) {
            char ch = pattern.charAt(c);
            if (ch == '{' || ch == '*' || ch == '?') {
                return c;
            }
        }
        return pattern.length();
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
            literals[i++] = text.substring(0, literalEnd(text));
        }
        return literals;
    }
}
