package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.web.AuthThrottle;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AuthThrottleTests {
    private final AuthThrottle throttle = new AuthThrottle(3);

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

    private MockHttpServletResponse post(String path, String address) throws Exception {
        var request = new MockHttpServletRequest("POST", path);
        request.setRemoteAddr(address);
        var response = new MockHttpServletResponse();
        throttle.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
