package io.traveler.production.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.production.internal.UnitQueries;
import io.traveler.production.internal.UnitQueries.EventView;
import io.traveler.production.internal.Views.UnitView;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.Versions;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Units and their passports. Statuses are upper case ({@code QUEUED}, {@code IN_PROGRESS}, …). */
@Tag(name = "Shop floor")
@RestController
class UnitsController {
    private final UnitQueries queries;

    UnitsController(UnitQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "List a project's units by position (keyset paged), each with its stage and status")
    @GetMapping("/api/projects/{id}/units")
    @PreAuthorize("hasAuthority('production:read')")
    ItemList<UnitView> units(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return queries.ofProject(id, limit(limit), cursor);
    }

    @Operation(summary = "Get a unit: its stage, status, location, assignee and times")
    @GetMapping("/api/units/{id}")
    @PreAuthorize("hasAuthority('production:read')")
    ResponseEntity<UnitView> unit(@PathVariable UUID id) {
        UnitView unit = queries.unit(id);
        return Versions.ok(unit.version(), unit);
    }

    @Operation(summary = "A unit's passport: every event, oldest first, with who, where, when and which device")
    @GetMapping("/api/units/{id}/events")
    @PreAuthorize("hasAuthority('production:read')")
    ItemList<EventView> events(@PathVariable UUID id) {
        return new ItemList<>(queries.events(id), null);
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
