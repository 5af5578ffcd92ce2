package io.traveler.inventory.internal;

import io.traveler.accounts.Accounts;
import io.traveler.catalog.Catalog;
import io.traveler.projects.DemoProjectsLoaded;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo factory's stock: lots of every part its daypack and strap BOMs consume, at the demo bins (fabrics,
 * webbing and thread on the cutting floor's rack, hardware on the assembly hall's shelf), received through the
 * {@link Ledger} as a storekeeper would, two lots of the fabric and the webbing so FIFO has something to choose.
 * There is enough for the demo's draft project of 500 straps, so starting it reserves its materials and its stages
 * backflush them; the demo projects already started (before there was stock) reserve again what they still lack.
 * Runs once the demo projects are loaded (after commit, on another thread); a factory that has any lot already is
 * skipped, and one without the demo parts or bins gets nothing.
 */
@Component
class DemoStock {
    private static final Logger log = LoggerFactory.getLogger(DemoStock.class);

    /** Part number, bin, lot number, quantity, unit cost, months to expiry (0: none). */
    private record Stock(String part, String bin, String lot, String quantity, String unitCost, int expiresInMonths) {}

    static final String RACK = "MAIN-CUT-01";
    static final String SHELF = "MAIN-ASM-01";

    private static final List<Stock> STOCK = List.of(
            new Stock("FAB-CORD-600", RACK, "CORD-2401", "120", "8.10", 0),
            new Stock("FAB-CORD-600", RACK, "CORD-2402", "180", "8.60", 0),
            new Stock("FAB-LINING", RACK, "LIN-2401", "250", "3.05", 0),
            new Stock("WEB-25", RACK, "WEB-2401", "400", "0.58", 0),
            new Stock("WEB-25", RACK, "WEB-2402", "600", "0.62", 0),
            new Stock("THR-BOND-69", RACK, "THR-2401", "20000", "0.002", 24),
            new Stock("HW-ZIP-5", SHELF, "ZIP-2401", "600", "0.85", 0),
            new Stock("HW-BUCKLE-25", SHELF, "BKL-2401", "1200", "0.40", 0),
            new Stock("HW-BUCKLE-25-M", SHELF, "BKLM-2401", "100", "1.20", 0),
            new Stock("HW-KEYCLIP", SHELF, "KEY-2401", "200", "0.35", 0));

    private final Ledger ledger;
    private final ProjectMaterials materials;
    private final Catalog catalog;
    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    DemoStock(
            Ledger ledger,
            ProjectMaterials materials,
            Catalog catalog,
            Accounts accounts,
            JdbcClient jdbc,
            TransactionTemplate transactions) {
        this.ledger = ledger;
        this.materials = materials;
        this.catalog = catalog;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Async
    @TransactionalEventListener
    void load(DemoProjectsLoaded demo) {
        Tenant factory = Tenant.user(demo.factoryOrgId(), demo.factoryAdminId());
        try {
            Integer received = TenantContext.callAs(factory, () -> transactions.execute(s -> stock()));
            if (received == null || received == 0) {
                return;
            }
            for (UUID project : TenantContext.callAs(factory, () -> transactions.execute(s -> started()))) {
                try {
                    TenantContext.runAs(
                            factory, () -> transactions.executeWithoutResult(s -> materials.refresh(project)));
                } catch (RuntimeException e) {
                    log.warn("Demo project {} reserved nothing more: {}", project, e.toString());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Demo stock stopped: {}", e.toString());
        }
    }

    /** The demo projects started before there was stock, oldest first. */
    private List<UUID> started() {
        return jdbc.sql("""
                        select id from projects.projects
                         where org_id = :org and status in ('ACTIVE', 'ON_HOLD') order by created_at, id
                        """)
                .param("org", TenantContext.requireOrgId())
                .query(UUID.class)
                .list();
    }

    /** Receives the demo lots; answers how many. */
    int stock() {
        boolean stocked = jdbc.sql("select exists (select 1 from inventory.lots where org_id = :org)")
                .param("org", TenantContext.requireOrgId())
                .query(Boolean.class)
                .single();
        if (stocked) {
            return 0;
        }
        int received = 0;
        for (Stock stock : STOCK) {
            Optional<Catalog.PartRef> part = catalog.partByNumber(stock.part());
            Optional<Accounts.LocationRef> bin = accounts.locationByCode(stock.bin());
            if (part.isEmpty() || bin.isEmpty()) {
                continue;
            }
            ledger.receive(new Ledger.Receipt(
                    part.get().id(),
                    bin.get().id(),
                    new BigDecimal(stock.quantity()),
                    stock.lot(),
                    new BigDecimal(stock.unitCost()),
                    null,
                    stock.expiresInMonths() == 0 ? null : LocalDate.now().plusMonths(stock.expiresInMonths()),
                    null));
            received++;
        }
        return received;
    }
}
