package io.traveler.accounts.web;

import io.traveler.accounts.internal.Employee;
import io.traveler.accounts.internal.Location;
import io.traveler.accounts.internal.LocationService;
import io.traveler.accounts.internal.StaffService;
import io.traveler.accounts.internal.Station;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.HashSet;
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

/** Stations: list, create, edit (with members, leader and location), delete. */
@PageController
@RequestMapping("/app/stations")
class StationPages {
    private static final String LIST = "redirect:/app/stations";

    private final StaffService staff;
    private final LocationService locations;

    StationPages(StaffService staff, LocationService locations) {
        this.staff = staff;
        this.locations = locations;
    }

    record StationForm(
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @Size(max = 2000, message = "must be at most 2000 characters")
            String description,

            @BindParam("capacity_hours_per_day")
            @NotNull(message = "is required")
            @DecimalMin(value = "0", message = "must be between 0 and 24")
            @DecimalMax(value = "24", message = "must be between 0 and 24")
            BigDecimal capacityHoursPerDay,

            @BindParam("leader_id") UUID leaderId,
            @BindParam("location_id") UUID locationId,
            @NotNull(message = "is required") Station.Status status,
            @BindParam("member_ids") List<UUID> memberIds,
            Long version) {

        static StationForm blank() {
            return new StationForm("", "", new BigDecimal("8"), null, null, Station.Status.ACTIVE, List.of(), null);
        }

        static StationForm of(StaffService.StationWithMembers found) {
            Station s = found.station();
            return new StationForm(
                    s.name(),
                    s.description(),
                    s.capacityHoursPerDay(),
                    s.leaderId(),
                    s.locationId(),
                    s.status(),
                    found.memberIds(),
                    s.version());
        }

        public boolean hasMember(UUID employeeId) {
            return memberIds != null && memberIds.contains(employeeId);
        }

        /** The form shows the whole station, so an empty description or no ticked member means none. */
        StaffService.StationData data() {
            return new StaffService.StationData(
                    name,
                    description == null ? "" : description,
                    leaderId,
                    capacityHoursPerDay,
                    locationId,
                    status,
                    memberIds == null ? List.of() : memberIds,
                    cleared());
        }

        private Set<String> cleared() {
            Set<String> cleared = new HashSet<>();
            if (leaderId == null) {
                cleared.add("leader_id");
            }
            if (locationId == null) {
                cleared.add("location_id");
            }
            return cleared;
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('stations:read')")
    String list(@RequestParam(required = false) String cursor, HttpServletRequest request, Model model) {
        model.addAttribute("employeeNames", Pages.names(staff.allEmployees(), Employee::id, Employee::name));
        model.addAttribute("locationNames", Pages.names(locations.all(), Location::id, Location::name));
        return ListPages.of(request, model, "accounts/stations")
                .show(
                        cursor,
                        page -> staff.listStations(
                                page.request(StaffService.STATION_SORTS.keySet(), "name"), null, null));
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('stations:create')")
    String newStation(Model model) {
        return form(model, StationForm.blank(), null);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('stations:create')")
    String create(@Valid StationForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        StationForm shown = form == null ? StationForm.blank() : form;
        return Forms.save(form, binding, model, () -> form(model, shown, null), () -> {
            var created = staff.createStation(form.data());
            return Forms.notice(flash, "Station " + created.station().name() + " created.", LIST);
        });
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('stations:update')")
    String edit(@PathVariable UUID id, Model model) {
        return form(model, StationForm.of(staff.station(id)), id);
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('stations:update')")
    String change(
            @PathVariable UUID id,
            @Valid StationForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        return Forms.save(
                form,
                binding,
                model,
                () -> form == null ? form(model, StationForm.of(staff.station(id)), id) : form(model, form, id),
                () -> {
                    var changed = staff.changeStation(id, ExpectedVersion.ofNullable(form.version()), form.data());
                    return Forms.notice(flash, "Station " + changed.station().name() + " saved.", LIST);
                });
    }

    @GetMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('stations:delete')")
    String confirmDelete(@PathVariable UUID id, Model model) {
        Station station = staff.station(id).station();
        return Pages.confirm(
                model,
                "Delete station " + station.name() + "?",
                "Its members stay employees; only their place at this station ends. This cannot be undone.",
                "/app/stations/" + id + "/delete",
                station.version(),
                "/app/stations/" + id);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('stations:delete')")
    String delete(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/stations",
                "Station deleted.",
                () -> staff.deleteStation(id, ExpectedVersion.ofNullable(version)));
    }

    private String form(Model model, StationForm form, UUID id) {
        model.addAttribute("form", form);
        model.addAttribute("stationId", id);
        model.addAttribute("heading", id == null ? "New station" : "Edit station");
        model.addAttribute("employees", staff.allEmployees());
        model.addAttribute("locations", locations.all());
        model.addAttribute("statuses", Station.Status.values());
        return "accounts/station-form";
    }
}
