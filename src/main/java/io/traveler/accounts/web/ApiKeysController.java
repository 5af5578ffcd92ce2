package io.traveler.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.accounts.internal.ApiKey;
import io.traveler.accounts.internal.ApiKeyService;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.ResponseCarriesSecret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@Tag(name = "API keys", description = "Credentials for integrations, scoped to permissions")
@RestController
@RequestMapping("/api/api-keys")
class ApiKeysController {
    private final ApiKeyService keys;

    ApiKeysController(ApiKeyService keys) {
        this.keys = keys;
    }

    record ApiKeyView(
            UUID id,
            String name,
            String prefix,
            List<String> permissions,
            UUID createdBy,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt,
            Instant revokedAt,
            String key) {
        static ApiKeyView of(ApiKey k, String plaintext) {
            return new ApiKeyView(
                    k.id(),
                    k.name(),
                    k.prefix(),
                    k.permissions().stream().sorted().toList(),
                    k.createdBy(),
                    k.createdAt(),
                    k.expiresAt(),
                    k.lastUsedAt(),
                    k.revokedAt(),
                    plaintext);
        }
    }

    record ApiKeyCreate(
            @NotBlank @Size(max = 100) String name,
            @NotEmpty Set<String> permissions,
            Instant expiresAt) {}

    @Operation(summary = "List API keys")
    @GetMapping
    @PreAuthorize("hasAuthority('api_keys:read')")
    ItemList<ApiKeyView> list() {
        return new ItemList<>(
                keys.list().stream().map(k -> ApiKeyView.of(k, null)).toList(), null);
    }

    @Operation(summary = "Create a key; the response's `key` is the only time the secret is shown")
    @PostMapping
    @PreAuthorize("hasAuthority('api_keys:manage')")
    @ResponseCarriesSecret
    ResponseEntity<ApiKeyView> create(@Valid @RequestBody ApiKeyCreate body) {
        var created = keys.create(body.name(), body.permissions(), body.expiresAt());
        return ResponseEntity.status(HttpStatus.CREATED).body(ApiKeyView.of(created.key(), created.plaintext()));
    }

    @Operation(summary = "Get an API key")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('api_keys:read')")
    ApiKeyView get(@PathVariable UUID id) {
        return ApiKeyView.of(keys.get(id), null);
    }

    @Operation(summary = "Revoke an API key")
    @PostMapping("/{id}/revoke")
    @PreAuthorize("hasAuthority('api_keys:manage')")
    ApiKeyView revoke(@PathVariable UUID id) {
        return ApiKeyView.of(keys.revoke(id), null);
    }
}
