package io.traveler.shared.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.1 description at /v3/api-docs: bearer tokens or API keys on every endpoint, real media types
 * instead of springdoc's {@code *}{@code /*}, and the problem responses each kind of operation can answer, so a
 * client generator sees what the API really does.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    static final String PROBLEM_SCHEMA = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    static {
        // JSON-object fields (dimensions, specifications, attributes) are free-form objects, not Jackson's bean.
        var freeForm = new ObjectSchema().additionalProperties(true);
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, freeForm);
        SpringDocUtils.getConfig().replaceWithSchema(ObjectNode.class, freeForm);
    }

    /**
     * The schemas' property names as the API writes them: snake_case. The JSON itself is written by Jackson 3 with
     * {@code spring.jackson.property-naming-strategy=SNAKE_CASE}; swagger-core reads the records with its own Jackson 2
     * mapper, which knows nothing of that setting and published camelCase names.
     */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenAPI travelerOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Traveler API")
                        .version("v1")
                        .description("JSON in snake_case; lists as {items, next_cursor}; errors as RFC 9457 problems; "
                                + "PUT/PATCH/DELETE need If-Match with the ETag; POST honours Idempotency-Key."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("From POST /api/auth/token"))
                        .addSecuritySchemes(
                                "api_key",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-API-Key")))
                .addServersItem(new Server().url("/").description("This Traveler instance"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("api_key"));
    }

    @Bean
    OpenApiCustomizer mediaTypesAndProblems() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> describe(path, method, operation)));
        };
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponses responses = operation.getResponses();
        String successType = path.endsWith("/export") ? "text/csv" : "application/json";
        responses.forEach((status, response) -> replaceAnyMediaType(response, successType));
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            Content content = operation.getRequestBody().getContent();
            MediaType any = content.remove("*/*");
            if (any != null && content.isEmpty()) {
                content.addMediaType("application/json", any);
            }
        }
        problemsOf(path, method).forEach((status, description) -> {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(status, problem(description));
            }
        });
    }

    private static void replaceAnyMediaType(ApiResponse response, String type) {
        Content content = response.getContent();
        if (content == null) {
            return;
        }
        MediaType any = content.remove("*/*");
        if (any != null) {
            if (type.equals("text/csv")) {
                any = new MediaType().schema(new StringSchema());
            }
            content.addMediaType(type, any);
        }
    }

    /** What any operation of this shape may answer besides success; the filters' and handlers' statuses. */
    static Map<String, String> problemsOf(String path, PathItem.HttpMethod method) {
        Map<String, String> problems = new LinkedHashMap<>();
        boolean open = path.startsWith("/api/auth/");
        problems.put("400", "Malformed request: unreadable body or a parameter of the wrong type");
        if (!open) {
            problems.put("401", "No or invalid credentials");
            problems.put("403", "The caller lacks the permission");
        }
        if (path.contains("{")) {
            problems.put("404", "Not found (also for another organization's ids)");
        }
        switch (method) {
            case POST -> {
                problems.put("409", "Conflict with the current state");
                problems.put("413", "The request body is too large");
                problems.put("422", "Validation failed; errors name the fields");
            }
            case PUT, PATCH -> {
                problems.put("409", "Conflict with the current state");
                problems.put("412", "If-Match names a stale version");
                problems.put("413", "The request body is too large");
                problems.put("422", "Validation failed; errors name the fields");
                problems.put("428", "If-Match is required");
            }
            case DELETE -> {
                problems.put("409", "Still referenced, or not allowed in the current state");
                problems.put("412", "If-Match names a stale version");
                problems.put("428", "If-Match is required");
            }
            default -> problems.put("422", "A query parameter is invalid");
        }
        problems.put("429", "Too many requests");
        problems.put("503", "Over the time budget; retry after the Retry-After seconds");
        return problems;
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    }

    private static Schema<?> problemSchema() {
        var fieldError =
                new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("An RFC 9457 problem")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(fieldError))
                .addRequiredItem("type")
                .addRequiredItem("title")
                .addRequiredItem("status");
    }
}
