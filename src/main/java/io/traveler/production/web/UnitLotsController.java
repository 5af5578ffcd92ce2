package io.traveler.production.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.production.internal.UnitLots;
import io.traveler.shared.paging.ItemList;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lot traceability: the lots a unit consumed (back to their receipts and suppliers) and the units a lot went into. */
@Tag(name = "Shop floor")
@RestController
class UnitLotsController {
    private final UnitLots lots;

    UnitLotsController(UnitLots lots) {
        this.lots = lots;
    }

    @Operation(
            summary = "The lots a unit consumed, earliest first, each with its part and the quantity the unit took",
            description = "Written when materials are issued to the unit's project (a stage's backflush shares them"
                    + " among its units) or to the unit")
    @GetMapping("/api/units/{id}/lots")
    @PreAuthorize("hasAuthority('production:read')")
    ItemList<UnitLots.ConsumedLot> unitLots(@PathVariable UUID id) {
        return new ItemList<>(lots.lotsOf(id), null);
    }

    @Operation(
            summary = "A lot's forward trace: every unit that consumed some of it, by serial",
            description = "Keyset paged by serial: `limit` (1–500, 50 by default) units a page, `next_cursor` for"
                    + " the next")
    @GetMapping("/api/lots/{id}/units")
    @PreAuthorize("hasAuthority('production:read')")
    ItemList<UnitLots.UsingUnit> lotUnits(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return lots.unitsOf(id, UnitsController.limit(limit), cursor);
    }
}
