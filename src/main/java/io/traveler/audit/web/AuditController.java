package io.traveler.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.audit.AuditTrail;
import io.traveler.audit.internal.AuditQueries;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Audit", description = "Who changed what, when")
@RestController
@RequestMapping("/api/audit")
class AuditController {
    private final AuditQueries audit;

    AuditController(AuditQueries audit) {
        this.audit = audit;
    }

    @Operation(summary = "List audit events, newest first")
    @GetMapping
    @PreAuthorize("hasAuthority('audit:read')")
    ItemList<AuditTrail.Entry> list(
            @RequestParam(name = "entity_type", required = false) String entityType,
            @RequestParam(name = "entity_id", required = false) UUID entityId,
            @RequestParam(name = "actor_id", required = false) UUID actorId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor, null, Set.of("at"), "-at");
        return audit.find(
                new AuditQueries.Filter(entityType, entityId, actorId, from, to), page.limit(), page.cursor());
    }
}
