package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Every failure under /api is an RFC 9457 problem, the framework's and the server's own included. */
@ApplicationTest
class ErrorProblemsTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    Api.Tenant tenant;

    @BeforeEach
    void signUp() {
        api = new Api(port);
        tenant = Tenants.in(context).signedIn("FACTORY");
    }

    @Test
    void anUnknownRouteIsANotFoundProblem() {
        assertProblem(api.get("/api/no-such-thing").as(tenant).send(), 404);
        assertProblem(
                api.get("/api/no-such-thing")
                        .as(tenant)
                        .header("Accept", "text/html")
                        .send(),
                404);
        assertProblem(api.post("/api/no/such/thing").as(tenant).body(Map.of()).send(), 404);
    }

    @Test
    void anAnonymousCallerOnAnUnknownRouteGetsAnUnauthenticatedProblem() {
        assertProblem(api.get("/api/no-such-thing").send(), 401);
        assertProblem(
                api.get("/api/no-such-thing").header("Accept", "text/html").send(), 401);
    }

    @Test
    void aWrongMethodIsAMethodNotAllowedProblem() {
        var response = api.delete("/api/shops/").as(tenant).send();
        assertProblem(response, 405);
        assertThat(response.header("Allow")).contains("GET");
        assertProblem(api.request("PUT", "/api/shops").as(tenant).body(Map.of()).send(), 405);
    }

    @Test
    void anUnsupportedMediaTypeIsAProblem() {
        var response = api.post("/api/stations")
                .as(tenant)
                .header("Content-Type", "text/plain")
                .body("name=Cutting")
                .send();
        assertProblem(response, 415);
        assertProblem(
                api.post("/api/stations")
                        .as(tenant)
                        .header("Content-Type", "application/xml")
                        .body("<station/>")
                        .send(),
                415);
    }

    @Test
    void anUnacceptableAcceptIsStillAnsweredWithAProblem() {
        assertProblem(
                api.get("/api/shops/").as(tenant).header("Accept", "image/png").send(), 406);
        assertProblem(
                api.get("/api/stations").as(tenant).header("Accept", "text/csv").send(), 406);
        assertProblem(
                api.get("/api/stations/not-a-uuid")
                        .as(tenant)
                        .header("Accept", "image/png")
                        .send(),
                400);
    }

    @Test
    void requestsTheServerRejectsBeforeRoutingAreProblemsToo() throws Exception {
        for (String path : List.of("/api/stations/%2F..%2F", "/api/stations/%00", "/api/sta;tions", "/api//stations")) {
            String[] answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + tenant.token() + "\r\nConnection: close\r\n\r\n");
            int status = Integer.parseInt(answer[0].split(" ")[1]);
            assertThat(status).as(path + " -> " + String.join("\n", answer)).isBetween(400, 499);
            if (status != 404 || path.contains("%")) {
                assertThat(String.join("\n", answer))
                        .as(path)
                        .containsIgnoringCase("content-type: application/problem+json");
            }
        }
    }

    private String[] raw(String request) throws Exception {
        try (var socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            return in.lines().toArray(String[]::new);
        }
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.path("status").asInt()).as(response.toString()).isEqualTo(status);
        assertThat(body.path("type").asString()).as(response.toString()).startsWith("https://traveler.io/problems/");
        assertThat(body.path("title").asString()).isNotBlank();
        assertThat(response.raw().body()).doesNotContain("<html").doesNotContain("timestamp");
    }
}
