package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Browsers are told what they may run and send; metrics are not for anyone who asks. */
@ApplicationTest
class SecurityHeadersTests {
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bth:src=)(?![^>]*\\bsrc=)[^>]*>");
    private static final Pattern INLINE_HANDLER = Pattern.compile("\\s(on[a-z]+|hx-on[:a-z-]*|th:on[a-z]+)\\s*=");

    @LocalServerPort
    int port;

    Api api;
    Api.Tenant tenant;

    @BeforeEach
    void signUp() {
        api = new Api(port);
        tenant = api.signUp("FACTORY");
    }

    @Test
    void pagesAllowScriptsAndStylesFromTravelerItselfOnly() {
        var login = api.get("/login").send();

        assertThat(login.status()).isEqualTo(200);
        String policy = login.header("Content-Security-Policy");
        assertThat(policy)
                .contains("default-src 'self'")
                .contains("script-src 'self';")
                .contains("style-src 'self';")
                .contains("object-src 'none'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertCommonHeaders(login);
    }

    @Test
    void apiAnswersAndTheirProblemsCarryTheHeadersToo() {
        var shops = api.get("/api/shops/").as(tenant).send();
        var refused = api.get("/api/shops/").send();

        for (var response : List.of(shops, refused)) {
            assertThat(response.header("Content-Security-Policy"))
                    .as(response.toString())
                    .contains("default-src 'none'");
            assertCommonHeaders(response);
        }
        assertThat(refused.status()).isEqualTo(401);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() {
        var login = api.get("/login").send();

        String cookie = login.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no session cookie: " + login.raw().headers()));
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(cookie)
                .as("plain HTTP: Tomcat marks it Secure only on secure requests")
                .doesNotContainIgnoringCase("Secure;");
    }

    @Test
    void noTemplateHasAnInlineScriptOrEventHandler() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            List<String> offending = files.filter(f -> f.toString().endsWith(".html"))
                    .flatMap(f -> {
                        try {
                            String html = Files.readString(f);
                            return Stream.of(INLINE_SCRIPT.matcher(html), INLINE_HANDLER.matcher(html))
                                    .flatMap(m -> m.results().map(r -> f + ": " + r.group()));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
            assertThat(offending).isEmpty();
        }
    }

    @Test
    void prometheusRefusesAScraperWithoutMetricsPermission() {
        var anonymous = api.get("/actuator/prometheus").send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        assertThat(anonymous.raw().body()).doesNotContain("jvm_");

        String stationsOnly = apiKey("stations:read");
        var withoutPermission = api.get("/actuator/prometheus")
                .header("X-API-Key", stationsOnly)
                .send();
        assertThat(withoutPermission.status()).isEqualTo(403);
        assertThat(withoutPermission.raw().body()).doesNotContain("jvm_");

        assertThat(api.get("/actuator/health").send().status())
                .as("health stays open")
                .isEqualTo(200);
        assertThat(api.get("/actuator/env")
                        .header("X-API-Key", stationsOnly)
                        .send()
                        .status())
                .isBetween(401, 404);
    }

    @Test
    void prometheusAnswersAnApiKeyWithMetricsPermission() {
        String scraper = apiKey("metrics:read");

        var metrics =
                api.get("/actuator/prometheus").header("X-API-Key", scraper).send();

        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("jvm_memory_used_bytes");
        var withToken = api.get("/actuator/prometheus").as(tenant).send();
        assertThat(withToken.status())
                .as("an administrator's token holds metrics:read")
                .isEqualTo(200);
    }

    private String apiKey(String permission) {
        var created = api.post("/api/api-keys")
                .as(tenant)
                .body(Map.of("name", "Key for " + permission, "permissions", List.of(permission)))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("key");
    }

    private static void assertCommonHeaders(Api.Response response) {
        assertThat(response.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    }
}
