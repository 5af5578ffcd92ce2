package io.traveler.orders.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.orders.OrderPhase;
import io.traveler.orders.internal.Order;
import io.traveler.orders.internal.OrderInternal;
import io.traveler.orders.internal.OrderLine;
import io.traveler.orders.internal.OrderQueries;
import io.traveler.orders.internal.OrderQueries.OrderFilter;
import io.traveler.orders.internal.OrderQueries.OrderView;
import io.traveler.orders.internal.OrderService;
import io.traveler.orders.internal.OrderService.LineChange;
import io.traveler.orders.internal.OrderService.NewLine;
import io.traveler.orders.internal.OrderService.NewOrder;
import io.traveler.orders.internal.OrderService.NewPurchaseOrder;
import io.traveler.orders.internal.OrderService.OrderDetails;
import io.traveler.orders.internal.QuoteOrders;
import io.traveler.shared.Quantity;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
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
 * Orders and purchase orders. {@code /api/orders/} answers as {@code /api/orders} (the trailing-slash filter of
 * {@code /api/**}). Totals are the server's: {@code subtotal}, {@code total} and {@code line_total} in a request are
 * ignored.
 */
@Tag(name = "Orders")
@RestController
class OrdersController {
    private final OrderService orders;
    private final OrderQueries queries;
    private final QuoteOrders quoteOrders;

    OrdersController(OrderService orders, OrderQueries queries, QuoteOrders quoteOrders) {
        this.orders = orders;
        this.queries = queries;
        this.quoteOrders = quoteOrders;
    }

    record LineView(
            UUID id,
            int lineNo,
            UUID productId,
            UUID variantId,
            String sku,
            String name,
            String supplierProductCode,
            String supplierVariantCode,
            String supplierSku,
            BigDecimal quantity,
            BigDecimal unitPrice,
            BigDecimal lineTotal,
            UUID configurationId,
            UUID bomId,
            boolean priceOverridden,
            long version) {
        static LineView of(OrderLine l) {
            return new LineView(
                    l.id(),
                    l.lineNo(),
                    l.productId(),
                    l.variantId(),
                    l.sku(),
                    l.name(),
                    l.supplierProductCode(),
                    l.supplierVariantCode(),
                    l.supplierSku(),
                    l.quantity(),
                    l.unitPrice(),
                    l.lineTotal(),
                    l.configurationId(),
                    l.bomId(),
                    l.priceOverridden(),
                    l.version());
        }
    }

    /** What only the fulfilling organization sees; absent from a brand's view of its purchase order. */
    record InternalsView(String internalNotes, BigDecimal estimatedCost) {
        static InternalsView of(OrderInternal internal) {
            return internal == null
                    ? new InternalsView(null, null)
                    : new InternalsView(internal.internalNotes(), internal.estimatedCost());
        }
    }

    /** An order in a list: no lines, no internals. */
    record OrderSummary(
            UUID id,
            String code,
            OrderPhase phase,
            OrderPhase heldFromPhase,
            Order.Type type,
            Order.Priority priority,
            UUID customerId,
            UUID brandOrgId,
            UUID factoryOrgId,
            String partyName,
            LocalDate orderedOn,
            LocalDate requestedOn,
            LocalDate promisedOn,
            LocalDate deliveredOn,
            UUID assigneeId,
            String currency,
            BigDecimal total,
            Instant phaseEnteredAt,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        static OrderSummary of(Order o) {
            return new OrderSummary(
                    o.id(),
                    o.code(),
                    o.phase(),
                    o.heldFromPhase(),
                    o.type(),
                    o.priority(),
                    o.customerId(),
                    o.brandOrgId(),
                    o.orgId(),
                    o.partyName(),
                    o.orderedOn(),
                    o.requestedOn(),
                    o.promisedOn(),
                    o.deliveredOn(),
                    o.assigneeId(),
                    o.currency(),
                    o.total(),
                    o.phaseEnteredAt(),
                    o.version(),
                    o.createdAt(),
                    o.updatedAt());
        }
    }

    /**
     * An order with its lines. {@code factory_org_id} is the fulfilling organization; {@code internal_notes} and
     * {@code estimated_cost} appear only in its own view.
     */
    record OrderDetail(
            UUID id,
            String code,
            OrderPhase phase,
            OrderPhase heldFromPhase,
            Order.Type type,
            Order.Priority priority,
            UUID customerId,
            UUID brandOrgId,
            UUID factoryOrgId,
            UUID placedByOrgId,
            String partyName,
            LocalDate orderedOn,
            LocalDate requestedOn,
            LocalDate promisedOn,
            LocalDate deliveredOn,
            UUID assigneeId,
            String specialInstructions,
            String currency,
            BigDecimal subtotal,
            BigDecimal discount,
            BigDecimal tax,
            BigDecimal shipping,
            BigDecimal total,
            String rejectionReason,
            Instant phaseEnteredAt,
            UUID createdBy,
            List<LineView> lines,
            @JsonUnwrapped InternalsView internals,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        static OrderDetail of(OrderView view) {
            Order o = view.order();
            return new OrderDetail(
                    o.id(),
                    o.code(),
                    o.phase(),
                    o.heldFromPhase(),
                    o.type(),
                    o.priority(),
                    o.customerId(),
                    o.brandOrgId(),
                    o.orgId(),
                    o.placedByOrgId(),
                    o.partyName(),
                    o.orderedOn(),
                    o.requestedOn(),
                    o.promisedOn(),
                    o.deliveredOn(),
                    o.assigneeId(),
                    o.specialInstructions(),
                    o.currency(),
                    o.subtotal(),
                    o.discount(),
                    o.tax(),
                    o.shipping(),
                    o.total(),
                    o.rejectionReason(),
                    o.phaseEnteredAt(),
                    o.createdBy(),
                    view.lines().stream().map(LineView::of).toList(),
                    view.ownedByCaller() ? InternalsView.of(view.internals()) : null,
                    o.version(),
                    o.createdAt(),
                    o.updatedAt());
        }
    }

    record LineBody(
            @NotNull UUID productId,
            UUID variantId,

            @NotNull @DecimalMin(value = "0", inclusive = false) @Quantity
            BigDecimal quantity,

            @DecimalMin("0") @Quantity BigDecimal unitPrice) {
        NewLine line() {
            return new NewLine(productId, variantId, quantity, unitPrice);
        }
    }

    /**
     * A new order: {@code customer_id} for an order of one of the organization's customers, or
     * {@code factory_org_id} for a brand's purchase order to a partner factory (which carries no internals, dates
     * promised, assignee or charges: the factory sets those).
     */
    record OrderBody(
            UUID customerId,
            UUID factoryOrgId,
            Order.Type type,
            Order.Priority priority,
            LocalDate orderedOn,
            LocalDate requestedOn,
            LocalDate promisedOn,
            UUID assigneeId,
            @Size(max = 4000) String specialInstructions,
            @DecimalMin("0") @Quantity BigDecimal discount,
            @DecimalMin("0") @Quantity BigDecimal tax,
            @DecimalMin("0") @Quantity BigDecimal shipping,
            @Size(max = 10000) String internalNotes,
            @DecimalMin("0") @Quantity BigDecimal estimatedCost,
            @Size(max = OrderService.MAX_LINES) List<@NotNull @Valid LineBody> lines) {

        List<NewLine> newLines() {
            return lines == null
                    ? List.of()
                    : lines.stream().map(LineBody::line).toList();
        }

        NewPurchaseOrder purchaseOrder() {
            if (customerId != null) {
                throw new ValidationException("customer_id", "a purchase order names a factory, not a customer");
            }
            refuse("ordered_on", orderedOn);
            refuse("promised_on", promisedOn);
            refuse("assignee_id", assigneeId);
            refuse("discount", discount);
            refuse("tax", tax);
            refuse("shipping", shipping);
            refuse("internal_notes", internalNotes);
            refuse("estimated_cost", estimatedCost);
            return new NewPurchaseOrder(factoryOrgId, type, priority, requestedOn, specialInstructions, newLines());
        }

        NewOrder order() {
            return new NewOrder(
                    customerId,
                    type,
                    priority,
                    orderedOn,
                    requestedOn,
                    promisedOn,
                    assigneeId,
                    specialInstructions,
                    discount,
                    tax,
                    shipping,
                    internalNotes,
                    estimatedCost,
                    newLines());
        }

        private static void refuse(String field, Object value) {
            if (value != null) {
                throw new ValidationException(field, "is set by the factory, not in a purchase order");
            }
        }
    }

    /** A change of an order's details: a field left out stays, null clears. */
    record DetailsBody(
            Order.Type type,
            Order.Priority priority,
            LocalDate requestedOn,
            LocalDate promisedOn,
            UUID assigneeId,
            @Size(max = 4000) String specialInstructions,
            @DecimalMin("0") @Quantity BigDecimal discount,
            @DecimalMin("0") @Quantity BigDecimal tax,
            @DecimalMin("0") @Quantity BigDecimal shipping,
            @Size(max = 10000) String internalNotes,
            @DecimalMin("0") @Quantity BigDecimal estimatedCost) {
        OrderDetails details() {
            return new OrderDetails(
                    type,
                    priority,
                    requestedOn,
                    promisedOn,
                    assigneeId,
                    specialInstructions,
                    discount,
                    tax,
                    shipping,
                    internalNotes,
                    estimatedCost,
                    ExplicitNulls.inThisRequest());
        }
    }

    record LineChangeBody(
            @DecimalMin(value = "0", inclusive = false) @Quantity
            BigDecimal quantity,

            @DecimalMin("0") @Quantity BigDecimal unitPrice) {}

    // --- orders ----------------------------------------------------------------------------------------------

    @Operation(summary = "List or search orders and purchase orders")
    @GetMapping("/api/orders")
    @PreAuthorize("hasAuthority('orders:read')")
    ItemList<OrderSummary> list(
            @RequestParam(required = false) OrderPhase phase,
            @RequestParam(required = false) Order.Priority priority,
            @RequestParam(name = "customer_id", required = false) UUID customerId,
            @RequestParam(name = "assignee_id", required = false) UUID assigneeId,
            @RequestParam(name = "brand_org_id", required = false) UUID brandOrgId,
            @RequestParam(name = "factory_org_id", required = false) UUID factoryOrgId,
            @RequestParam(name = "ordered_from", required = false) LocalDate orderedFrom,
            @RequestParam(name = "ordered_to", required = false) LocalDate orderedTo,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor, sort, OrderQueries.SORTS.keySet(), OrderQueries.DEFAULT_SORT);
        var filter = new OrderFilter(
                phase, priority, customerId, assigneeId, brandOrgId, factoryOrgId, orderedFrom, orderedTo, q);
        return queries.list(filter, page).map(OrderSummary::of);
    }

    @Operation(summary = "Place an order for a customer, or a purchase order with a partner factory")
    @PostMapping("/api/orders")
    @PreAuthorize("hasAuthority('orders:write')")
    ResponseEntity<OrderDetail> place(@Valid @RequestBody OrderBody body) {
        Order placed = body.factoryOrgId() != null
                ? orders.placePurchaseOrder(body.purchaseOrder())
                : orders.place(body.order());
        return created(placed);
    }

    /** 201 with the order as its caller sees it, its location and its ETag. */
    private ResponseEntity<OrderDetail> created(Order placed) {
        OrderView view = queries.find(placed.id());
        return Versions.created("/api/orders/" + placed.id(), view.order().version(), OrderDetail.of(view));
    }

    @Operation(summary = "Accept a quote: it becomes ACCEPTED and its order is placed as a DRAFT")
    @PostMapping("/api/quotes/{id}/accept")
    @PreAuthorize("hasAuthority('orders:write')")
    ResponseEntity<OrderDetail> acceptQuote(@PathVariable UUID id, ExpectedVersion expected) {
        return created(quoteOrders.accept(id, expected));
    }

    @Operation(summary = "Get an order with its lines")
    @GetMapping("/api/orders/{id}")
    @PreAuthorize("hasAuthority('orders:read')")
    ResponseEntity<OrderDetail> get(@PathVariable UUID id) {
        OrderView view = queries.find(id);
        return Versions.ok(view.order().version(), OrderDetail.of(view));
    }

    @Operation(summary = "Change an order's details, charges and internals")
    @PatchMapping("/api/orders/{id}")
    @PreAuthorize("hasAuthority('orders:write')")
    ResponseEntity<OrderDetail> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody DetailsBody body) {
        orders.changeDetails(id, body.details(), expected);
        return get(id);
    }

    @Operation(summary = "Delete a DRAFT order")
    @DeleteMapping("/api/orders/{id}")
    @PreAuthorize("hasAuthority('orders:write')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        orders.delete(id, expected);
        return ResponseEntity.noContent().build();
    }

    // --- lines -----------------------------------------------------------------------------------------------

    @Operation(summary = "List an order's lines")
    @GetMapping("/api/orders/{id}/lines")
    @PreAuthorize("hasAuthority('orders:read')")
    ItemList<LineView> lines(@PathVariable UUID id) {
        return new ItemList<>(
                queries.find(id).lines().stream().map(LineView::of).toList(), null);
    }

    @Operation(summary = "Add a line to an order (DRAFT or CONFIGURATION)")
    @PostMapping("/api/orders/{id}/lines")
    @PreAuthorize("hasAuthority('orders:write')")
    ResponseEntity<LineView> addLine(@PathVariable UUID id, @Valid @RequestBody LineBody body) {
        OrderLine added = orders.addLine(id, body.line());
        return Versions.created("/api/orders/" + id + "/lines/" + added.id(), added.version(), LineView.of(added));
    }

    @Operation(summary = "Get an order's line")
    @GetMapping("/api/orders/{id}/lines/{lineId}")
    @PreAuthorize("hasAuthority('orders:read')")
    ResponseEntity<LineView> line(@PathVariable UUID id, @PathVariable UUID lineId) {
        OrderLine found = queries.line(id, lineId);
        return Versions.ok(found.version(), LineView.of(found));
    }

    @Operation(
            summary = "Change a line's quantity or unit price (DRAFT or CONFIGURATION)",
            description = "A configurable product's line takes its unit price from its configuration; setting it by"
                    + " hand needs orders:override_price and marks the line price_overridden.")
    @PatchMapping("/api/orders/{id}/lines/{lineId}")
    @PreAuthorize("hasAuthority('orders:write')")
    ResponseEntity<LineView> changeLine(
            @PathVariable UUID id,
            @PathVariable UUID lineId,
            ExpectedVersion expected,
            @Valid @RequestBody LineChangeBody body) {
        ExplicitNulls.inThisRequest().stream().findFirst().ifPresent(field -> {
            throw new ValidationException(field, "is required");
        });
        OrderLine changed = orders.changeLine(id, lineId, new LineChange(body.quantity(), body.unitPrice()), expected);
        return Versions.ok(changed.version(), LineView.of(changed));
    }

    @Operation(summary = "Remove a line from an order (DRAFT or CONFIGURATION)")
    @DeleteMapping("/api/orders/{id}/lines/{lineId}")
    @PreAuthorize("hasAuthority('orders:write')")
    ResponseEntity<Void> removeLine(@PathVariable UUID id, @PathVariable UUID lineId, ExpectedVersion expected) {
        orders.removeLine(id, lineId, expected);
        return ResponseEntity.noContent().build();
    }
}
