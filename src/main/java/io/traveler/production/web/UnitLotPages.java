package io.traveler.production.web;

import io.traveler.production.internal.UnitLots;
import io.traveler.shared.web.PageController;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

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
    String lotUnits(@PathVariable UUID id, Model model) {
        model.addAttribute("lotId", id);
        model.addAttribute("units", lots.unitsOf(id));
        return "production/unit-lots";
    }
}
