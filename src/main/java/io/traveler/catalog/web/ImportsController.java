package io.traveler.catalog.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.catalog.internal.ImportService;
import io.traveler.shared.web.ForbiddenException;
import io.traveler.shared.web.NotFoundException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "Imports")
@RestController
@RequestMapping("/api/imports")
class ImportsController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> ACTIVATE_DRAFT = Set.of("boms:approve", "settings:update");

    private final ImportService imports;

    ImportsController(ImportService imports) {
        this.imports = imports;
    }

    record JobView(
            UUID id,
            String kind,
            String status,
            int totalRows,
            int processedRows,
            int failedRows,
            JsonNode errors,
            Instant createdAt,
            Instant finishedAt) {
        static JobView of(ImportService.Job job) {
            return new JobView(
                    job.id(),
                    job.kind(),
                    job.status(),
                    job.totalRows(),
                    job.processedRows(),
                    job.failedRows(),
                    JSON.readTree(job.errors()),
                    job.createdAt(),
                    job.finishedAt());
        }
    }

    /** Activating the imported drafts needs the same rights as activating a DRAFT directly. */
    @PostMapping(path = "/{kind}", consumes = "text/csv")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<Map<String, UUID>> start(
            @PathVariable String kind,
            @RequestParam(defaultValue = "false") boolean activate,
            @RequestBody byte[] csv,
            Authentication caller) {
        var importKind = ImportService.Kind.byPath(kind).orElseThrow(() -> new NotFoundException("Import kind", kind));
        Set<String> held = caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        if (activate && !held.containsAll(ACTIVATE_DRAFT)) {
            throw new ForbiddenException("Activating imported drafts needs boms:approve and settings:update");
        }
        UUID id = imports.start(importKind, csv, activate);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:read')")
    JobView job(@PathVariable UUID id) {
        return JobView.of(imports.job(id));
    }
}
