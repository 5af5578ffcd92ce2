package io.traveler.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A browser-like session without a browser: signed in through the login form, it keeps the session cookie, follows
 * no redirect, and posts forms with the CSRF token of the last page it read.
 */
public final class PageSession {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;
    private String csrf;

    private PageSession(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Signs in with the tests' password and checks that the form sends the member to the app. */
    public static PageSession signIn(int port, String email) throws Exception {
        var session = new PageSession(port);
        session.get("/login");
        var signedIn = session.post(
                "/login",
                "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(Api.PASSWORD, StandardCharsets.UTF_8));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/app/"));
        session.csrf = null; // signing in starts a new session, with a token of its own
        return session;
    }

    public HttpResponse<String> get(String path) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        var token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    /** Posts the form with the CSRF token of the last page read (reading the home page first if none was). */
    public HttpResponse<String> post(String path, String form) throws Exception {
        if (csrf == null) {
            get("/app/");
        }
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                form + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Posts a multipart form (as a browser's file upload does): the fields, the CSRF token of the last page read, and
     * one file in the part {@code file}.
     */
    public HttpResponse<String> upload(String path, java.util.Map<String, String> fields, String fileName, byte[] file)
            throws Exception {
        if (csrf == null) {
            get("/app/");
        }
        String boundary = "----page" + java.util.UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        var all = new java.util.LinkedHashMap<>(fields);
        all.put("_csrf", csrf);
        all.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Reads a download: its bytes and headers. */
    public HttpResponse<byte[]> download(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts the form (with the CSRF token, as {@link #post}) and answers the body as bytes: a file it downloads. */
    public HttpResponse<byte[]> download(String path, String form) throws Exception {
        if (csrf == null) {
            get("/app/");
        }
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                form + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts the form and checks that it was taken: a page's action answers with a redirect. */
    public HttpResponse<String> submit(String path, String form) throws Exception {
        var response = post(path, form);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(302);
        return response;
    }
}
