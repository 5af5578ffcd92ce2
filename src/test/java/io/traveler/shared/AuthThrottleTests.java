package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.web.AuthThrottle;
import io.traveler.shared.web.ClientAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AuthThrottleTests {
    private final AuthThrottle throttle = new AuthThrottle(3, new ClientAddress(List.of()));

    @Test
    void answers429OnceAnAddressSpendsItsSignInBudget() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/auth/token", "10.0.0.1").getStatus()).isEqualTo(200);
        }
        var throttled = post("/api/auth/token/", "10.0.0.1");
        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(throttled.getHeader("Retry-After")).isNotBlank();
        assertThat(throttled.getContentType()).isEqualTo("application/problem+json");
        assertThat(post("/api/auth/token", "10.0.0.2").getStatus())
                .as("another address")
                .isEqualTo(200);
        assertThat(post("/api/stations", "10.0.0.1").getStatus())
                .as("other endpoints")
                .isEqualTo(200);
    }

    @Test
    void answersTheBrowsersFormsWithAPage() throws Exception {
        for (int i = 0; i < 3; i++) {
            post("/login", "10.0.0.3");
        }
        var throttled = post("/login", "10.0.0.3");
        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(throttled.getHeader("Retry-After")).isNotBlank();
        assertThat(throttled.getContentType()).startsWith("text/html");
        assertThat(throttled.getContentAsString()).contains("Too many sign-in attempts");
    }

    @Test
    void anEncodedOrUnnormalisedSpellingOfTheTokenPathSpendsTheSameBudget() throws Exception {
        var spellings = List.of(
                "/api/auth/%74oken",
                "//api/auth/token",
                "/api/auth/token;x=1",
                "/api/./auth/token",
                "/api/auth/tok%65n/",
                "/api/x/../auth/token");
        var small = new AuthThrottle(spellings.size(), new ClientAddress(List.of()));
        for (String spelling : spellings) {
            assertThat(post(small, spelling, "10.0.0.9").getStatus())
                    .as(spelling)
                    .isEqualTo(200);
        }
        for (String spelling : spellings) {
            var throttled = post(small, spelling, "10.0.0.9");
            assertThat(throttled.getStatus()).as(spelling).isEqualTo(429);
            assertThat(throttled.getHeader("Retry-After")).isNotBlank();
            assertThat(throttled.getContentType()).isEqualTo("application/problem+json");
        }
        assertThat(post(small, "/api/auth/%6Cogin-not", "10.0.0.9").getStatus())
                .as("other paths are not throttled")
                .isEqualTo(200);
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerBuysNoFreshBudget() throws Exception {
        for (int i = 0; i < 3; i++) {
            post(throttle, "/api/auth/token", "10.0.0.4", "198.51.100." + i);
        }
        assertThat(post(throttle, "/api/auth/token", "10.0.0.4", "198.51.100.99")
                        .getStatus())
                .isEqualTo(429);
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnBudget() throws Exception {
        var behindProxy = new AuthThrottle(3, new ClientAddress(List.of("10.1.0.0/16")));
        for (int i = 0; i < 3; i++) {
            post(behindProxy, "/api/auth/token", "10.1.2.3", "203.0.113.5");
        }
        assertThat(post(behindProxy, "/api/auth/token", "10.1.2.3", "203.0.113.5")
                        .getStatus())
                .isEqualTo(429);
        assertThat(post(behindProxy, "/api/auth/token", "10.1.2.3", "203.0.113.6")
                        .getStatus())
                .isEqualTo(200);
        assertThat(post(behindProxy, "/api/auth/token", "10.1.2.3", "203.0.113.6, 203.0.113.5")
                        .getStatus())
                .as("a client cannot prepend an address of its choice: the proxy appends the real one")
                .isEqualTo(429);
    }

    @Test
    void theClientAddressIsTheRightmostHopThatIsNotATrustedProxy() {
        var clients = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.1"));
        assertThat(clients.of(request("10.0.0.1", "1.2.3.4, 5.6.7.8, 192.168.1.1")))
                .isEqualTo("5.6.7.8");
        assertThat(clients.of(request("10.0.0.1", null))).isEqualTo("10.0.0.1");
        assertThat(clients.of(request("10.0.0.1", "unknown, 10.2.2.2"))).isEqualTo("10.2.2.2");
        assertThat(clients.of(request("203.0.113.9", "1.2.3.4")))
                .as("untrusted peer")
                .isEqualTo("203.0.113.9");
        assertThat(new ClientAddress(List.of()).of(request("10.0.0.1", "1.2.3.4")))
                .as("no trusted proxies configured")
                .isEqualTo("10.0.0.1");
        assertThat(clients.of(request("10.0.0.1", "2001:db8::1"))).isEqualTo("2001:db8::1");
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        var request = new MockHttpServletRequest("POST", "/api/auth/token");
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    private static MockHttpServletResponse post(AuthThrottle filter, String path, String peer, String forwardedFor)
            throws Exception {
        var request = request(peer, forwardedFor);
        request.setRequestURI(path);
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static MockHttpServletResponse post(AuthThrottle filter, String path, String peer) throws Exception {
        return post(filter, path, peer, null);
    }

    private MockHttpServletResponse post(String path, String address) throws Exception {
        var request = new MockHttpServletRequest("POST", path);
        request.setRemoteAddr(address);
        var response = new MockHttpServletResponse();
        throttle.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
