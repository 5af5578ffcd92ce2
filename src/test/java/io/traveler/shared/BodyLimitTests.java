package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The body limit counts what is read, so a body that declares no length (chunked) cannot pass it. */
@ApplicationTest
class BodyLimitTests {
    @LocalServerPort
    int port;

    Api api;
    Api.Tenant owner;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        owner = api.signUp("FACTORY");
    }

    @Test
    void aChunkedEightMegabyteJsonBodyIsRefusedAs413() throws Exception {
        var response = sendChunked("/api/catalog/parts", "application/json", jsonOf(8L << 20), owner.token());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Api.parse(response.body()).path("status").asInt()).isEqualTo(413);
    }

    @Test
    void aChunkedBodyToTheSignInIsRefusedAs413BeforeAnyoneIsSignedIn() throws Exception {
        var response = sendChunked("/api/auth/token", "application/json", jsonOf(8L << 20), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsReadAsUsual() throws Exception {
        String part = """
                {"part_number":"CHUNK-1","name":"Chunked","kind":"COMPONENT","unit_of_measure":"ea","unit_cost":1}""";
        var response = sendChunked(
                "/api/catalog/parts",
                "application/json",
                new java.io.ByteArrayInputStream(part.getBytes(StandardCharsets.UTF_8)),
                owner.token());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void aDeclaredLengthBeyondTheLimitIsRefusedBeforeTheBodyIsRead() {
        var response = api.post("/api/catalog/parts")
                .as(owner)
                .body("{\"name\":\"" + "x".repeat(2 << 20) + "\"}")
                .send();

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    /** {@code {"name":"xxxx…"}} of about {@code size} bytes, generated as it is read. */
    static InputStream jsonOf(long size) {
        return new SequenceInputStream(
                new SequenceInputStream(
                        new java.io.ByteArrayInputStream("{\"name\":\"".getBytes(StandardCharsets.US_ASCII)),
                        repeated('x', size)),
                new java.io.ByteArrayInputStream("\"}".getBytes(StandardCharsets.US_ASCII)));
    }

    static InputStream repeated(char c, long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? c : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) c);
                left -= n;
                return n;
            }
        };
    }

    /** {@code BodyPublishers.ofInputStream} declares no length: the body goes out chunked. */
    HttpResponse<String> sendChunked(String path, String contentType, InputStream body, String token)
            throws IOException, InterruptedException {
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
