package io.traveler.inventory.web;

import io.traveler.catalog.Catalog;
import io.traveler.inventory.internal.PurchaseOrder;
import io.traveler.inventory.internal.PurchaseOrderLine;
import io.traveler.inventory.internal.Purchasing;
import io.traveler.inventory.internal.Supplier;
import io.traveler.inventory.internal.SupplierService;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Purchase orders as the API and the pages show them: with the supplier's and the parts' names. */
@Component
class SupplierOrderViews {
    private final SupplierService suppliers;
    private final Catalog catalog;

    SupplierOrderViews(SupplierService suppliers, Catalog catalog) {
        this.suppliers = suppliers;
        this.catalog = catalog;
    }

    record LineView(
            UUID id,
            int lineNo,
            UUID partId,
            String partNumber,
            String partName,
            String unitOfMeasure,
            String supplierSku,
            BigDecimal quantity,
            BigDecimal unitPrice,
            BigDecimal total,
            BigDecimal receivedQuantity,
            BigDecimal outstanding,
            LocalDate expectedOn) {}

    record OrderView(
            UUID id,
            String code,
            UUID supplierId,
            String supplierCode,
            String supplierName,
            PurchaseOrder.Status status,
            LocalDate orderedOn,
            LocalDate expectedOn,
            String currency,
            String notes,
            BigDecimal total,
            Instant sentAt,
            Instant closedAt,
            List<LineView> lines,
            Instant createdAt,
            Instant updatedAt) {}

    OrderView of(Purchasing.OrderWithLines order) {
        return all(List.of(order)).getFirst();
    }

    List<OrderView> all(Collection<Purchasing.OrderWithLines> orders) {
        Map<UUID, Supplier> sellers = suppliers.suppliers(
                orders.stream().map(o -> o.order().supplierId()).distinct().toList());
        List<UUID> partIds = orders.stream()
                .flatMap(o -> o.lines().stream())
                .map(PurchaseOrderLine::partId)
                .distinct()
                .toList();
        Map<UUID, Catalog.PartRef> parts = partIds.isEmpty() ? Map.of() : catalog.parts(partIds);
        return orders.stream()
                .map(o -> view(o, sellers.get(o.order().supplierId()), parts))
                .toList();
    }

    private static OrderView view(Purchasing.OrderWithLines o, Supplier supplier, Map<UUID, Catalog.PartRef> parts) {
        PurchaseOrder order = o.order();
        return new OrderView(
                order.id(),
                order.code(),
                order.supplierId(),
                supplier == null ? null : supplier.code(),
                supplier == null ? null : supplier.name(),
                order.status(),
                order.orderedOn(),
                order.expectedOn(),
                order.currency(),
                order.notes(),
                o.total(),
                order.sentAt(),
                order.closedAt(),
                o.lines().stream()
                        .map(l -> {
                            Catalog.PartRef part = parts.get(l.partId());
                            return new LineView(
                                    l.id(),
                                    l.lineNo(),
                                    l.partId(),
                                    part == null ? null : part.partNumber(),
                                    part == null ? null : part.name(),
                                    part == null ? null : part.unitOfMeasure(),
                                    l.supplierSku(),
                                    l.quantity(),
                                    l.unitPrice(),
                                    l.total(),
                                    l.receivedQuantity(),
                                    l.outstanding(),
                                    l.expectedOn());
                        })
                        .toList(),
                order.createdAt(),
                order.updatedAt());
    }
}
