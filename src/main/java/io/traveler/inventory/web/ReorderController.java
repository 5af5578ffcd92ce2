package io.traveler.inventory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.inventory.internal.Reordering;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reorder points and quantities per part, the suggested-purchase list (parts at or below their point, what to order
 * and from whom), and draft purchase orders made from it, one per supplier.
 */
@Tag(name = "Reorder")
@RestController
class ReorderController {
    private final Reordering reordering;
    private final SupplierOrderViews views;

    ReorderController(Reordering reordering, SupplierOrderViews views) {
        this.reordering = reordering;
        this.views = views;
    }

    record ReorderView(
            UUID partId,
            BigDecimal reorderPoint,
            BigDecimal reorderQuantity,
            BigDecimal onHand,
            BigDecimal reserved,
            BigDecimal available,
            boolean low) {
        static ReorderView of(Reordering.Setting s) {
            return new ReorderView(
                    s.partId(),
                    s.reorderPoint(),
                    s.reorderQuantity(),
                    s.onHand(),
                    s.reserved(),
                    s.available(),
                    s.low());
        }
    }

    /** Both null clear the part's reorder settings. */
    record ReorderBody(BigDecimal reorderPoint, BigDecimal reorderQuantity) {}

    record SuggestionView(
            UUID partId,
            String partNumber,
            String partName,
            String unitOfMeasure,
            BigDecimal onHand,
            BigDecimal reserved,
            BigDecimal available,
            BigDecimal reorderPoint,
            BigDecimal reorderQuantity,
            BigDecimal onOrder,
            BigDecimal suggestedQuantity,
            UUID supplierId,
            String supplierCode,
            String supplierName,
            UUID supplierPartId,
            String supplierSku,
            BigDecimal unitPrice,
            String currency,
            Integer leadTimeDays) {
        static SuggestionView of(Reordering.Suggestion s) {
            return new SuggestionView(
                    s.part().id(),
                    s.part().partNumber(),
                    s.part().name(),
                    s.part().unitOfMeasure(),
                    s.onHand(),
                    s.reserved(),
                    s.available(),
                    s.reorderPoint(),
                    s.reorderQuantity(),
                    s.onOrder(),
                    s.suggestedQuantity(),
                    s.supplier() == null ? null : s.supplier().id(),
                    s.supplier() == null ? null : s.supplier().code(),
                    s.supplier() == null ? null : s.supplier().name(),
                    s.source() == null ? null : s.source().id(),
                    s.source() == null ? null : s.source().supplierSku(),
                    s.unitPrice(),
                    s.supplier() == null ? null : s.supplier().currency(),
                    s.leadTimeDays());
        }
    }

    record DraftBody(@Size(max = 500) List<@NotNull UUID> partIds) {}

    record DraftedView(List<SupplierOrderViews.OrderView> items, List<UUID> withoutSupplier) {}

    @Operation(summary = "A part's reorder point and quantity, with its stock")
    @GetMapping("/api/inventory/parts/{id}/reorder")
    @PreAuthorize("hasAuthority('inventory:read')")
    ResponseEntity<ReorderView> get(@PathVariable UUID id) {
        var setting = reordering.setting(id);
        return Versions.ok(setting.version(), ReorderView.of(setting));
    }

    @Operation(summary = "Set a part's reorder point and quantity (both null clear them)")
    @PutMapping("/api/inventory/parts/{id}/reorder")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<ReorderView> put(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody ReorderBody body) {
        var setting = reordering.set(id, expected, body.reorderPoint(), body.reorderQuantity());
        return Versions.ok(setting.version(), ReorderView.of(setting));
    }

    @Operation(summary = "The suggested-purchase list: parts at or below their reorder point, what to order, from whom")
    @GetMapping("/api/inventory/reorder")
    @PreAuthorize("hasAuthority('inventory:read')")
    ItemList<SuggestionView> suggestions(
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return reordering
                .suggestions(PageRequest.of(limit, cursor, null, Set.of(), ""))
                .map(SuggestionView::of);
    }

    @Operation(
            summary = "Create draft purchase orders from the suggestions (all, or the parts named), one per supplier")
    @PostMapping("/api/inventory/reorder/purchase-orders")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<DraftedView> draft(@Valid @RequestBody(required = false) DraftBody body) {
        var drafted = reordering.draftOrders(body == null ? null : body.partIds());
        return ResponseEntity.status(drafted.orders().isEmpty() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new DraftedView(views.all(drafted.orders()), drafted.withoutSupplier()));
    }
}
