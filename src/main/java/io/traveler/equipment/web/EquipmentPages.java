package io.traveler.equipment.web;

import io.traveler.accounts.Accounts;
import io.traveler.catalog.Catalog;
import io.traveler.equipment.internal.Equipment;
import io.traveler.equipment.internal.EquipmentService;
import io.traveler.equipment.internal.EquipmentService.EquipmentData;
import io.traveler.equipment.internal.EquipmentService.LogData;
import io.traveler.equipment.internal.EquipmentService.PlanData;
import io.traveler.equipment.internal.MaintenancePlan;
import io.traveler.equipment.internal.MaintenanceSchedule;
import io.traveler.equipment.internal.ProductEquipment;
import io.traveler.equipment.internal.ProductEquipment.RequirementData;
import io.traveler.shared.Quantities;
import io.traveler.shared.Quantity;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Equipment pages: the list, a piece of equipment with its plans, the maintenance done and the forms to log
 * maintenance and hours of use; the due and overdue list; the maintenance calendar of a month; a product's equipment.
 */
@PageController
class EquipmentPages {
    /** The product page's equipment form lists at most this many pieces of equipment to choose from. */
    private static final int CHOICES = 500;

    private final EquipmentService equipment;
    private final MaintenanceSchedule schedule;
    private final ProductEquipment products;
    private final Accounts accounts;
    private final Catalog catalog;

    EquipmentPages(
            EquipmentService equipment,
            MaintenanceSchedule schedule,
            ProductEquipment products,
            Accounts accounts,
            Catalog catalog) {
        this.equipment = equipment;
        this.schedule = schedule;
        this.products = products;
        this.accounts = accounts;
        this.catalog = catalog;
    }

    record EquipmentForm(
            @NotBlank(message = "is required") @Size(max = 50, message = "must be at most 50 characters")
            String code,

            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @NotNull(message = "is required") Equipment.Kind kind,
            @NotNull(message = "is required") Equipment.Status status,
            @BindParam("location_id") UUID locationId,
            @BindParam("station_id") UUID stationId,

            @BindParam("serial_number") @Size(max = 100, message = "must be at most 100 characters")
            String serialNumber,

            @Size(max = 4000, message = "is too long") String notes,
            Long version) {
        static EquipmentForm blank() {
            return new EquipmentForm(
                    "", "", Equipment.Kind.MACHINE, Equipment.Status.AVAILABLE, null, null, "", "", null);
        }

        static EquipmentForm of(Equipment e) {
            return new EquipmentForm(
                    e.code(),
                    e.name(),
                    e.kind(),
                    e.status(),
                    e.locationId(),
                    e.stationId(),
                    e.serialNumber(),
                    e.notes(),
                    e.version());
        }

        EquipmentData data() {
            return new EquipmentData(
                    code,
                    name,
                    kind,
                    status,
                    locationId,
                    stationId,
                    serialNumber,
                    notes,
                    Set.of("location_id", "station_id", "serial_number", "notes"));
        }
    }

    record PlanForm(
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @Size(max = 4000, message = "is too long") String instructions,

            @BindParam("interval_days")
            @Min(value = 1, message = "must be at least 1")
            @Max(value = 3650, message = "must be at most 3650")
            Integer intervalDays,

            @BindParam("interval_hours")
            @DecimalMin(value = "0.01", message = "must be more than 0")
            @DecimalMax(value = "1000000", message = "is too large")
            @Quantity
            BigDecimal intervalHours,

            @BindParam("last_done_on") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate lastDoneOn,

            @BindParam("last_done_hours")
            @DecimalMin(value = "0", message = "must not be negative")
            @DecimalMax(value = "1000000000", message = "is too large")
            @Quantity
            BigDecimal lastDoneHours,

            Long version) {
        static PlanForm blank(LocalDate today, BigDecimal hours) {
            return new PlanForm("", "", null, null, today, hours, null);
        }

        static PlanForm of(MaintenancePlan p) {
            return new PlanForm(
                    p.name(),
                    p.instructions(),
                    p.intervalDays(),
                    p.intervalHours(),
                    p.lastDoneOn(),
                    p.lastDoneHours(),
                    p.version());
        }

        PlanData data() {
            return new PlanData(
                    name,
                    instructions,
                    intervalDays,
                    intervalHours,
                    lastDoneOn,
                    lastDoneHours,
                    Set.of("instructions", "interval_days", "interval_hours"));
        }
    }

    // --- the list and one piece of equipment ------------------------------------------------------------------

    @GetMapping("/app/equipment")
    @PreAuthorize("hasAuthority('equipment:read')")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Equipment.Status status,
            @RequestParam(required = false) Equipment.Kind kind,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("statuses", Equipment.Status.values());
        model.addAttribute("kinds", Equipment.Kind.values());
        model.addAttribute("locationNames", locationNames());
        var filter = new EquipmentService.EquipmentFilter(q, status, kind, null);
        return ListPages.of(request, model, "equipment/list")
                .filter("q", q)
                .filter("status", status)
                .filter("kind", kind)
                .show(cursor, page -> equipment.list(page.request(EquipmentService.SORTS.keySet(), "code"), filter));
    }

    @GetMapping("/app/equipment/{id}")
    @PreAuthorize("hasAuthority('equipment:read')")
    String detail(@PathVariable UUID id, @RequestParam(required = false) String cursor, Model model) {
        Equipment found = equipment.equipment(id);
        model.addAttribute("equipment", found);
        model.addAttribute(
                "location",
                found.locationId() == null
                        ? null
                        : accounts.locations(Set.of(found.locationId())).get(found.locationId()));
        model.addAttribute(
                "station",
                found.stationId() == null
                        ? null
                        : accounts.station(found.stationId()).orElse(null));
        model.addAttribute("plans", equipment.plansOf(id));
        model.addAttribute("due", dueStates(id));
        model.addAttribute("logs", equipment.logsOf(id, 20, cursor));
        model.addAttribute("requiredBy", products.requiring(id));
        model.addAttribute("statuses", Equipment.Status.values());
        model.addAttribute("zone", equipment.zone());
        model.addAttribute(
                "now", LocalDateTime.now(equipment.zone()).withSecond(0).withNano(0));
        return "equipment/equipment";
    }

    /** Each plan of the equipment that is due or overdue now, by plan id. */
    private Map<UUID, MaintenanceSchedule.PlanDue> dueStates(UUID equipmentId) {
        Map<UUID, MaintenanceSchedule.PlanDue> due = new HashMap<>();
        schedule.due(0, BigDecimal.ZERO, false).stream()
                .filter(i -> i.equipmentId().equals(equipmentId))
                .forEach(i -> due.put(i.planId(), i));
        return due;
    }

    @GetMapping({"/app/equipment/new", "/app/equipment/{id}/edit"})
    @PreAuthorize("hasAuthority('equipment:manage')")
    String edit(@PathVariable(required = false) UUID id, Model model) {
        return equipmentForm(model, id == null ? EquipmentForm.blank() : EquipmentForm.of(equipment.equipment(id)), id);
    }

    /** Adds ({@code POST /app/equipment}) or changes ({@code POST /app/equipment/{id}}) and shows the result. */
    @PostMapping({"/app/equipment", "/app/equipment/{id}"})
    @PreAuthorize("hasAuthority('equipment:manage')")
    String save(
            @PathVariable(required = false) UUID id,
            @Valid EquipmentForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        return Forms.save(form, binding, model, () -> equipmentForm(model, form, id), () -> {
            Equipment saved = id == null
                    ? equipment.create(form.data())
                    : equipment.change(id, ExpectedVersion.ofNullable(form.version()), form.data());
            return Forms.notice(
                    flash,
                    saved.code() + (id == null ? " added." : " saved."),
                    "redirect:/app/equipment/" + saved.id());
        });
    }

    @GetMapping("/app/equipment/{id}/delete")
    @PreAuthorize("hasAuthority('equipment:manage')")
    String confirmDelete(@PathVariable UUID id, Model model) {
        Equipment found = equipment.equipment(id);
        return Forms.confirm(
                model,
                "Delete " + found.code() + "?",
                "Its maintenance plans are deleted with it. Equipment with maintenance on record cannot be deleted;"
                        + " set it retired instead.",
                "/app/equipment/" + id + "/delete",
                found.version(),
                "/app/equipment/" + id);
    }

    @PostMapping("/app/equipment/{id}/delete")
    @PreAuthorize("hasAuthority('equipment:manage')")
    String delete(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/equipment",
                "Equipment deleted.",
                () -> equipment.delete(id, ExpectedVersion.ofNullable(version)));
    }

    private String equipmentForm(Model model, EquipmentForm form, UUID id) {
        model.addAttribute("form", form);
        model.addAttribute("equipmentId", id);
        model.addAttribute("heading", id == null ? "New equipment" : "Edit " + form.code());
        model.addAttribute("kinds", Equipment.Kind.values());
        model.addAttribute("statuses", Equipment.Status.values());
        model.addAttribute(
                "locations",
                accounts.allLocations().stream()
                        .sorted(Comparator.comparing(Accounts.LocationRef::path))
                        .toList());
        model.addAttribute("stations", accounts.allStations());
        return "equipment/equipment-form";
    }

    // --- the floor's actions ------------------------------------------------------------------------------------

    @PostMapping("/app/equipment/{id}/status")
    @PreAuthorize("hasAuthority('equipment:maintain')")
    String status(
            @PathVariable UUID id,
            @RequestParam(required = false) Equipment.Status status,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        return Forms.act(flash, "/app/equipment/" + id, "Status changed.", () -> {
            if (status == null) {
                throw new ValidationException("status", "is required");
            }
            equipment.changeStatus(id, ExpectedVersion.ofNullable(version), status);
        });
    }

    @PostMapping("/app/equipment/{id}/usage")
    @PreAuthorize("hasAuthority('equipment:maintain')")
    String usage(
            @PathVariable UUID id,
            @RequestParam(required = false) String hours,
            @RequestParam(required = false) String reading,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/equipment/" + id,
                "Hours of use recorded.",
                () -> equipment.recordUsage(
                        id,
                        ExpectedVersion.none(),
                        number("hours", hours, "1000000"),
                        number("reading", reading, "1000000000")));
    }

    @PostMapping("/app/equipment/{id}/maintenance")
    @PreAuthorize("hasAuthority('equipment:maintain')")
    String log(
            @PathVariable UUID id,
            @RequestParam(name = "plan_id", required = false) UUID planId,
            @RequestParam(name = "done_at", required = false) String doneAt,
            @RequestParam(name = "hours_used", required = false) String hoursUsed,
            @RequestParam(required = false) String notes,
            @RequestParam(required = false) String cost,
            RedirectAttributes flash) {
        return Forms.act(flash, "/app/equipment/" + id, "Maintenance logged.", () -> {
            if (notes != null && notes.length() > 4000) {
                throw new ValidationException("notes", "is too long");
            }
            equipment.logMaintenance(
                    id,
                    new LogData(
                            planId,
                            doneAt == null || doneAt.isBlank() ? null : localTime(doneAt),
                            number("hours_used", hoursUsed, "1000000000"),
                            notes,
                            number("cost", cost, "1000000000")));
        });
    }

    private java.time.Instant localTime(String text) {
        try {
            return LocalDateTime.parse(text).atZone(equipment.zone()).toInstant();
        } catch (DateTimeException e) {
            throw new ValidationException("done_at", "is not a date and time");
        }
    }

    private static BigDecimal number(String field, String text, String max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        BigDecimal value = Quantities.parse(field, text);
        if (value.signum() < 0 || value.compareTo(new BigDecimal(max)) > 0) {
            throw new ValidationException(field, "must be between 0 and " + max);
        }
        return value;
    }

    // --- plans --------------------------------------------------------------------------------------------------

    @GetMapping("/app/equipment/{id}/plans/new")
    @PreAuthorize("hasAuthority('equipment:manage')")
    String newPlan(@PathVariable UUID id, Model model) {
        Equipment found = equipment.equipment(id);
        return planForm(model, found, PlanForm.blank(equipment.today(), found.hoursUsed()), null);
    }

    @PostMapping("/app/equipment/{id}/plans")
    @PreAuthorize("hasAuthority('equipment:manage')")
    String addPlan(
            @PathVariable UUID id, @Valid PlanForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        return Forms.save(form, binding, model, () -> planForm(model, equipment.equipment(id), form, null), () -> {
            MaintenancePlan added = equipment.addPlan(id, form.data());
            return Forms.notice(flash, added.name() + " planned.", "redirect:/app/equipment/" + id);
        });
    }

    @GetMapping("/app/equipment/{id}/plans/{planId}")
    @PreAuthorize("hasAuthority('equipment:manage')")
    String editPlan(@PathVariable UUID id, @PathVariable UUID planId, Model model) {
        return planForm(model, equipment.equipment(id), PlanForm.of(equipment.plan(id, planId)), planId);
    }

    @PostMapping("/app/equipment/{id}/plans/{planId}")
    @PreAuthorize("hasAuthority('equipment:manage')")
    String changePlan(
            @PathVariable UUID id,
            @PathVariable UUID planId,
            @Valid PlanForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        return Forms.save(form, binding, model, () -> planForm(model, equipment.equipment(id), form, planId), () -> {
            MaintenancePlan changed =
                    equipment.changePlan(id, planId, ExpectedVersion.ofNullable(form.version()), form.data());
            return Forms.notice(flash, changed.name() + " saved.", "redirect:/app/equipment/" + id);
        });
    }

    @GetMapping("/app/equipment/{id}/plans/{planId}/delete")
    @PreAuthorize("hasAuthority('equipment:manage')")
    String confirmDeletePlan(@PathVariable UUID id, @PathVariable UUID planId, Model model) {
        MaintenancePlan plan = equipment.plan(id, planId);
        return Forms.confirm(
                model,
                "Delete the plan " + plan.name() + "?",
                "The maintenance logged under it stays on record.",
                "/app/equipment/" + id + "/plans/" + planId + "/delete",
                plan.version(),
                "/app/equipment/" + id);
    }

    @PostMapping("/app/equipment/{id}/plans/{planId}/delete")
    @PreAuthorize("hasAuthority('equipment:manage')")
    String deletePlan(
            @PathVariable UUID id,
            @PathVariable UUID planId,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/equipment/" + id,
                "Plan deleted.",
                () -> equipment.deletePlan(id, planId, ExpectedVersion.ofNullable(version)));
    }

    private String planForm(Model model, Equipment owner, PlanForm form, UUID planId) {
        model.addAttribute("equipment", owner);
        model.addAttribute("form", form);
        model.addAttribute("planId", planId);
        model.addAttribute(
                "heading", planId == null ? "New maintenance plan for " + owner.code() : "Edit " + form.name());
        return "equipment/plan-form";
    }

    // --- due, calendar ------------------------------------------------------------------------------------------

    @GetMapping("/app/equipment/maintenance")
    @PreAuthorize("hasAuthority('equipment:read')")
    String due(
            @RequestParam(name = "within_days", required = false) Integer withinDays,
            @RequestParam(required = false) Boolean overdue,
            Model model) {
        int days = withinDays == null ? EquipmentController.DEFAULT_WITHIN_DAYS : withinDays;
        model.addAttribute("within_days", days);
        model.addAttribute("overdue", Boolean.TRUE.equals(overdue));
        model.addAttribute(
                "items",
                schedule.due(
                        Math.max(0, Math.min(days, MaintenanceSchedule.MAX_WITHIN_DAYS)),
                        new BigDecimal(EquipmentController.DEFAULT_WITHIN_HOURS),
                        Boolean.TRUE.equals(overdue)));
        return "equipment/due";
    }

    @GetMapping("/app/equipment/calendar")
    @PreAuthorize("hasAuthority('equipment:read')")
    String calendar(@RequestParam(required = false) String month, Model model) {
        YearMonth shown;
        try {
            shown = month == null || month.isBlank() ? YearMonth.from(equipment.today()) : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            shown = YearMonth.from(equipment.today());
        }
        if (shown.getYear() < 2000 || shown.getYear() > 2200) {
            shown = YearMonth.from(equipment.today());
        }
        model.addAttribute("calendar", schedule.month(shown));
        model.addAttribute("todayDate", equipment.today());
        model.addAttribute("previous", shown.minusMonths(1).toString());
        model.addAttribute("next", shown.plusMonths(1).toString());
        model.addAttribute(
                "title",
                shown.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " "
                        + shown.getYear());
        return "equipment/calendar";
    }

    // --- a product's equipment ----------------------------------------------------------------------------------

    /** A row of the product's form: one piece of equipment, with the quantity the product needs (0: none). */
    record Choice(UUID id, String code, String name, String status, int quantity, String notes) {}

    @GetMapping("/app/catalog/products/{id}/equipment")
    @PreAuthorize("hasAuthority('equipment:read')")
    String productEquipment(@PathVariable UUID id, Model model) {
        var requirements = products.of(id);
        return productPage(
                model,
                id,
                requirements.version(),
                requirements.items().stream()
                        .collect(java.util.stream.Collectors.toMap(
                                ProductEquipment.EquipmentRequirement::equipmentId,
                                r -> new Object[] {r.quantity(), r.notes()})));
    }

    @PostMapping("/app/catalog/products/{id}/equipment")
    @PreAuthorize("hasAuthority('equipment:manage')")
    String saveProductEquipment(
            @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            RedirectAttributes flash) {
        List<String> ids = form.getOrDefault("equipment_id", List.of());
        List<String> quantities = form.getOrDefault("quantity", List.of());
        List<String> notes = form.getOrDefault("notes", List.of());
        Long version;
        try {
            version = form.getFirst("version") == null ? null : Long.valueOf(form.getFirst("version"));
        } catch (NumberFormatException e) {
            version = null;
        }
        Long read = version;
        Map<UUID, Object[]> typed = new HashMap<>();
        return Forms.submit(
                model,
                () -> {
                    List<RequirementData> items = new ArrayList<>();
                    for (int i = 0; i < ids.size() && i < ProductEquipment.MAX_ITEMS * 10; i++) {
                        UUID equipmentId = uuid(ids.get(i));
                        int quantity = i < quantities.size() ? count(quantities.get(i)) : 0;
                        String note = i < notes.size() ? notes.get(i) : null;
                        typed.put(equipmentId, new Object[] {quantity, note});
                        if (quantity > 0) {
                            items.add(new RequirementData(equipmentId, quantity, note));
                        }
                    }
                    products.replace(id, ExpectedVersion.ofNullable(read), items);
                    return Forms.notice(
                            flash, "Equipment saved.", "redirect:/app/catalog/products/" + id + "/equipment");
                },
                () -> productPage(model, id, read == null ? 0 : read, typed));
    }

    private String productPage(Model model, UUID productId, long version, Map<UUID, Object[]> chosen) {
        var product = catalog.sellables(List.of(new Catalog.SellableRef(productId, null)))
                .get(new Catalog.SellableRef(productId, null));
        if (product == null) {
            throw NotFoundException.of("Product", productId);
        }
        model.addAttribute("product", product);
        model.addAttribute("version", version);
        List<Choice> choices = equipment
                .list(
                        PageRequest.of(CHOICES, null, null, EquipmentService.SORTS.keySet(), "code"),
                        new EquipmentService.EquipmentFilter(null, null, null, null))
                .items()
                .stream()
                .map(e -> {
                    Object[] c = chosen.get(e.id());
                    return new Choice(
                            e.id(),
                            e.code(),
                            e.name(),
                            e.status().name(),
                            c == null ? 0 : (int) c[0],
                            c == null ? null : (String) c[1]);
                })
                .sorted(Comparator.comparing((Choice c) -> c.quantity() == 0).thenComparing(Choice::code))
                .toList();
        model.addAttribute("choices", choices);
        model.addAttribute(
                "required", choices.stream().filter(c -> c.quantity() > 0).toList());
        return "equipment/product-equipment";
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("equipment_id", "is not an id");
        }
    }

    private static int count(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 0 || n > 1000) {
                throw new ValidationException("quantity", "must be between 0 and 1000");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ValidationException("quantity", "is not a whole number");
        }
    }

    private Map<UUID, String> locationNames() {
        Map<UUID, String> names = new HashMap<>();
        accounts.allLocations().forEach(l -> names.put(l.id(), l.path()));
        return names;
    }
}
