package io.traveler.customers.internal;

import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo organizations' customers, through the same service as the API: the factory's brand customers and the
 * brand's shops, each with contacts. Like the demo catalog, it runs after the publishing transaction commits, as
 * each organization's administrator; an organization that already has its first demo customer is skipped.
 */
@Component
class DemoCustomers {
    private final CustomerService service;
    private final Customers customers;
    private final TransactionTemplate transactions;

    DemoCustomers(CustomerService service, Customers customers, TransactionTemplate transactions) {
        this.service = service;
        this.customers = customers;
        this.transactions = transactions;
    }

    @Async
    @TransactionalEventListener
    void load(DemoOrganizationsLoaded demo) {
        furnish(demo.factoryOrgId(), demo.factoryAdminId(), new String[][] {
            {
                "C-BLUEBIRD",
                "Bluebird Outdoor",
                "orders@bluebird.example",
                "VIP",
                "wholesale,outdoor",
                "Mara Quist",
                "Buyer"
            },
            {
                "C-TRAILHEAD",
                "Trailhead Supply Co.",
                "purchasing@trailhead.example",
                "ACTIVE",
                "wholesale",
                "Jonas Berg",
                "Purchasing lead"
            },
            {"C-NORTHPEAK", "Northpeak Gear", "hello@northpeak.example", "PROSPECT", "prospect", "Ida Lund", "Founder"}
        });
        furnish(demo.brandOrgId(), demo.brandAdminId(), new String[][] {
            {
                "C-HARBOUR",
                "Harbour Street Store",
                "shop@harbour.example",
                "ACTIVE",
                "retail,local market",
                "Tomás Rey",
                "Store manager"
            },
            {"C-ALPINE", "Alpine Online", "buying@alpine.example", "ACTIVE", "online", "Sara Holm", "Category buyer"}
        });
    }

    private void furnish(UUID orgId, UUID adminId, String[][] rows) {
        TenantContext.runAs(
                Tenant.user(orgId, adminId),
                () -> transactions.executeWithoutResult(s -> {
                    if (customers.findByCode(rows[0][0]).isPresent()) {
                        return;
                    }
                    for (String[] row : rows) {
                        Customer customer = service.create(new CustomerService.CustomerData(
                                row[0],
                                row[1],
                                row[2],
                                null,
                                "{\"street\": \"1 Market Square\", \"city\": \"Porto\", \"country\": \"PT\"}",
                                null,
                                List.of(row[4].split(",")),
                                Customer.Status.valueOf(row[3]),
                                30,
                                new BigDecimal("25000"),
                                false,
                                null,
                                Set.of()));
                        service.addContact(
                                customer.id(),
                                new CustomerService.ContactData(row[5], row[6], row[2], null, true, Set.of()));
                    }
                }));
    }
}
