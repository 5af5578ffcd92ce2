package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;
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

    /** The schemas name properties as the JSON does (snake_case), so a generated client reads and sends real fields. */
    @Test
    void schemasNamePropertiesAsTheJsonDoes() throws IOException {
        JsonNode schemas = document().path("components").path("schemas");
        List<String> camel = new ArrayList<>();
        for (var schema : schemas.properties()) {
            for (var property : schema.getValue().path("properties").properties()) {
                if (!property.getKey().matches("[a-z0-9_]+")) {
                    camel.add(schema.getKey() + "." + property.getKey());
                }
            }
        }
        assertThat(camel).isEmpty();
        assertThat(schemas.path("ScanBody").path("properties").has("station_id"))
                .isTrue();
        assertThat(schemas.path("UnitView").path("properties").has("project_code"))
                .isTrue();
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

    /**
     * openapi-generator's Java client (library {@code native}) generated from the document compiles against its own
     * runtime (Jackson 2, jakarta.annotation, jackson-databind-nullable: test dependencies), so a document that would
     * break clients breaks the build. The sources stay in {@code target/generated-client}.
     */
    @Test
    void aJavaClientGeneratedFromTheDocumentCompiles() throws IOException {
        document();
        Path client = Path.of("target/generated-client");
        FileSystemUtils.deleteRecursively(client);
        var configurator = new CodegenConfigurator()
                .setGeneratorName("java")
                .setLibrary("native")
                .setInputSpec("target/openapi.json")
                .setOutputDir(client.toString())
                .setInvokerPackage("io.traveler.client")
                .setApiPackage("io.traveler.client.api")
                .setModelPackage("io.traveler.client.model")
                .addAdditionalProperty("useJakartaEe", true)
                .addAdditionalProperty("hideGenerationTimestamp", true);
        for (String skipped : List.of("apiTests", "modelTests", "apiDocs", "modelDocs")) {
            configurator.addGlobalProperty(skipped, "false");
        }
        List<File> generated =
                new DefaultGenerator().opts(configurator.toClientOptInput()).generate();
        List<File> sources = generated.stream()
                .filter(file -> file.getName().endsWith(".java"))
                .toList();
        assertThat(sources).as("generated Java sources").isNotEmpty();

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        Path classes = Files.createDirectories(client.resolve("classes"));
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of(
                    "-proc:none",
                    "-nowarn",
                    "-d",
                    classes.toString(),
                    "-classpath",
                    System.getProperty("java.class.path"));
            boolean compiled = javac.getTask(
                            null, files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sources))
                    .call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getSource() == null
                            ? d.getMessage(Locale.ROOT)
                            : client.relativize(Path.of(d.getSource().toUri())) + ":" + d.getLineNumber() + ": "
                                    + d.getMessage(Locale.ROOT))
                    .toList();
            assertThat(errors).as("compile errors in the generated client").isEmpty();
            assertThat(compiled).isTrue();
        }
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
