package io.traveler.inventory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.inventory.internal.CycleCounts;
import io.traveler.inventory.internal.CycleCounts.Count;
import io.traveler.inventory.internal.CycleCounts.Summary;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.Versions;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cycle counts: open a count of a location (its lines are the lots the ledger has there), record what was counted,
 * post the differences once as ADJUSTMENT movements (reference CYCLE_COUNT, the count's reason). Counting is
 * {@code inventory:move}; posting, which adjusts stock, is {@code inventory:manage}.
 */
@Tag(name = "Inventory")
@RestController
class CountsController {
    private final CycleCounts counts;

    CountsController(CycleCounts counts) {
        this.counts = counts;
    }

    record OpenBody(UUID locationId, String reason) {}

    record LineBody(UUID lotId, UUID partId, BigDecimal counted) {}

    record LinesBody(List<LineBody> lines) {}

    @Operation(summary = "Open a cycle count of a location, listing the lots the ledger has there")
    @PostMapping(path = "/api/inventory/counts", produces = "application/json")
    @PreAuthorize("hasAuthority('inventory:move')")
    ResponseEntity<Count> open(@RequestBody OpenBody body) {
        Count count = counts.open(body.locationId(), body.reason());
        return Versions.created("/api/inventory/counts/" + count.id(), count.version(), count);
    }

    @Operation(summary = "List cycle counts, newest first (filter by location and status OPEN, POSTED or CANCELLED)")
    @GetMapping(path = "/api/inventory/counts", produces = "application/json")
    @PreAuthorize("hasAuthority('inventory:read')")
    ItemList<Summary> list(
            @RequestParam(name = "location_id", required = false) UUID locationId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return counts.list(locationId, status, limit(limit), cursor);
    }

    @Operation(summary = "Get a cycle count with its lines")
    @GetMapping(path = "/api/inventory/counts/{id}", produces = "application/json")
    @PreAuthorize("hasAuthority('inventory:read')")
    ResponseEntity<Count> get(@PathVariable UUID id) {
        Count count = counts.count(id);
        return Versions.ok(count.version(), count);
    }

    @Operation(
            summary = "Record counted quantities of an open count",
            description = "Each line names a listed lot (`lot_id`), or a part found with no lot (`part_id`); a lot or"
                    + " part not listed becomes a new line expecting nothing. `counted: null` clears a line. Lines"
                    + " not named keep what they had. Needs `If-Match`.")
    @PutMapping(path = "/api/inventory/counts/{id}/lines", produces = "application/json")
    @PreAuthorize("hasAuthority('inventory:move')")
    ResponseEntity<Count> record(@PathVariable UUID id, ExpectedVersion expected, @RequestBody LinesBody body) {
        if (!expected.isGiven()) {
            expected.require(0);
        }
        List<CycleCounts.Counted> lines = body.lines() == null
                ? null
                : body.lines().stream()
                        .map(l -> l == null ? null : new CycleCounts.Counted(l.partId(), l.lotId(), l.counted()))
                        .toList();
        Count count = counts.record(id, lines, expected);
        return Versions.ok(count.version(), count);
    }

    @Operation(
            summary = "Post an open count: each counted line's difference becomes an ADJUSTMENT",
            description = "The difference is counted less the lot's on hand at the location now. 409 when the count"
                    + " was posted or cancelled already, or when a decrease would take reserved stock.")
    @PostMapping(path = "/api/inventory/counts/{id}/post", produces = "application/json")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<Count> post(@PathVariable UUID id, ExpectedVersion expected) {
        Count count = counts.post(id, expected);
        return Versions.ok(count.version(), count);
    }

    @Operation(summary = "Cancel an open count without posting it")
    @PostMapping(path = "/api/inventory/counts/{id}/cancel", produces = "application/json")
    @PreAuthorize("hasAuthority('inventory:move')")
    ResponseEntity<Count> cancel(@PathVariable UUID id, ExpectedVersion expected) {
        Count count = counts.cancel(id, expected);
        return Versions.ok(count.version(), count);
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return PageRequest.DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + PageRequest.MAX_LIMIT);
        }
        return limit;
    }
}
