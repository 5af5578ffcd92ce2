package io.traveler.equipment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.equipment.internal.Equipment;
import io.traveler.equipment.internal.EquipmentService;
import io.traveler.equipment.internal.EquipmentService.EquipmentData;
import io.traveler.equipment.internal.EquipmentService.LogData;
import io.traveler.equipment.internal.EquipmentService.LogEntry;
import io.traveler.equipment.internal.EquipmentService.PlanData;
import io.traveler.equipment.internal.MaintenancePlan;
import io.traveler.equipment.internal.MaintenanceSchedule;
import io.traveler.equipment.internal.MaintenanceSchedule.PlanDue;
import io.traveler.equipment.internal.ProductEquipment;
import io.traveler.equipment.internal.ProductEquipment.EquipmentRequirements;
import io.traveler.equipment.internal.ProductEquipment.RequirementData;
import io.traveler.shared.Quantity;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Equipment")
@RestController
class EquipmentController {
    /** The due list looks this far ahead unless asked otherwise: two weeks, or a day's shift of hours. */
    static final int DEFAULT_WITHIN_DAYS = 14;

    static final String DEFAULT_WITHIN_HOURS = "24";

    private final EquipmentService equipment;
    private final MaintenanceSchedule schedule;
    private final ProductEquipment products;

    EquipmentController(EquipmentService equipment, MaintenanceSchedule schedule, ProductEquipment products) {
        this.equipment = equipment;
        this.schedule = schedule;
        this.products = products;
    }

    record EquipmentView(
            UUID id,
            String code,
            String name,
            Equipment.Kind kind,
            Equipment.Status status,
            UUID locationId,
            UUID stationId,
            String serialNumber,
            String notes,
            BigDecimal hoursUsed,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        static EquipmentView of(Equipment e) {
            return new EquipmentView(
                    e.id(),
                    e.code(),
                    e.name(),
                    e.kind(),
                    e.status(),
                    e.locationId(),
                    e.stationId(),
                    e.serialNumber(),
                    e.notes(),
                    e.hoursUsed(),
                    e.version(),
                    e.createdAt(),
                    e.updatedAt());
        }
    }

    /** Equipment as sent: code, name and kind are required on creation; in a PATCH a field left out stays. */
    record EquipmentBody(
            @Size(min = 1, max = 50) String code,
            @Size(min = 1, max = 200) String name,
            Equipment.Kind kind,
            Equipment.Status status,
            UUID locationId,
            UUID stationId,
            @Size(max = 100) String serialNumber,
            @Size(max = 4000) String notes) {
        EquipmentData data(Set<String> cleared) {
            return new EquipmentData(code, name, kind, status, locationId, stationId, serialNumber, notes, cleared);
        }
    }

    record StatusBody(@NotNull Equipment.Status status) {}

    /** Hours used since the last reading, or the meter as read now: one of the two. */
    record UsageBody(
            @DecimalMin("0.01") @DecimalMax("1000000") @Quantity
            BigDecimal hours,

            @DecimalMin("0") @DecimalMax("1000000000") @Quantity
            BigDecimal reading) {}

    record PlanView(
            UUID id,
            UUID equipmentId,
            String name,
            String instructions,
            Integer intervalDays,
            BigDecimal intervalHours,
            LocalDate lastDoneOn,
            BigDecimal lastDoneHours,
            LocalDate nextDueOn,
            BigDecimal nextDueHours,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        static PlanView of(MaintenancePlan p) {
            return new PlanView(
                    p.id(),
                    p.equipmentId(),
                    p.name(),
                    p.instructions(),
                    p.intervalDays(),
                    p.intervalHours(),
                    p.lastDoneOn(),
                    p.lastDoneHours(),
                    p.nextDueOn(),
                    p.nextDueHours(),
                    p.version(),
                    p.createdAt(),
                    p.updatedAt());
        }
    }

    /** A plan: every interval_days and/or interval_hours of use, counted from last_done_on / last_done_hours. */
    record PlanBody(
            @Size(min = 1, max = 200) String name,
            @Size(max = 4000) String instructions,
            @Min(1) @Max(3650) Integer intervalDays,

            @DecimalMin("0.01") @DecimalMax("1000000") @Quantity
            BigDecimal intervalHours,

            LocalDate lastDoneOn,

            @DecimalMin("0") @DecimalMax("1000000000") @Quantity
            BigDecimal lastDoneHours) {
        PlanData data(Set<String> cleared) {
            return new PlanData(name, instructions, intervalDays, intervalHours, lastDoneOn, lastDoneHours, cleared);
        }
    }

    /** Maintenance done: under plan_id (none for a repair), at done_at (now), at hours_used (the meter). */
    record LogBody(
            UUID planId,
            Instant doneAt,

            @DecimalMin("0") @DecimalMax("1000000000") @Quantity
            BigDecimal hoursUsed,

            @Size(max = 4000) String notes,

            @DecimalMin("0") @DecimalMax("1000000000") @Quantity
            BigDecimal cost) {}

    record LogView(
            UUID id,
            UUID equipmentId,
            UUID planId,
            String planName,
            Instant doneAt,
            UUID doneBy,
            BigDecimal hoursUsed,
            String notes,
            BigDecimal cost) {
        static LogView of(LogEntry l) {
            return new LogView(
                    l.id(),
                    l.equipmentId(),
                    l.planId(),
                    l.planName(),
                    l.doneAt(),
                    l.doneBy(),
                    l.hoursUsed(),
                    l.notes(),
                    l.cost());
        }
    }

    record RequirementBody(
            @NotNull UUID equipmentId,
            @Min(1) @Max(1000) Integer quantity,
            @Size(max = 500) String notes) {}

    record RequirementsBody(@NotNull @Size(max = 100) List<@NotNull @Valid RequirementBody> items) {}

    // --- equipment ----------------------------------------------------------------------------------------------

    @Operation(summary = "List or search equipment")
    @GetMapping("/api/equipment")
    @PreAuthorize("hasAuthority('equipment:read')")
    ItemList<EquipmentView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Equipment.Status status,
            @RequestParam(required = false) Equipment.Kind kind,
            @RequestParam(name = "location_id", required = false) UUID locationId) {
        var page = PageRequest.of(limit, cursor, sort, EquipmentService.SORTS.keySet(), "code");
        return equipment
                .list(page, new EquipmentService.EquipmentFilter(q, status, kind, locationId))
                .map(EquipmentView::of);
    }

    @Operation(summary = "Add equipment")
    @PostMapping("/api/equipment")
    @PreAuthorize("hasAuthority('equipment:manage')")
    ResponseEntity<EquipmentView> create(@Valid @RequestBody EquipmentBody body) {
        Equipment created = equipment.create(body.data(Set.of()));
        return Versions.created("/api/equipment/" + created.id(), created.version(), EquipmentView.of(created));
    }

    @Operation(summary = "Get a piece of equipment")
    @GetMapping("/api/equipment/{id}")
    @PreAuthorize("hasAuthority('equipment:read')")
    ResponseEntity<EquipmentView> get(@PathVariable UUID id) {
        Equipment found = equipment.equipment(id);
        return Versions.ok(found.version(), EquipmentView.of(found));
    }

    @Operation(summary = "Change a piece of equipment")
    @PatchMapping("/api/equipment/{id}")
    @PreAuthorize("hasAuthority('equipment:manage')")
    ResponseEntity<EquipmentView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody EquipmentBody body) {
        Equipment changed = equipment.change(id, expected, body.data(ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.version(), EquipmentView.of(changed));
    }

    @Operation(summary = "Delete a piece of equipment and its plans (refused once maintenance is on record)")
    @DeleteMapping("/api/equipment/{id}")
    @PreAuthorize("hasAuthority('equipment:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        equipment.delete(id, expected);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Change a piece of equipment's status (in use, in maintenance, out of service, ...)")
    @PostMapping("/api/equipment/{id}/status")
    @PreAuthorize("hasAuthority('equipment:maintain')")
    ResponseEntity<EquipmentView> status(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody StatusBody body) {
        Equipment changed = equipment.changeStatus(id, expected, body.status());
        return Versions.ok(changed.version(), EquipmentView.of(changed));
    }

    @Operation(summary = "Record hours of use: hours used since the last reading, or the meter's reading")
    @PostMapping("/api/equipment/{id}/usage")
    @PreAuthorize("hasAuthority('equipment:maintain')")
    ResponseEntity<EquipmentView> usage(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody UsageBody body) {
        Equipment changed = equipment.recordUsage(id, expected, body.hours(), body.reading());
        return Versions.ok(changed.version(), EquipmentView.of(changed));
    }

    // --- plans --------------------------------------------------------------------------------------------------

    @Operation(summary = "List a piece of equipment's maintenance plans")
    @GetMapping("/api/equipment/{id}/plans")
    @PreAuthorize("hasAuthority('equipment:read')")
    ItemList<PlanView> plans(@PathVariable UUID id) {
        return new ItemList<>(equipment.plansOf(id).stream().map(PlanView::of).toList(), null);
    }

    @Operation(summary = "Add a maintenance plan (every so many days and/or hours of use)")
    @PostMapping("/api/equipment/{id}/plans")
    @PreAuthorize("hasAuthority('equipment:manage')")
    ResponseEntity<PlanView> addPlan(@PathVariable UUID id, @Valid @RequestBody PlanBody body) {
        MaintenancePlan added = equipment.addPlan(id, body.data(Set.of()));
        return Versions.created("/api/equipment/" + id + "/plans/" + added.id(), added.version(), PlanView.of(added));
    }

    @Operation(summary = "Get a maintenance plan")
    @GetMapping("/api/equipment/{id}/plans/{planId}")
    @PreAuthorize("hasAuthority('equipment:read')")
    ResponseEntity<PlanView> plan(@PathVariable UUID id, @PathVariable UUID planId) {
        MaintenancePlan found = equipment.plan(id, planId);
        return Versions.ok(found.version(), PlanView.of(found));
    }

    @Operation(summary = "Change a maintenance plan")
    @PatchMapping("/api/equipment/{id}/plans/{planId}")
    @PreAuthorize("hasAuthority('equipment:manage')")
    ResponseEntity<PlanView> changePlan(
            @PathVariable UUID id,
            @PathVariable UUID planId,
            ExpectedVersion expected,
            @Valid @RequestBody PlanBody body) {
        MaintenancePlan changed = equipment.changePlan(id, planId, expected, body.data(ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.version(), PlanView.of(changed));
    }

    @Operation(summary = "Delete a maintenance plan (its logs stay, without the plan)")
    @DeleteMapping("/api/equipment/{id}/plans/{planId}")
    @PreAuthorize("hasAuthority('equipment:manage')")
    ResponseEntity<Void> deletePlan(@PathVariable UUID id, @PathVariable UUID planId, ExpectedVersion expected) {
        equipment.deletePlan(id, planId, expected);
        return ResponseEntity.noContent().build();
    }

    // --- maintenance --------------------------------------------------------------------------------------------

    @Operation(summary = "List the maintenance done on a piece of equipment, newest first")
    @GetMapping("/api/equipment/{id}/maintenance")
    @PreAuthorize("hasAuthority('equipment:read')")
    ItemList<LogView> logs(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor, null, Set.of("done_at"), "done_at");
        return equipment.logsOf(id, page.limit(), cursor).map(LogView::of);
    }

    @Operation(summary = "Log maintenance done; under a plan, the plan's next due date and hours move")
    @PostMapping("/api/equipment/{id}/maintenance")
    @PreAuthorize("hasAuthority('equipment:maintain')")
    ResponseEntity<LogView> log(@PathVariable UUID id, @Valid @RequestBody LogBody body) {
        LogEntry logged = equipment.logMaintenance(
                id, new LogData(body.planId(), body.doneAt(), body.hoursUsed(), body.notes(), body.cost()));
        return ResponseEntity.created(URI.create("/api/equipment/" + id + "/maintenance"))
                .body(LogView.of(logged));
    }

    @Operation(
            summary = "List maintenance due and overdue",
            description = "Plans due within within_days days (default 14) or within_hours hours of use (default 24),"
                    + " and every overdue one; overdue=true keeps only the overdue. Retired equipment is due nothing.")
    @GetMapping("/api/equipment/maintenance/due")
    @PreAuthorize("hasAuthority('equipment:read')")
    ItemList<PlanDue> due(
            @RequestParam(name = "within_days", required = false) Integer withinDays,
            @RequestParam(name = "within_hours", required = false) BigDecimal withinHours,
            @RequestParam(required = false) Boolean overdue) {
        return new ItemList<>(
                schedule.due(
                        withinDays == null ? DEFAULT_WITHIN_DAYS : withinDays,
                        withinHours == null ? new BigDecimal(DEFAULT_WITHIN_HOURS) : withinHours,
                        Boolean.TRUE.equals(overdue)),
                null);
    }

    // --- a product's equipment ----------------------------------------------------------------------------------

    @Operation(summary = "Get the equipment a product needs")
    @GetMapping("/api/products/{id}/equipment")
    @PreAuthorize("hasAuthority('equipment:read')")
    ResponseEntity<EquipmentRequirements> requirements(@PathVariable UUID id) {
        EquipmentRequirements found = products.of(id);
        return Versions.ok(found.version(), found);
    }

    @Operation(summary = "Replace the equipment a product needs")
    @PutMapping("/api/products/{id}/equipment")
    @PreAuthorize("hasAuthority('equipment:manage')")
    ResponseEntity<EquipmentRequirements> replaceRequirements(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody RequirementsBody body) {
        EquipmentRequirements replaced = products.replace(
                id,
                expected,
                body.items().stream()
                        .map(i -> new RequirementData(i.equipmentId(), i.quantity(), i.notes()))
                        .toList());
        return Versions.ok(replaced.version(), replaced);
    }
}
