package io.traveler.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI 3.1 description at /v3/api-docs: bearer tokens or API keys on every endpoint. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
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
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("api_key"));
    }
}
