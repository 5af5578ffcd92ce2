package io.traveler.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.ApplicationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The index of request mappings picks the same handler as Spring's lookup over every mapping, for a request to each
 * pattern of the whole application with each of its methods, without falling back on Spring's lookup; for paths
 * nothing maps it finds no handler (the mapping then leaves the 404, 405 or 415 to Spring).
 */
@ApplicationTest
class HandlerIndexTests {
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theIndexPicksWhatSpringsOwnLookupPicksForEveryMappedPathAndMethod() throws Exception {
        var index = (PathPrefixedHandlerMapping) mappings;
        List<String[]> requests = new ArrayList<>();
        for (RequestMappingInfo info : index.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String path : info.getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    requests.add(new String[] {method.name(), concrete(path)});
                }
            }
        }
        requests.add(new String[] {"GET", "/api/no-such-resource/1"});
        requests.add(new String[] {"PUT", "/api/stations/0b7d6a0e-6a57-4a43-9c51-3f1b2f3f5a11"});
        requests.add(new String[] {"GET", "/app/nothing-here"});
        assertThat(requests).hasSizeGreaterThan(300);

        for (String[] request : requests) {
            assertThat(outcome(index, request, true))
                    .as("%s %s", request[0], request[1])
                    .isEqualTo(outcome(index, request, false));
        }
    }

    private static String outcome(PathPrefixedHandlerMapping index, String[] request, boolean indexed) {
        var servletRequest = new MockHttpServletRequest(request[0], request[1]);
        servletRequest.addHeader("Accept", "*/*");
        servletRequest.setContentType("application/json");
        ServletRequestPathUtils.parseAndCache(servletRequest);
        try {
            var handler = indexed
                    ? index.lookupInIndex(request[1], servletRequest)
                    : index.lookupEverywhere(request[1], servletRequest);
            return handler == null ? "no handler" : handler.getMethod().toGenericString();
        } catch (Exception e) {
            // Spring's own lookup answers a path nothing maps with the 404/405/415 it works out; the index with none
            return "no handler";
        }
    }

    /** A path the pattern matches: variables and wildcards filled in. */
    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]*}", "a/b")
                .replaceAll("\\{[^}]*}", "0b7d6a0e-6a57-4a43-9c51-3f1b2f3f5a11")
                .replace("**", "a/b")
                .replace("*", "a")
                .replace("?", "a");
    }
}
