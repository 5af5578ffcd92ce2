package io.traveler.customers.internal;

import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.modules.ModuleRegistry;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo organizations' customers, through the same services as the API: the factory's brand customers and the
 * brand's shops, each with contacts, a short timeline and quotes in every state (DRAFT, SENT, ACCEPTED, EXPIRED)
 * for the organization's demo product. Like the demo catalog, it runs after the publishing transaction commits, as
 * each organization's administrator; an organization that already has its first demo customer is skipped. The demo
 * catalog hears the same event on another thread, so the quotes wait for its product (a minute at most; without
 * it the demo has no quotes).
 */
@Component
class DemoCustomers {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCustomers.class);
    private static final Duration CATALOG_WAIT = Duration.ofMinutes(1);

    private final CustomerService service;
    private final Customers customers;
    private final Timeline timeline;
    private final QuoteService quotes;
    private final ModuleRegistry modules;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    DemoCustomers(
            CustomerService service,
            Customers customers,
            Timeline timeline,
            QuoteService quotes,
            ModuleRegistry modules,
            JdbcClient jdbc,
            TransactionTemplate transactions) {
        this.service = service;
        this.customers = customers;
        this.timeline = timeline;
        this.quotes = quotes;
        this.modules = modules;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Async
    @TransactionalEventListener
    void load(DemoOrganizationsLoaded demo) {
        boolean factoryNew = furnish(demo.factoryOrgId(), demo.factoryAdminId(), new String[][] {
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
        boolean brandNew = furnish(demo.brandOrgId(), demo.brandAdminId(), new String[][] {
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
        if (factoryNew) {
            quote(demo.factoryOrgId(), demo.factoryAdminId(), "BP-20", List.of("C-BLUEBIRD", "C-TRAILHEAD"));
        }
        if (brandNew) {
            quote(demo.brandOrgId(), demo.brandAdminId(), "BB-DAYPACK", List.of("C-HARBOUR", "C-ALPINE"));
        }
    }

    /** Quotes of the demo product: a DRAFT and an ACCEPTED one for the first customer, a SENT and an EXPIRED one. */
    private void quote(UUID orgId, UUID adminId, String sku, List<String> customerCodes) {
        Tenant admin = Tenant.user(orgId, adminId);
        UUID product = demoProduct(admin, sku);
        if (product == null) {
            LOG.warn("Demo quotes skipped: the demo product {} did not appear within {}", sku, CATALOG_WAIT);
            return;
        }
        TenantContext.runAs(
                admin,
                () -> transactions.executeWithoutResult(s -> {
                    UUID first = customers
                            .findByCode(customerCodes.get(0))
                            .orElseThrow()
                            .id();
                    UUID second = customers
                            .findByCode(customerCodes.get(1))
                            .orElseThrow()
                            .id();
                    LocalDate today = quotes.today();
                    draft(first, product, "12", "23", today.plusDays(30));
                    Quote accepted = quotes.send(
                            draft(first, product, "40", "23", today.plusDays(14))
                                    .id(),
                            ExpectedVersion.any());
                    quotes.accept(accepted.id(), ExpectedVersion.any());
                    quotes.send(
                            draft(second, product, "25", null, today.plusDays(21))
                                    .id(),
                            ExpectedVersion.any());
                    Quote expired =
                            quotes.send(draft(second, product, "8", null, today).id(), ExpectedVersion.any());
                    // a quote sent long ago, as the expiry job leaves it once its date has passed
                    jdbc.sql("update customers.quotes set valid_until = :until, status = 'EXPIRED', decided_at = now(),"
                                    + " edited_at = now(), version = version + 1 where org_id = :org and id = :id")
                            .param("org", TenantContext.requireOrgId())
                            .param("until", today.minusDays(10))
                            .param("id", expired.id())
                            .update();
                }));
    }

    private Quote draft(UUID customer, UUID product, String quantity, String taxRate, LocalDate validUntil) {
        return quotes.create(new QuoteService.QuoteData(
                customer,
                validUntil,
                null,
                taxRate == null ? null : new BigDecimal(taxRate),
                null,
                null,
                List.of(new QuoteService.LineData(product, null, new BigDecimal(quantity), null)),
                Set.of()));
    }

    /** The demo product's id, found as the global search finds it for the organization's administrator. */
    private UUID demoProduct(Tenant admin, String sku) {
        var asAdmin = new TravelerPrincipal(
                admin.actorId(),
                admin.actorKind(),
                admin.orgId(),
                "",
                "",
                "",
                Set.of("catalog:read"),
                false,
                Instant.now());
        long deadline = System.nanoTime() + CATALOG_WAIT.toNanos();
        while (true) {
            UUID found = TenantContext.callAs(admin, () -> modules.search(asAdmin, sku, 5).stream()
                    .filter(hit -> hit.kind().equals("products") && hit.title().startsWith(sku + " "))
                    .map(ModuleRegistry.Found::id)
                    .findFirst()
                    .orElse(null));
            if (found != null || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** Whether the organization's demo customers were added now (false when it had them already). */
    private boolean furnish(UUID orgId, UUID adminId, String[][] rows) {
        return TenantContext.callAs(
                Tenant.user(orgId, adminId),
                () -> Boolean.TRUE.equals(transactions.execute(s -> {
                    if (customers.findByCode(rows[0][0]).isPresent()) {
                        return false;
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
                        Contact contact = service.addContact(
                                customer.id(),
                                new CustomerService.ContactData(row[5], row[6], row[2], null, true, Set.of()));
                        timeline.add(
                                customer.id(),
                                new Timeline.InteractionData(
                                        Interaction.Kind.CALL,
                                        "Introductory call with " + row[5],
                                        "Talked through the range and lead times.",
                                        Instant.now().minus(Duration.ofDays(9)),
                                        contact.id()));
                        timeline.add(
                                customer.id(),
                                new Timeline.InteractionData(
                                        Interaction.Kind.EMAIL,
                                        "Sent the price list",
                                        null,
                                        Instant.now().minus(Duration.ofDays(7)),
                                        contact.id()));
                        timeline.add(
                                customer.id(),
                                new Timeline.InteractionData(
                                        Interaction.Kind.NOTE,
                                        "Prefers deliveries on Tuesdays",
                                        null,
                                        Instant.now().minus(Duration.ofDays(2)),
                                        null));
                    }
                    return true;
                })));
    }
}
