package io.traveler.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.accounts.internal.Location;
import io.traveler.accounts.internal.LocationService;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@Tag(name = "Locations", description = "The site → area → bin tree")
@RestController
@RequestMapping("/api/locations")
class LocationsController {
    private final LocationService locations;

    LocationsController(LocationService locations) {
        this.locations = locations;
    }

    record LocationView(UUID id, String code, String name, Location.Kind kind, UUID parentId, Instant createdAt) {
        static LocationView of(Location l) {
            return new LocationView(l.id(), l.code(), l.name(), l.kind(), l.parentId(), l.createdAt());
        }
    }

    record LocationCreate(
            @NotBlank @Size(max = 50) String code,
            @NotBlank @Size(max = 200) String name,
            @NotNull Location.Kind kind,
            UUID parentId) {}

    record LocationChange(
            @Size(min = 1, max = 50) String code,
            @Size(min = 1, max = 200) String name) {}

    @Operation(summary = "List locations (site, area, bin)")
    @GetMapping
    @PreAuthorize("hasAuthority('locations:read')")
    ItemList<LocationView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(name = "parent_id", required = false) UUID parentId,
            @RequestParam(required = false) Location.Kind kind) {
        var page = Pages.of(limit, cursor, sort, LocationService.SORTS, "code");
        return locations.list(page, parentId, kind).map(LocationView::of);
    }

    @Operation(summary = "Create a location")
    @PostMapping
    @PreAuthorize("hasAuthority('locations:create')")
    ResponseEntity<LocationView> create(@Valid @RequestBody LocationCreate body) {
        var created = locations.create(body.code(), body.name(), body.kind(), body.parentId());
        return Versions.created(created.version(), LocationView.of(created));
    }

    @Operation(summary = "Get a location")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('locations:read')")
    ResponseEntity<LocationView> get(@PathVariable UUID id) {
        var found = locations.get(id);
        return Versions.ok(found.version(), LocationView.of(found));
    }

    @Operation(summary = "Rename or move a location")
    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('locations:update')")
    ResponseEntity<LocationView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody LocationChange body) {
        var changed = locations.change(id, expected, body.code(), body.name());
        return Versions.ok(changed.version(), LocationView.of(changed));
    }

    @Operation(summary = "Delete a location")
    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('locations:delete')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        locations.delete(id, expected);
        return ResponseEntity.noContent().build();
    }
}
