package io.traveler.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.ApplicationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Pages link their files by content hash, kept a year; the plain names are asked again and answered 304. */
@ApplicationTest
class StaticFileCachingTests {
    private static final Pattern LINKED = Pattern.compile("(?:href|src)=\"(/(?:css|js|img|webjars)/[^\"]+)\"");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pagesLinkFilesByContentHashWhichBrowsersKeepForAYear() throws Exception {
        List<String> linked = LINKED.matcher(get("/login", null).body())
                .results()
                .map(match -> match.group(1))
                .toList();
        assertThat(linked)
                .as("the login page's stylesheet and scripts")
                .isNotEmpty()
                .allMatch(StaticFileCaching::namedByContent, "named by a hash of their content");

        String stylesheet = linked.stream()
                .filter(path -> path.startsWith("/css/app-"))
                .findFirst()
                .orElseThrow();
        var hashed = get(stylesheet, null);
        assertThat(hashed.statusCode()).isEqualTo(200);
        assertThat(hashed.headers().firstValue("Cache-Control").orElseThrow())
                .contains("max-age=31536000", "public", "immutable")
                .doesNotContain("no-store");
        assertThat(hashed.headers().firstValue("Pragma")).isEmpty();
        assertThat(hashed.body()).isEqualTo(get("/css/app.css", null).body());
    }

    @Test
    void aPlainNameIsAskedAgainEachTimeAndAnswered304WhenUnchanged() throws Exception {
        var plain = get("/css/app.css", null);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String modified = plain.headers().firstValue("Last-Modified").orElseThrow();

        var again = get("/css/app.css", modified);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    /** With an icon linked, browsers do not ask for /favicon.ico (which would be a 404 on every first visit). */
    @Test
    void pagesLinkTheApplicationsIcon() throws Exception {
        String icon = LINKED.matcher(get("/login", null).body())
                .results()
                .map(match -> match.group(1))
                .filter(path -> path.startsWith("/img/traveler-icon-"))
                .findFirst()
                .orElseThrow();
        var served = get(icon, null);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(served.body()).startsWith("<svg");
    }

    @Test
    void pagesThemselvesAreNeverKept() throws Exception {
        assertThat(get("/login", null).headers().firstValue("Cache-Control").orElseThrow())
                .contains("no-store");
    }

    @Test
    void onlyAFullContentHashCountsAsOne() {
        assertThat(StaticFileCaching.namedByContent("/css/app-07f4ee4e0d65c9ac600dc199efaecb46.css"))
                .isTrue();
        assertThat(StaticFileCaching.namedByContent("/css/app.css")).isFalse();
        assertThat(StaticFileCaching.namedByContent("/js/scan-station.js")).isFalse();
        assertThat(StaticFileCaching.namedByContent("/css/app-07f4ee4e.css")).isFalse();
    }

    private HttpResponse<String> get(String path, String ifModifiedSince) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (ifModifiedSince != null) {
            request.header("If-Modified-Since", ifModifiedSince);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
