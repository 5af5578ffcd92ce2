package io.traveler.production.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.production.internal.FloorQueries;
import io.traveler.production.internal.UnitQueries;
import io.traveler.production.internal.UnitQueries.EventView;
import io.traveler.production.internal.UnitSupply;
import io.traveler.production.internal.Views.UnitView;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.Versions;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Units and their passports. Statuses are upper case ({@code QUEUED}, {@code IN_PROGRESS}, …). */
@Tag(name = "Shop floor")
@RestController
class UnitsController {
    private final UnitQueries queries;
    private final UnitSupply supply;
    private final FloorQueries floor;

    UnitsController(UnitQueries queries, UnitSupply supply, FloorQueries floor) {
        this.queries = queries;
        this.supply = supply;
        this.floor = floor;
    }

    record AddBody(Integer count, BigDecimal quantity) {}

    record SplitBody(List<BigDecimal> quantities) {}

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

    @Operation(
            summary = "A unit's passport: every event, oldest first, with who, where, when and which device",
            description = "Keyset paged by the events' sequence: `limit` (1–500) events a page, 500 by default (a"
                    + " unit's whole passport, nearly always); `next_cursor` gives the next page.")
    @GetMapping("/api/units/{id}/events")
    @PreAuthorize("hasAuthority('production:read')")
    ItemList<EventView> events(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return queries.events(id, limit == null ? PageRequest.MAX_LIMIT : limit(limit), cursor);
    }

    @Operation(
            summary = "Add units to an ACTIVE project: queued at its first stage, with the next serials",
            description = "`count` units, each of `quantity` pieces (1 by default: a larger lot can be split later)")
    @PostMapping("/api/projects/{id}/units")
    @PreAuthorize("hasAuthority('production:manage')")
    ResponseEntity<ItemList<UnitView>> add(@PathVariable UUID id, @RequestBody AddBody body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new ItemList<>(supply.add(id, body.count(), body.quantity()), null));
    }

    @Operation(
            summary = "Split quantities off a unit into new units with new serials, where the unit is",
            description = "Answers the unit (first) and the new units. The unit keeps the rest of its quantity.")
    @PostMapping("/api/units/{id}/split")
    @PreAuthorize("hasAuthority('production:manage')")
    ResponseEntity<ItemList<UnitView>> split(
            @PathVariable UUID id, ExpectedVersion expected, @RequestBody SplitBody body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new ItemList<>(supply.split(id, body.quantities(), expected), null));
    }

    @Operation(
            summary = "The units at a station, in queue order: priority (highest first), due date, time waiting",
            description = "Units QUEUED, IN_PROGRESS, ON_HOLD, DEFECTIVE or REWORK at the station's stages (filter by"
                    + " `status`), each with its project's code and its age in the queue.")
    @GetMapping("/api/stations/{id}/queue")
    @PreAuthorize("hasAuthority('production:read')")
    ItemList<FloorQueries.QueueEntry> queue(
            @PathVariable UUID id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return floor.queue(id, status, limit(limit), cursor);
    }

    @Operation(summary = "Scan sessions, newest first: operator, station, device, start, end, counts and pace")
    @GetMapping("/api/scan-sessions")
    @PreAuthorize("hasAuthority('production:read')")
    ItemList<FloorQueries.SessionView> sessions(
            @RequestParam(name = "station_id", required = false) UUID stationId,
            @RequestParam(name = "user_id", required = false) UUID userId,
            @RequestParam(required = false) Boolean open,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return floor.sessions(stationId, userId, open, limit(limit), cursor);
    }

    @Operation(
            summary =
                    "A project's quality: first-pass yield per stage (from the passports), defects per stage and code")
    @GetMapping("/api/projects/{id}/quality")
    @PreAuthorize("hasAuthority('production:read')")
    FloorQueries.Quality quality(@PathVariable UUID id) {
        return floor.quality(id);
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
