package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document is one a client generator can use: real media types, every operation with a summary and its
 * problem responses. The document is written to {@code target/openapi.json} for the linter and the generated client.
 */
@ApplicationTest
class OpenApiDocumentTests {
    @LocalServerPort
    int port;

    private JsonNode document() throws IOException {
        var response = new Api(port).get("/v3/api-docs").send();
        assertThat(response.status()).isEqualTo(200);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), response.raw().body());
        return response.json();
    }

    @Test
    void declaresRealMediaTypesNeverAnyType() throws IOException {
        List<String> anyTyped = new ArrayList<>();
        forEachOperation(document(), (name, operation) -> {
            for (var response : operation.path("responses").properties()) {
                if (response.getValue().path("content").has("*/*")) {
                    anyTyped.add(name + " " + response.getKey());
                }
            }
            if (operation.path("requestBody").path("content").has("*/*")) {
                anyTyped.add(name + " request body");
            }
        });
        assertThat(anyTyped).isEmpty();
    }

    @Test
    void everyOperationDeclaresItsProblemResponses() throws IOException {
        List<String> missing = new ArrayList<>();
        forEachOperation(document(), (name, operation) -> {
            var responses = operation.path("responses");
            if (!responses.has("400") || !responses.has("429")) {
                missing.add(name);
            }
            for (var response : responses.properties()) {
                int status = Integer.parseInt(response.getKey().replaceAll("\\D", "0"));
                if (status >= 400 && !response.getValue().path("content").has("application/problem+json")) {
                    missing.add(name + " " + response.getKey());
                }
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void everyOperationHasASummary() throws IOException {
        List<String> missing = new ArrayList<>();
        forEachOperation(document(), (name, operation) -> {
            if (operation.path("summary").asString("").isBlank()) {
                missing.add(name);
            }
        });
        assertThat(missing).isEmpty();
    }

    /** {@code redocly lint} (npm {@code @redocly/cli}, installed by .ci/run) with its recommended rules: no errors. */
    @Test
    void passesTheLintersRecommendedRules() throws Exception {
        document();
        Process process;
        try {
            process = new ProcessBuilder("redocly", "lint", "target/openapi.json", "--format=json")
                    .redirectErrorStream(false)
                    .start();
        } catch (IOException absent) {
            Assumptions.abort("redocly is not installed (npm install -g @redocly/cli); .ci/run installs it");
            return;
        }
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        JsonNode totals = Api.parse(report.substring(report.indexOf('{'))).path("totals");
        assertThat(totals.path("errors").asInt(-1)).as(report).isZero();
    }

    @Test
    void describesJsonObjectFieldsAsFreeFormObjects() throws IOException {
        var schemas = document().path("components").path("schemas");
        assertThat(schemas.has("JsonNode")).isFalse();
        assertThat(schemas.toString()).doesNotContain("floatingPointNumber");
    }

    @Test
    void ifMatchIsDocumentedAsAHeaderAndNeverAsAQueryObject() throws IOException {
        var document = document();
        List<String> named = new ArrayList<>();
        forEachOperation(document, (name, operation) -> operation
                .path("parameters")
                .forEach(p -> named.add(name + " " + p.path("in").asString() + ":"
                        + p.path("name").asString())));
        assertThat(named).noneMatch(parameter -> parameter.endsWith(":expected"));
        assertThat(named)
                .contains(
                        "PATCH /api/locations/{id} header:If-Match",
                        "DELETE /api/roles/{id} header:If-Match",
                        "POST /api/boms/{id}/activate header:If-Match");
    }

    private static void forEachOperation(JsonNode document, java.util.function.BiConsumer<String, JsonNode> each) {
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (operation.getValue().isObject() && operation.getValue().has("responses")) {
                    each.accept(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
                }
            }
        }
    }
}
