package io.traveler.accounts.web;

import io.traveler.accounts.internal.Employee;
import io.traveler.accounts.internal.StaffService;
import io.traveler.accounts.internal.Station;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Employees: a searchable list filtered by station, create, edit (with stations), delete. */
@PageController
@RequestMapping("/app/employees")
class EmployeePages {
    private static final String LIST = "redirect:/app/employees";

    private final StaffService staff;
    private final OrganizationSettings settings;

    EmployeePages(StaffService staff, OrganizationSettings settings) {
        this.staff = staff;
        this.settings = settings;
    }

    record EmployeeForm(
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @Email(message = "is not an e-mail address") @Size(max = 254, message = "is too long")
            String email,

            @Size(max = 50, message = "must be at most 50 characters")
            String phone,

            @BindParam("hourly_rate")
            @DecimalMin(value = "0", message = "must not be negative")
            @Digits(integer = 15, fraction = 4, message = "has too many digits")
            BigDecimal hourlyRate,

            @Size(max = 2000, message = "are too long") String skills,
            @NotNull(message = "is required") Employee.Status status,
            @BindParam("station_ids") List<UUID> stationIds,
            Long version) {

        static EmployeeForm blank() {
            return new EmployeeForm("", "", "", null, "", Employee.Status.ACTIVE, List.of(), null);
        }

        static EmployeeForm of(StaffService.EmployeeWithStations found) {
            Employee e = found.employee();
            return new EmployeeForm(
                    e.name(),
                    e.email(),
                    e.phone(),
                    e.hourlyRate(),
                    String.join(", ", e.skills()),
                    e.status(),
                    found.stationIds(),
                    e.version());
        }

        public boolean worksAt(UUID stationId) {
            return stationIds != null && stationIds.contains(stationId);
        }

        /** Skills are typed comma-separated; no ticked station means none. */
        StaffService.EmployeeData data() {
            List<String> skillList = skills == null || skills.isBlank()
                    ? List.of()
                    : Arrays.stream(skills.split(",")).map(String::trim).toList();
            return new StaffService.EmployeeData(
                    name,
                    email == null ? "" : email,
                    phone == null ? "" : phone,
                    null,
                    hourlyRate,
                    skillList,
                    status,
                    stationIds == null ? List.of() : stationIds,
                    hourlyRate == null ? Set.of("hourly_rate") : Set.of());
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('employees:read')")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(name = "station_id", required = false) UUID stationId,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        List<Station> stations = staff.allStations();
        model.addAttribute("stations", stations);
        model.addAttribute("stationNames", Pages.names(stations, Station::id, Station::name));
        model.addAttribute("currency", settings.current().currency());
        model.addAttribute("stationId", stationId);
        return ListPages.of(request, model, "accounts/employees")
                .filter("q", q)
                .filter("station_id", stationId)
                .show(
                        cursor,
                        page -> staff.listEmployees(
                                page.request(StaffService.EMPLOYEE_SORTS.keySet(), "name"), q, stationId, null));
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('employees:create')")
    String newEmployee(Model model) {
        return form(model, EmployeeForm.blank(), null);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('employees:create')")
    String create(@Valid EmployeeForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        EmployeeForm shown = form == null ? EmployeeForm.blank() : form;
        return Forms.save(form, binding, model, () -> form(model, shown, null), () -> {
            var created = staff.createEmployee(form.data());
            return Forms.notice(flash, created.employee().name() + " added.", LIST);
        });
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('employees:update')")
    String edit(@PathVariable UUID id, Model model) {
        return form(model, EmployeeForm.of(staff.employee(id)), id);
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('employees:update')")
    String change(
            @PathVariable UUID id,
            @Valid EmployeeForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        return Forms.save(
                form,
                binding,
                model,
                () -> form == null ? form(model, EmployeeForm.of(staff.employee(id)), id) : form(model, form, id),
                () -> {
                    var changed = staff.changeEmployee(id, ExpectedVersion.ofNullable(form.version()), form.data());
                    return Forms.notice(flash, changed.employee().name() + " saved.", LIST);
                });
    }

    @GetMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('employees:delete')")
    String confirmDelete(@PathVariable UUID id, Model model) {
        Employee employee = staff.employee(id).employee();
        return Pages.confirm(
                model,
                "Delete " + employee.name() + "?",
                "They leave every station; a station they lead has no leader afterwards. This cannot be undone.",
                "/app/employees/" + id + "/delete",
                employee.version(),
                "/app/employees/" + id);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('employees:delete')")
    String delete(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/employees",
                "Employee deleted.",
                () -> staff.deleteEmployee(id, ExpectedVersion.ofNullable(version)));
    }

    private String form(Model model, EmployeeForm form, UUID id) {
        model.addAttribute("form", form);
        model.addAttribute("employeeId", id);
        model.addAttribute("heading", id == null ? "New employee" : "Edit employee");
        model.addAttribute("stations", staff.allStations());
        model.addAttribute("statuses", Employee.Status.values());
        model.addAttribute("currency", settings.current().currency());
        return "accounts/employee-form";
    }
}
