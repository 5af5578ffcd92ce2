package io.traveler.inventory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.inventory.internal.InventorySettings;
import io.traveler.inventory.internal.StockQueries;
import io.traveler.inventory.internal.StockQueries.LedgerMismatch;
import io.traveler.inventory.internal.StockQueries.LotDetail;
import io.traveler.inventory.internal.StockQueries.LotSummary;
import io.traveler.inventory.internal.StockQueries.StockBalance;
import io.traveler.inventory.internal.StockQueries.StockMovement;
import io.traveler.inventory.internal.StockQueries.Valuation;
import io.traveler.inventory.internal.StockQueries.ValueLine;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.Versions;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the stock is: balances, the ledger, lots and their trace, valuation; the ledger check; the costing setting. */
@Tag(name = "Inventory")
@RestController
class StockController {
    private final StockQueries stock;
    private final InventorySettings settings;

    StockController(StockQueries stock, InventorySettings settings) {
        this.stock = stock;
        this.settings = settings;
    }

    @Operation(
            summary = "A part's stock per location: on hand, reserved, available (with its lots when lots=true)",
            description = "Locations holding stock of the part, by code; `location_id` narrows to one. 404 for a part"
                    + " of another organization.")
    @GetMapping("/api/inventory/balances")
    @PreAuthorize("hasAuthority('inventory:read')")
    ItemList<StockBalance> balances(
            @RequestParam(name = "part_id", required = false) UUID partId,
            @RequestParam(name = "location_id", required = false) UUID locationId,
            @RequestParam(required = false) Boolean lots) {
        return stock.balances(partId, locationId, Boolean.TRUE.equals(lots));
    }

    @Operation(
            summary = "The ledger, newest first",
            description = "Filtered by `part_id`, `lot_id`, `reference_id` (a project, unit, order or purchase order),"
                    + " `location_id` (into or out of it) and `kind`; keyset pages with `limit` and `cursor`.")
    @GetMapping("/api/inventory/movements")
    @PreAuthorize("hasAuthority('inventory:read')")
    ItemList<StockMovement> movements(
            @RequestParam(name = "part_id", required = false) UUID partId,
            @RequestParam(name = "lot_id", required = false) UUID lotId,
            @RequestParam(name = "reference_id", required = false) UUID referenceId,
            @RequestParam(name = "location_id", required = false) UUID locationId,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return stock.movements(
                new StockQueries.MovementFilter(partId, lotId, referenceId, locationId, kind), limit(limit), cursor);
    }

    @Operation(
            summary = "What a part's stock is worth: on hand, average cost, value",
            description = "By the organization's costing method: moving average (on hand at the part's average cost)"
                    + " or FIFO (each lot's on hand at its own cost; the average cost is then their quotient).")
    @GetMapping("/api/inventory/valuation")
    @PreAuthorize("hasAuthority('inventory:read')")
    Valuation valuation(@RequestParam(name = "part_id", required = false) UUID partId) {
        return stock.valuation(partId);
    }

    @Operation(
            summary = "Stock value by location, category or part",
            description = "`by=location|category|part`. Each line has the group's id, code (a part's number) and name,"
                    + " how many parts it holds and its value; lines by part also carry on hand and come a page at a"
                    + " time. Parts without a category are the category line with no id.")
    @GetMapping("/api/inventory/value")
    @PreAuthorize("hasAuthority('inventory:read')")
    ItemList<ValueLine> value(
            @RequestParam(required = false) String by,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return stock.value(by, limit(limit), cursor);
    }

    @Operation(
            summary = "A part's lots, oldest first (the order issues take them)",
            description = "Each with its receipt date, expiry, supplier, unit cost, on hand and reserved;"
                    + " `in_stock=true` leaves out lots holding nothing.")
    @GetMapping("/api/inventory/lots")
    @PreAuthorize("hasAuthority('inventory:read')")
    ItemList<LotSummary> lots(
            @RequestParam(name = "part_id", required = false) UUID partId,
            @RequestParam(name = "in_stock", required = false) Boolean inStock,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return stock.lots(partId, Boolean.TRUE.equals(inStock), limit(limit), cursor);
    }

    @Operation(
            summary = "A lot and its trace",
            description = "Backward to its supplier and receipts, forward to every reference (project, unit, order) it"
                    + " was issued to, less what came back; where it is now; its movements oldest first (the first"
                    + " 500, `more_movements` when there are more: page them with /api/inventory/movements?lot_id=).")
    @GetMapping("/api/inventory/lots/{id}")
    @PreAuthorize("hasAuthority('inventory:read')")
    LotDetail lot(@PathVariable UUID id) {
        return stock.lot(id);
    }

    @Operation(
            summary = "Check every balance against the ledger (empty when consistent)",
            description = "Each balance's on hand and reserved against the sum of its movements (`kind` BALANCE), each"
                    + " part's totals against its balances (`kind` PART); `part_id` checks one part. Reads the whole"
                    + " ledger: an operator's check, not for polling.")
    @GetMapping("/api/inventory/ledger-check")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ItemList<LedgerMismatch> ledgerCheck(@RequestParam(name = "part_id", required = false) UUID partId) {
        return stock.ledgerCheck(partId);
    }

    @Operation(summary = "How stock is valued: costing_method MOVING_AVERAGE (the default) or FIFO")
    @GetMapping("/api/inventory/settings")
    @PreAuthorize("hasAuthority('inventory:read')")
    ResponseEntity<InventorySettings.Costing> settings() {
        var costing = settings.costing();
        return Versions.ok(costing.version(), costing);
    }

    record InventorySettingsBody(String costingMethod) {}

    @Operation(
            summary = "Choose how stock is valued",
            description = "`costing_method` MOVING_AVERAGE or FIFO; needs `If-Match` with the settings' ETag (\"0\""
                    + " before the first choice). Issues value their movements by the method in force when they are"
                    + " written.")
    @PutMapping("/api/inventory/settings")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<InventorySettings.Costing> changeSettings(
            ExpectedVersion expected, @RequestBody InventorySettingsBody body) {
        var costing = settings.choose(body.costingMethod(), expected);
        return Versions.ok(costing.version(), costing);
    }

    static int limit(Integer limit) {
        return PageRequest.of(limit, null, null, Set.of(), "").limit();
    }
}
