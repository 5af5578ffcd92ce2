package io.traveler.production.web;

import io.traveler.production.internal.UnitLots;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.PageController;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Lot traceability pages: the lots a unit consumed (a section of the unit page, fetched when it loads) and the
 * units a lot went into (linked from a project's materials and from the lot's stock page).
 */
@PageController
class UnitLotPages {
    private final UnitLots lots;

    UnitLotPages(UnitLots lots) {
        this.lots = lots;
    }

    @GetMapping("/app/units/{id}/lots")
    @PreAuthorize("hasAuthority('production:read')")
    String unitLots(@PathVariable UUID id, Model model) {
        model.addAttribute("unitId", id);
        model.addAttribute("lots", lots.lotsOf(id));
        return "production/unit-lots :: lots";
    }

    @GetMapping({"/app/lots/{id}/units", "/app/lots/{id}/units/"})
    @PreAuthorize("hasAuthority('production:read')")
    String lotUnits(@PathVariable UUID id, @RequestParam(required = false) String cursor, Model model) {
        var page = lots.unitsOf(id, PageRequest.MAX_LIMIT, cursor);
        model.addAttribute("lotId", id);
        model.addAttribute("units", page.items());
        model.addAttribute("nextCursor", page.nextCursor());
        return "production/unit-lots";
    }
}
