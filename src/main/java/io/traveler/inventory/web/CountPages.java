package io.traveler.inventory.web;

import io.traveler.accounts.Accounts;
import io.traveler.catalog.Catalog;
import io.traveler.inventory.internal.CycleCounts;
import io.traveler.inventory.internal.StockViews;
import io.traveler.shared.Quantities;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Cycle counts on a phone: open a count by scanning the location, type (or scan the part and type) each lot's
 * counted quantity, add what was found, then post the differences (inventory:manage). The count's form carries the
 * version it was read at, so two people counting the same location do not overwrite each other unseen.
 */
@PageController
@RequestMapping("/app/inventory/counts")
class CountPages {
    private final CycleCounts counts;
    private final StockViews views;
    private final Accounts accounts;
    private final Catalog catalog;
    private final StockNames names;

    CountPages(CycleCounts counts, StockViews views, Accounts accounts, Catalog catalog, StockNames names) {
        this.counts = counts;
        this.views = views;
        this.accounts = accounts;
        this.catalog = catalog;
        this.names = names;
    }

    @GetMapping({"", "/"})
    @PreAuthorize("hasAuthority('inventory:read')")
    String list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String location,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("location", location == null || location.isBlank() ? null : location.strip());
        String wanted =
                status == null || status.isBlank() ? null : status.strip().toUpperCase(java.util.Locale.ROOT);
        String filter = wanted != null && List.of("OPEN", "POSTED", "CANCELLED").contains(wanted) ? wanted : null;
        model.addAttribute("statuses", List.of("OPEN", "POSTED", "CANCELLED"));
        model.addAttribute("locations", accounts.allLocations());
        model.addAttribute("when", names.lookup());
        return ListPages.of(request, model, "inventory/counts")
                .filter("status", filter)
                .show(cursor, page -> counts.list(null, filter, page.size(), page.cursor()));
    }

    @PostMapping({"", "/"})
    @PreAuthorize("hasAuthority('inventory:move')")
    String open(
            @RequestParam(required = false) String location,
            @RequestParam(required = false) String reason,
            RedirectAttributes flash) {
        UUID[] opened = new UUID[1];
        String back = Forms.act(flash, "/app/inventory/counts", "Count opened.", () -> {
            if (location == null || location.isBlank()) {
                throw new ValidationException("location", "is required");
            }
            Accounts.LocationRef at = accounts.locationByCode(location.strip())
                    .orElseThrow(() -> new ValidationException("location", "no location has this code"));
            opened[0] = counts.open(at.id(), reason).id();
        });
        return opened[0] == null ? back : "redirect:/app/inventory/counts/" + opened[0];
    }

    @GetMapping({"/{id}", "/{id}/"})
    @PreAuthorize("hasAuthority('inventory:read')")
    String count(@PathVariable UUID id, Model model) {
        CycleCounts.Count count = counts.count(id);
        model.addAttribute("count", count);
        model.addAttribute("when", names.lookup());
        return "inventory/count";
    }

    /**
     * The counted quantities as typed: {@code counted_<line id>} per listed line (empty leaves it uncounted), and
     * optionally one found part ({@code found_part} number, {@code found_lot} number, {@code found_quantity}).
     */
    @PostMapping("/{id}/lines")
    @PreAuthorize("hasAuthority('inventory:move')")
    String record(
            @PathVariable UUID id,
            @RequestParam Map<String, String> form,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        return Forms.act(flash, "/app/inventory/counts/" + id, "Counted quantities saved.", () -> {
            CycleCounts.Count count = counts.count(id);
            List<CycleCounts.Counted> lines = new ArrayList<>();
            for (CycleCounts.Line line : count.lines()) {
                String typed = form.get("counted_" + line.id());
                if (typed == null) {
                    continue;
                }
                BigDecimal counted = number("counted_" + line.id(), typed);
                boolean unchanged = counted == null
                        ? line.counted() == null
                        : line.counted() != null && counted.compareTo(line.counted()) == 0;
                if (!unchanged) {
                    lines.add(new CycleCounts.Counted(line.partId(), line.lotId(), counted));
                }
            }
            String foundPart = form.get("found_part");
            if (foundPart != null && !foundPart.isBlank()) {
                Catalog.PartRef part = catalog.partByNumber(foundPart.strip())
                        .orElseThrow(() -> new ValidationException("found_part", "no part has this number"));
                String lotNumber = form.get("found_lot");
                UUID lotId = lotNumber == null || lotNumber.isBlank()
                        ? null
                        : views.lotByNumber(part.id(), lotNumber.strip())
                                .map(StockViews.Lot::id)
                                .orElseThrow(() ->
                                        new ValidationException("found_lot", "the part has no lot with this number"));
                BigDecimal found = number("found_quantity", form.get("found_quantity"));
                if (found == null) {
                    throw new ValidationException("found_quantity", "is required");
                }
                lines.add(new CycleCounts.Counted(part.id(), lotId, found));
            }
            if (!lines.isEmpty()) {
                counts.record(id, lines, ExpectedVersion.ofNullable(version));
            }
        });
    }

    @PostMapping("/{id}/post")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String post(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/inventory/counts/" + id,
                "Count posted: the differences are adjusted.",
                () -> counts.post(id, ExpectedVersion.ofNullable(version)));
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAuthority('inventory:move')")
    String cancel(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/inventory/counts/" + id,
                "Count cancelled.",
                () -> counts.cancel(id, ExpectedVersion.ofNullable(version)));
    }

    private static BigDecimal number(String field, String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        return Quantities.parse(field, typed.strip().replace(',', '.'));
    }
}
