package io.traveler.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.accounts.internal.StaffService;
import io.traveler.accounts.internal.Station;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Stations")
@RestController
@RequestMapping("/api/stations")
class StationsController {
    private final StaffService staff;

    StationsController(StaffService staff) {
        this.staff = staff;
    }

    record StationView(
            UUID id,
            String name,
            String description,
            UUID leaderId,
            BigDecimal capacityHoursPerDay,
            UUID locationId,
            Station.Status status,
            List<UUID> memberIds,
            Instant createdAt,
            Instant updatedAt) {
        static StationView of(StaffService.StoredStation s) {
            return new StationView(
                    s.id(),
                    s.name(),
                    s.description(),
                    s.leaderId(),
                    s.capacityHoursPerDay(),
                    s.locationId(),
                    s.status(),
                    s.memberIds(),
                    s.createdAt(),
                    s.updatedAt());
        }
    }

    record StationCreate(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 2000) String description,
            UUID leaderId,
            @DecimalMin("0") @DecimalMax("24") BigDecimal capacityHoursPerDay,
            UUID locationId,
            Station.Status status,
            @Size(max = 500) List<UUID> memberIds) {}

    record StationChange(
            @Size(min = 1, max = 200) String name,
            @Size(max = 2000) String description,
            UUID leaderId,
            @DecimalMin("0") @DecimalMax("24") BigDecimal capacityHoursPerDay,
            UUID locationId,
            Station.Status status,
            @Size(max = 500) List<UUID> memberIds) {}

    @Operation(summary = "List stations")
    @GetMapping
    @PreAuthorize("hasAuthority('stations:read')")
    ItemList<StationView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Station.Status status) {
        var page = Pages.of(limit, cursor, sort, StaffService.STATION_SORTS, "name");
        return staff.listStations(page, q, status).map(found -> StationView.of(found.stored()));
    }

    @Operation(summary = "Create a station")
    @PostMapping
    @PreAuthorize("hasAuthority('stations:create')")
    ResponseEntity<StationView> create(@Valid @RequestBody StationCreate body) {
        var created = staff.createStation(new StaffService.StationData(
                body.name(),
                body.description(),
                body.leaderId(),
                body.capacityHoursPerDay(),
                body.locationId(),
                body.status(),
                body.memberIds(),
                Set.of()));
        return Versions.created(created.station().version(), StationView.of(created.stored()));
    }

    @Operation(summary = "Get a station")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('stations:read')")
    ResponseEntity<StationView> get(@PathVariable UUID id) {
        var found = staff.storedStation(id);
        return Versions.ok(found.version(), StationView.of(found));
    }

    @Operation(summary = "Change a station (members, leader, capacity, location)")
    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('stations:update')")
    ResponseEntity<StationView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody StationChange body) {
        var changed = staff.changeStation(
                id,
                expected,
                new StaffService.StationData(
                        body.name(),
                        body.description(),
                        body.leaderId(),
                        body.capacityHoursPerDay(),
                        body.locationId(),
                        body.status(),
                        body.memberIds(),
                        ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.station().version(), StationView.of(changed.stored()));
    }

    @Operation(summary = "Delete a station")
    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('stations:delete')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        staff.deleteStation(id, expected);
        return ResponseEntity.noContent().build();
    }
}
