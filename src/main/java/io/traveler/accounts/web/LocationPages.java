package io.traveler.accounts.web;

import io.traveler.accounts.internal.Location;
import io.traveler.accounts.internal.LocationService;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
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

/** The location tree site → area → bin: shown indented, with create, rename and delete. */
@PageController
@RequestMapping("/app/locations")
class LocationPages {
    private static final String TREE = "redirect:/app/locations";

    private final LocationService locations;

    LocationPages(LocationService locations) {
        this.locations = locations;
    }

    /** One line of the indented tree: a site at depth 0, its areas at 1, their bins at 2. */
    record TreeRow(Location location, int depth) {
        /** What can be added inside this location: areas in a site, bins in an area, nothing in a bin. */
        public Location.Kind childKind() {
            return switch (location.kind()) {
                case SITE -> Location.Kind.AREA;
                case AREA -> Location.Kind.BIN;
                case BIN -> null;
            };
        }
    }

    record NewLocationForm(
            @NotNull(message = "is required") Location.Kind kind,
            @BindParam("parent_id") UUID parentId,

            @NotBlank(message = "is required") @Size(max = 50, message = "must be at most 50 characters")
            String code,

            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String name) {}

    record RenameForm(
            @NotBlank(message = "is required") @Size(max = 50, message = "must be at most 50 characters")
            String code,

            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String name,

            Long version) {}

    @GetMapping
    @PreAuthorize("hasAuthority('locations:read')")
    String tree(Model model) {
        model.addAttribute("rows", tree(locations.all()));
        return "accounts/locations";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('locations:create')")
    String newLocation(
            @RequestParam(name = "parent_id", required = false) UUID parentId,
            @RequestParam(required = false) Location.Kind kind,
            Model model) {
        return createForm(model, new NewLocationForm(kind == null ? Location.Kind.SITE : kind, parentId, "", ""));
    }

    @PostMapping
    @PreAuthorize("hasAuthority('locations:create')")
    String create(@Valid NewLocationForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        NewLocationForm shown = form == null ? new NewLocationForm(Location.Kind.SITE, null, "", "") : form;
        return Forms.save(form, binding, model, () -> createForm(model, shown), () -> {
            var created = locations.create(form.code(), form.name(), form.kind(), form.parentId());
            return Forms.notice(flash, created.name() + " added.", TREE);
        });
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('locations:update')")
    String edit(@PathVariable UUID id, Model model) {
        Location location = locations.get(id);
        return renameForm(model, id, new RenameForm(location.code(), location.name(), location.version()));
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('locations:update')")
    String rename(
            @PathVariable UUID id,
            @Valid RenameForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        return Forms.save(
                form, binding, model, () -> form == null ? edit(id, model) : renameForm(model, id, form), () -> {
                    var renamed =
                            locations.change(id, ExpectedVersion.ofNullable(form.version()), form.code(), form.name());
                    return Forms.notice(flash, renamed.name() + " saved.", TREE);
                });
    }

    @GetMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('locations:delete')")
    String confirmDelete(@PathVariable UUID id, Model model) {
        Location location = locations.get(id);
        return Pages.confirm(
                model,
                "Delete " + location.name() + "?",
                "Only an empty location without stations can be deleted. This cannot be undone.",
                "/app/locations/" + id + "/delete",
                location.version(),
                "/app/locations");
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('locations:delete')")
    String delete(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/locations",
                "Location deleted.",
                () -> locations.delete(id, ExpectedVersion.ofNullable(version)));
    }

    private String createForm(Model model, NewLocationForm form) {
        List<Location> all = locations.all();
        model.addAttribute("form", form);
        model.addAttribute("kinds", Location.Kind.values());
        model.addAttribute(
                "parents",
                tree(all).stream()
                        .filter(row -> row.location().kind() != Location.Kind.BIN)
                        .toList());
        return "accounts/location-new";
    }

    private String renameForm(Model model, UUID id, RenameForm form) {
        model.addAttribute("form", form);
        model.addAttribute("locationId", id);
        return "accounts/location-edit";
    }

    /** Depth first: each site, then each of its areas followed by that area's bins, all by code. */
    static List<TreeRow> tree(List<Location> all) {
        Map<UUID, List<Location>> children =
                all.stream().filter(l -> l.parentId() != null).collect(Collectors.groupingBy(Location::parentId));
        List<TreeRow> rows = new ArrayList<>();
        all.stream()
                .filter(l -> l.parentId() == null)
                .sorted(Comparator.comparing(Location::code))
                .forEach(site -> addWithChildren(site, 0, children, rows));
        return rows;
    }

    private static void addWithChildren(
            Location location, int depth, Map<UUID, List<Location>> children, List<TreeRow> rows) {
        rows.add(new TreeRow(location, depth));
        children.getOrDefault(location.id(), List.of()).stream()
                .sorted(Comparator.comparing(Location::code))
                .forEach(child -> addWithChildren(child, depth + 1, children, rows));
    }
}
