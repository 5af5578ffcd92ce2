package io.traveler.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.traveler.catalog.internal.CatalogService;
import io.traveler.catalog.internal.Part;
import io.traveler.inventory.internal.PurchaseOrder;
import io.traveler.inventory.internal.Purchasing;
import io.traveler.inventory.internal.Reordering;
import io.traveler.inventory.internal.SupplierService;
import io.traveler.projects.DemoProjectsLoaded;
import io.traveler.shared.paging.PageRequest;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** The demo factory gets two suppliers of its materials, reorder points, and one open purchase order, once. */
@ApplicationTest
class DemoPurchasingTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    CatalogService catalog;

    @Autowired
    SupplierService suppliers;

    @Autowired
    Purchasing purchasing;

    @Autowired
    Reordering reordering;

    @Test
    void theDemoFactoryHasSuppliersOfItsMaterialsAndAnOpenPurchaseOrderOnce() {
        var admin = Tenants.in(context).organization("FACTORY");
        admin.run(() -> {
            for (String number : new String[] {"FAB-CORD-600", "FAB-LINING", "WEB-25", "HW-ZIP-5", "HW-BUCKLE-25"}) {
                catalog.createPart(new CatalogService.PartData(
                        number,
                        number,
                        null,
                        Part.Kind.MATERIAL,
                        "m",
                        BigDecimal.ONE,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        Part.Status.ACTIVE,
                        null,
                        Set.of()));
            }
        });
        var page = PageRequest.of(50, null, null, Purchasing.SORTS.keySet(), "-created_at");
        for (int round = 0; round < 2; round++) {
            transactions.executeWithoutResult(
                    s -> events.publishEvent(new DemoProjectsLoaded(admin.orgId(), admin.userId())));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.call(() -> purchasing
                                    .list(page, null, null, null, true)
                                    .items()
                                    .size())
                            == 1);
        }
        admin.run(() -> {
            assertThat(suppliers
                            .list(PageRequest.of(50, null, null, Set.of("code"), "code"), null, true)
                            .items())
                    .extracting(s -> s.code())
                    .containsExactly("TEXCO", "ZIPCO");
            var orders = purchasing.list(page, null, null, null, null).items();
            assertThat(orders).as("one order however often the event came").hasSize(1);
            var order = orders.getFirst();
            assertThat(order.order().status()).isEqualTo(PurchaseOrder.Status.SENT);
            assertThat(order.lines()).hasSize(3).allSatisfy(l -> assertThat(l.supplierSku())
                    .isNotBlank());
            assertThat(reordering
                            .suggestions(PageRequest.of(50, null, null, Set.of(), ""))
                            .items())
                    .as("nothing in stock: every material with a reorder point is suggested")
                    .hasSize(5);
        });
    }
}
