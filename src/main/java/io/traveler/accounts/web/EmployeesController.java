package io.traveler.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.accounts.internal.Employee;
import io.traveler.accounts.internal.StaffService;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
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

@Tag(name = "Employees")
@RestController
@RequestMapping("/api/employees")
class EmployeesController {
    private final StaffService staff;

    EmployeesController(StaffService staff) {
        this.staff = staff;
    }

    record EmployeeView(
            UUID id,
            String name,
            String email,
            String phone,
            UUID userId,
            BigDecimal hourlyRate,
            List<String> skills,
            Employee.Status status,
            List<UUID> stationIds,
            Instant createdAt,
            Instant updatedAt) {
        static EmployeeView of(StaffService.EmployeeWithStations e) {
            var x = e.employee();
            return new EmployeeView(
                    x.id(),
                    x.name(),
                    x.email(),
                    x.phone(),
                    x.userId(),
                    x.hourlyRate(),
                    x.skills(),
                    x.status(),
                    e.stationIds(),
                    x.createdAt(),
                    x.updatedAt());
        }
    }

    record EmployeeCreate(
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 254) String email,
            @Size(max = 50) String phone,
            UUID userId,

            @DecimalMin(value = "0", message = "must not be negative") @Digits(integer = 15, fraction = 4)
            BigDecimal hourlyRate,

            @Size(max = 50) List<@NotBlank @Size(max = 100) String> skills,
            Employee.Status status,
            @Size(max = 200) List<UUID> stationIds) {}

    record EmployeeChange(
            @Size(min = 1, max = 200) String name,
            @Email @Size(max = 254) String email,
            @Size(max = 50) String phone,
            UUID userId,

            @DecimalMin(value = "0", message = "must not be negative") @Digits(integer = 15, fraction = 4)
            BigDecimal hourlyRate,

            @Size(max = 50) List<@NotBlank @Size(max = 100) String> skills,
            Employee.Status status,
            @Size(max = 200) List<UUID> stationIds) {}

    @Operation(summary = "List employees, filtered by station or text")
    @GetMapping
    @PreAuthorize("hasAuthority('employees:read')")
    ItemList<EmployeeView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String q,
            @RequestParam(name = "station_id", required = false) UUID stationId,
            @RequestParam(required = false) Employee.Status status) {
        var page = Pages.of(limit, cursor, sort, StaffService.EMPLOYEE_SORTS, "name");
        return staff.listEmployees(page, q, stationId, status).map(EmployeeView::of);
    }

    @Operation(summary = "Create an employee")
    @PostMapping
    @PreAuthorize("hasAuthority('employees:create')")
    ResponseEntity<EmployeeView> create(@Valid @RequestBody EmployeeCreate body) {
        var created = staff.createEmployee(new StaffService.EmployeeData(
                body.name(),
                body.email(),
                body.phone(),
                body.userId(),
                body.hourlyRate(),
                body.skills(),
                body.status(),
                body.stationIds(),
                Set.of()));
        return Versions.created(created.employee().version(), EmployeeView.of(created));
    }

    @Operation(summary = "Get an employee")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('employees:read')")
    ResponseEntity<EmployeeView> get(@PathVariable UUID id) {
        var found = staff.employee(id);
        return Versions.ok(found.employee().version(), EmployeeView.of(found));
    }

    @Operation(summary = "Change an employee")
    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('employees:update')")
    ResponseEntity<EmployeeView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody EmployeeChange body) {
        var changed = staff.changeEmployee(
                id,
                expected,
                new StaffService.EmployeeData(
                        body.name(),
                        body.email(),
                        body.phone(),
                        body.userId(),
                        body.hourlyRate(),
                        body.skills(),
                        body.status(),
                        body.stationIds(),
                        ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.employee().version(), EmployeeView.of(changed));
    }

    @Operation(summary = "Delete an employee")
    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('employees:delete')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        staff.deleteEmployee(id, expected);
        return ResponseEntity.noContent().build();
    }
}
