package io.traveler.inventory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.inventory.internal.PurchaseOrder;
import io.traveler.inventory.internal.PurchaseOrderSheets;
import io.traveler.inventory.internal.Purchasing;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.Versions;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Purchase orders to suppliers: drafts written and changed with their lines, sent, cancelled, and received (in
 * parts) into stock, each receipt one transaction of RECEIPT movements with reference PURCHASE_ORDER; the PDF to send.
 */
@Tag(name = "Purchase orders")
@RestController
class PurchaseOrdersController {
    static final String PDF = "application/pdf";

    private final Purchasing purchasing;
    private final SupplierOrderViews views;

    PurchaseOrdersController(Purchasing purchasing, SupplierOrderViews views) {
        this.purchasing = purchasing;
        this.views = views;
    }

    record LineBody(
            @NotNull UUID partId,
            @NotNull BigDecimal quantity,
            BigDecimal unitPrice,
            @Size(max = 100) String supplierSku,
            LocalDate expectedOn) {
        Purchasing.LineData data() {
            return new Purchasing.LineData(partId, quantity, unitPrice, supplierSku, expectedOn);
        }
    }

    record OrderCreate(
            @NotNull UUID supplierId,
            LocalDate expectedOn,
            @Size(max = 4000) String notes,
            @Size(max = 500) List<@NotNull @Valid LineBody> lines) {}

    record OrderChange(
            UUID supplierId,
            LocalDate expectedOn,
            @Size(max = 4000) String notes,
            @Size(max = 500) List<@NotNull @Valid LineBody> lines) {}

    record ReceiptLineBody(
            @NotNull UUID lineId,
            @NotNull BigDecimal quantity,
            UUID locationId,
            @Size(min = 1, max = 100) String lotNumber,
            LocalDate expiresOn) {}

    record ReceiptBody(
            UUID locationId,
            @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid ReceiptLineBody> lines) {}

    record MovementView(
            UUID movementId,
            UUID lineId,
            UUID partId,
            UUID lotId,
            String lotNumber,
            UUID locationId,
            BigDecimal quantity,
            BigDecimal unitCost,
            Instant at) {}

    record ReceiptView(SupplierOrderViews.OrderView purchaseOrder, List<MovementView> movements) {}

    record ReceivedLotView(
            UUID movementId,
            Instant at,
            UUID partId,
            UUID lotId,
            String lotNumber,
            LocalDate expiresOn,
            UUID locationId,
            BigDecimal quantity,
            BigDecimal unitCost,
            UUID actorId) {
        static ReceivedLotView of(Purchasing.ReceivedLot r) {
            return new ReceivedLotView(
                    r.movementId(),
                    r.at(),
                    r.partId(),
                    r.lotId(),
                    r.lotNumber(),
                    r.expiresOn(),
                    r.locationId(),
                    r.quantity(),
                    r.unitCost(),
                    r.actorId());
        }
    }

    @Operation(summary = "List purchase orders (newest first), by status, supplier or code")
    @GetMapping("/api/inventory/purchase-orders")
    @PreAuthorize("hasAuthority('inventory:read')")
    ItemList<SupplierOrderViews.OrderView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) PurchaseOrder.Status status,
            @RequestParam(name = "supplier_id", required = false) UUID supplierId,
            @RequestParam(required = false) Boolean open) {
        var page = PageRequest.of(limit, cursor, sort, Purchasing.SORTS.keySet(), "-created_at");
        var found = purchasing.list(page, q, status, supplierId, open);
        return new ItemList<>(views.all(found.items()), found.nextCursor());
    }

    @Operation(summary = "Create a draft purchase order, with its lines")
    @PostMapping("/api/inventory/purchase-orders")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<SupplierOrderViews.OrderView> create(@Valid @RequestBody OrderCreate body) {
        var created = purchasing.create(new Purchasing.OrderData(
                body.supplierId(),
                body.expectedOn(),
                body.notes(),
                body.lines() == null
                        ? List.of()
                        : body.lines().stream().map(LineBody::data).toList(),
                Set.of()));
        return Versions.created(created.order().version(), views.of(created));
    }

    @Operation(summary = "Get a purchase order with its lines")
    @GetMapping("/api/inventory/purchase-orders/{id}")
    @PreAuthorize("hasAuthority('inventory:read')")
    ResponseEntity<SupplierOrderViews.OrderView> get(@PathVariable UUID id) {
        var found = purchasing.order(id);
        return Versions.ok(found.order().version(), views.of(found));
    }

    @Operation(
            summary = "Change a purchase order: its expected date and notes until it is closed; its supplier and lines"
                    + " (replaced whole) while it is a draft")
    @PatchMapping("/api/inventory/purchase-orders/{id}")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<SupplierOrderViews.OrderView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody OrderChange body) {
        var changed = purchasing.change(
                id,
                expected,
                new Purchasing.OrderData(
                        body.supplierId(),
                        body.expectedOn(),
                        body.notes(),
                        body.lines() == null
                                ? null
                                : body.lines().stream().map(LineBody::data).toList(),
                        ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.order().version(), views.of(changed));
    }

    @Operation(summary = "Delete a draft purchase order")
    @DeleteMapping("/api/inventory/purchase-orders/{id}")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        purchasing.delete(id, expected);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Send a draft purchase order (DRAFT → SENT)")
    @PostMapping("/api/inventory/purchase-orders/{id}/send")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<SupplierOrderViews.OrderView> send(@PathVariable UUID id, ExpectedVersion expected) {
        var sent = purchasing.send(id, expected);
        return Versions.ok(sent.order().version(), views.of(sent));
    }

    @Operation(summary = "Cancel a purchase order not yet received in full (what was received stays in stock)")
    @PostMapping("/api/inventory/purchase-orders/{id}/cancel")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<SupplierOrderViews.OrderView> cancel(@PathVariable UUID id, ExpectedVersion expected) {
        var cancelled = purchasing.cancel(id, expected);
        return Versions.ok(cancelled.order().version(), views.of(cancelled));
    }

    @Operation(
            summary = "Receive against a purchase order: each line's quantity into a location as a lot, in one"
                    + " transaction (never more than is still to come)")
    @PostMapping("/api/inventory/purchase-orders/{id}/receipts")
    @PreAuthorize("hasAuthority('inventory:move')")
    ResponseEntity<ReceiptView> receive(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody ReceiptBody body) {
        var receipt = purchasing.receive(
                id,
                expected,
                body.lines().stream()
                        .map(l -> new Purchasing.ReceiptLine(
                                l.lineId(),
                                l.quantity(),
                                l.locationId() != null ? l.locationId() : body.locationId(),
                                l.lotNumber(),
                                l.expiresOn()))
                        .toList());
        var movements = receipt.received().stream()
                .map(r -> new MovementView(
                        r.posted().movementId(),
                        r.lineId(),
                        r.posted().partId(),
                        r.posted().lotId(),
                        r.posted().lotNumber(),
                        r.posted().toLocationId(),
                        r.posted().quantity(),
                        r.posted().unitCost(),
                        r.posted().at()))
                .toList();
        return Versions.created(
                receipt.order().order().version(), new ReceiptView(views.of(receipt.order()), movements));
    }

    @Operation(summary = "What was received against a purchase order: its RECEIPT movements with their lots")
    @GetMapping("/api/inventory/purchase-orders/{id}/receipts")
    @PreAuthorize("hasAuthority('inventory:read')")
    ItemList<ReceivedLotView> receipts(@PathVariable UUID id) {
        return new ItemList<>(
                purchasing.receipts(id).stream().map(ReceivedLotView::of).toList(), null);
    }

    @Operation(summary = "A purchase order as the PDF to send to the supplier")
    @ApiResponse(
            responseCode = "200",
            description = "The purchase order",
            content = @Content(mediaType = PDF, schema = @Schema(type = "string", format = "binary")))
    @GetMapping(path = "/api/inventory/purchase-orders/{id}/pdf", produces = PDF)
    @PreAuthorize("hasAuthority('inventory:read')")
    void pdf(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        pdf(purchasing.sheet(id), response);
    }

    /** Writes the sheet, read beforehand (so a refusal is still a problem, never half a PDF). */
    static void pdf(PurchaseOrderSheets.Sheet sheet, HttpServletResponse response) throws IOException {
        response.setContentType(PDF);
        response.setHeader(
                HttpHeaders.CACHE_CONTROL, CacheControl.noStore().cachePrivate().getHeaderValue());
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.inline()
                        .filename(sheet.order().order().code().replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf")
                        .build()
                        .toString());
        try (OutputStream out = new BufferedOutputStream(response.getOutputStream(), 64 * 1024)) {
            PurchaseOrderSheets.write(sheet, out);
        }
    }
}
