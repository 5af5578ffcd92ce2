package io.traveler.inventory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.inventory.internal.Ledger;
import io.traveler.inventory.internal.Ledger.Posted;
import io.traveler.inventory.internal.ReferencedMoves;
import io.traveler.shared.Quantity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Changes of stock, each a transaction of one or more movements of the ledger: receipts, issues, transfers and
 * returns (inventory:move), adjustments and damage (inventory:manage). Each answers the movements it wrote. A part,
 * location or lot of another organization is 404; a quantity that is not positive 422; more than the available stock
 * 409, with nothing written.
 */
@Tag(name = "Inventory")
@RestController
class StockMovesController {
    private final Ledger ledger;
    private final ReferencedMoves moves;

    StockMovesController(Ledger ledger, ReferencedMoves moves) {
        this.ledger = ledger;
        this.moves = moves;
    }

    /** The movements one request wrote, in the order they were appended. */
    record StockMoved(List<Posted> movements) {}

    record StockReceiptBody(
            @NotNull UUID partId,
            @NotNull UUID locationId,
            @NotNull @Quantity BigDecimal quantity,
            @Size(max = 100) String lotNumber,
            @DecimalMin("0") @Quantity BigDecimal unitCost,
            UUID supplierId,
            LocalDate expiresOn,
            @Size(max = 20) String referenceType,
            UUID referenceId) {}

    @Operation(
            summary = "Receive stock into a location",
            description = "Into the part's lot `lot_number` (its unit cost becomes the weighted average), or a new lot"
                    + " with a generated number when none is named. `unit_cost` defaults to the part's standard cost."
                    + " The part's moving average cost takes the receipt in.")
    @PostMapping("/api/inventory/receipts")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('inventory:move')")
    StockMoved receive(@Valid @RequestBody StockReceiptBody body) {
        return new StockMoved(List.of(moves.receive(
                new Ledger.Receipt(
                        body.partId(),
                        body.locationId(),
                        body.quantity(),
                        body.lotNumber(),
                        body.unitCost(),
                        body.supplierId(),
                        body.expiresOn(),
                        null),
                body.referenceType(),
                body.referenceId())));
    }

    record StockIssueBody(
            @NotNull UUID partId,
            @NotNull UUID locationId,
            @NotNull @Quantity BigDecimal quantity,
            @Size(max = 20) String referenceType,
            UUID referenceId) {}

    @Operation(
            summary = "Issue stock from a location (409 when short)",
            description = "From the available (unreserved) stock at the location, earliest lots first; one ISSUE"
                    + " movement per lot, valued by the organization's costing method. 409 when the location has less"
                    + " available than asked: nothing is issued.")
    @PostMapping("/api/inventory/issues")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('inventory:move')")
    StockMoved issue(@Valid @RequestBody StockIssueBody body) {
        return new StockMoved(moves.issue(
                body.partId(), body.locationId(), body.quantity(), body.referenceType(), body.referenceId()));
    }

    record StockTransferBody(
            @NotNull UUID partId,
            UUID lotId,
            @NotNull UUID fromLocationId,
            @NotNull UUID toLocationId,
            @NotNull @Quantity BigDecimal quantity) {}

    @Operation(
            summary = "Move stock between locations",
            description = "From `lot_id` when given, else the available stock earliest lots first; reserved stock stays"
                    + " where it is. 409 when less is available at the source.")
    @PostMapping("/api/inventory/transfers")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('inventory:move')")
    StockMoved transfer(@Valid @RequestBody StockTransferBody body) {
        return new StockMoved(ledger.transfer(
                body.partId(), body.lotId(), body.fromLocationId(), body.toLocationId(), body.quantity()));
    }

    record StockAdjustmentBody(
            @NotNull UUID partId,
            UUID lotId,
            @NotNull UUID locationId,
            @NotNull @Quantity BigDecimal quantity,
            @NotNull @Size(max = 500) String reason,
            @Size(max = 20) String referenceType,
            UUID referenceId) {}

    @Operation(
            summary = "Correct the stock of a part at a location, with a reason",
            description = "`quantity` is the signed difference: positive adds found stock (to `lot_id`, else the part's"
                    + " newest lot, else a new lot at the part's standard cost), negative removes missing stock (from"
                    + " `lot_id`, else the available stock earliest lots first; 409 when less is available).")
    @PostMapping("/api/inventory/adjustments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('inventory:manage')")
    StockMoved adjust(@Valid @RequestBody StockAdjustmentBody body) {
        return new StockMoved(moves.adjust(
                body.partId(),
                body.lotId(),
                body.locationId(),
                body.quantity(),
                body.reason(),
                body.referenceType(),
                body.referenceId()));
    }

    record StockDamageBody(
            @NotNull UUID partId,
            UUID lotId,
            @NotNull UUID locationId,
            @NotNull @Quantity BigDecimal quantity,
            @NotNull @Size(max = 500) String reason) {}

    @Operation(
            summary = "Write off damaged stock, with a reason",
            description = "From `lot_id` when given, else the available stock earliest lots first; 409 when less is"
                    + " available.")
    @PostMapping("/api/inventory/damages")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('inventory:manage')")
    StockMoved damage(@Valid @RequestBody StockDamageBody body) {
        return new StockMoved(
                ledger.damage(body.partId(), body.lotId(), body.locationId(), body.quantity(), body.reason()));
    }

    record StockReturnBody(
            @NotNull UUID lotId,
            @NotNull UUID locationId,
            @NotNull @Quantity BigDecimal quantity,
            @Size(max = 20) String referenceType,
            UUID referenceId) {}

    @Operation(
            summary = "Take back into stock what was issued from a lot",
            description = "At most what was issued from the lot (to the reference, when one is named) and not returned"
                    + " yet; more is 409.")
    @PostMapping("/api/inventory/returns")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('inventory:move')")
    StockMoved returnToStock(@Valid @RequestBody StockReturnBody body) {
        return new StockMoved(List.of(moves.returnToStock(
                body.lotId(), body.locationId(), body.quantity(), body.referenceType(), body.referenceId())));
    }
}
