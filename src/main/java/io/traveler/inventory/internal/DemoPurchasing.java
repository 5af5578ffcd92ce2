package io.traveler.inventory.internal;

import io.traveler.catalog.Catalog;
import io.traveler.projects.DemoProjectsLoaded;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo factory's purchasing: a fabric supplier and a hardware supplier with what they sell of the demo's
 * materials (prices, lead times, the preferred source), reorder points for those materials, and an open purchase
 * order sent to the fabric supplier a few days ago. Runs once the demo's catalog and projects exist, after their
 * transaction, on another thread; a factory that already has the fabric supplier is skipped, so a re-delivered
 * event changes nothing.
 */
@Component
class DemoPurchasing {
    private static final Logger log = LoggerFactory.getLogger(DemoPurchasing.class);

    private record Sold(String partNumber, String sku, String price, Integer leadTimeDays, String minimum) {}

    private record Reorder(String partNumber, String point, String quantity) {}

    private final SupplierService suppliers;
    private final Purchasing purchasing;
    private final Reordering reordering;
    private final Suppliers supplierRows;
    private final Catalog catalog;
    private final TransactionTemplate transactions;

    DemoPurchasing(
            SupplierService suppliers,
            Purchasing purchasing,
            Reordering reordering,
            Suppliers supplierRows,
            Catalog catalog,
            TransactionTemplate transactions) {
        this.suppliers = suppliers;
        this.purchasing = purchasing;
        this.reordering = reordering;
        this.supplierRows = supplierRows;
        this.catalog = catalog;
        this.transactions = transactions;
    }

    @Async
    @TransactionalEventListener
    void load(DemoProjectsLoaded demo) {
        try {
            TenantContext.runAs(
                    Tenant.user(demo.factoryOrgId(), demo.factoryAdminId()),
                    () -> transactions.executeWithoutResult(s -> {
                        if (supplierRows.findByCode("TEXCO").isEmpty()) {
                            furnish();
                        }
                    }));
        } catch (RuntimeException e) {
            log.warn("Demo purchasing stopped: {}", e.toString());
        }
    }

    private void furnish() {
        UUID fabrics = supplier(
                "TEXCO",
                "Texco Technical Textiles",
                "orders@texco.example",
                "Weberstraße 12\n47798 Krefeld\nGermany",
                10,
                List.of(
                        new Sold("FAB-CORD-600", "TX-C600-BLK", "7.90", 12, "50"),
                        new Sold("FAB-LINING", "TX-LIN-GRY", "2.85", 10, "50"),
                        new Sold("WEB-25", "TX-PP25", "0.52", 10, "100")));
        supplier(
                "ZIPCO",
                "Zipco Hardware",
                "sales@zipco.example",
                "Via dei Bottoni 3\n36100 Vicenza\nItaly",
                21,
                List.of(
                        new Sold("HW-ZIP-5", "Z5-60-BLK", "0.78", null, "200"),
                        new Sold("HW-BUCKLE-25", "SR25-AC", "0.36", null, "500"),
                        new Sold("HW-BUCKLE-25-M", "SR25-AL", "1.10", 30, "100")));
        for (Reorder r : List.of(
                new Reorder("FAB-CORD-600", "40", "100"),
                new Reorder("FAB-LINING", "30", "80"),
                new Reorder("WEB-25", "60", "200"),
                new Reorder("HW-ZIP-5", "80", "200"),
                new Reorder("HW-BUCKLE-25", "100", "500"))) {
            catalog.partByNumber(r.partNumber())
                    .ifPresent(part -> reordering.set(
                            part.id(), ExpectedVersion.any(), new BigDecimal(r.point()), new BigDecimal(r.quantity())));
        }
        List<Purchasing.LineData> lines = new ArrayList<>();
        for (String[] line : new String[][] {{"FAB-CORD-600", "120"}, {"FAB-LINING", "80"}, {"WEB-25", "200"}}) {
            catalog.partByNumber(line[0])
                    .ifPresent(part ->
                            lines.add(new Purchasing.LineData(part.id(), new BigDecimal(line[1]), null, null, null)));
        }
        if (lines.isEmpty()) {
            return;
        }
        var order = purchasing.create(new Purchasing.OrderData(
                fabrics,
                LocalDate.now(ZoneOffset.UTC).plusDays(7),
                "Deliver to the goods-in door at the back of the hall, weekdays 7:00-15:00.",
                lines,
                Set.of()));
        purchasing.send(order.order().id(), ExpectedVersion.none());
    }

    private UUID supplier(String code, String name, String email, String address, int leadTime, List<Sold> sold) {
        UUID id = suppliers
                .create(new SupplierService.SupplierData(
                        code, name, email, null, address, "EUR", leadTime, null, null, Set.of()))
                .id();
        for (Sold s : sold) {
            catalog.partByNumber(s.partNumber())
                    .ifPresent(part -> suppliers.addPart(
                            id,
                            new SupplierService.SupplierPartData(
                                    part.id(),
                                    s.sku(),
                                    new BigDecimal(s.price()),
                                    s.leadTimeDays(),
                                    new BigDecimal(s.minimum()),
                                    true,
                                    Set.of())));
        }
        return id;
    }
}
