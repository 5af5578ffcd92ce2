package io.traveler.orders.internal;

import io.traveler.accounts.internal.PartnershipService;
import io.traveler.customers.internal.Customer;
import io.traveler.customers.internal.CustomerService;
import io.traveler.customers.internal.CustomerService.CustomerData;
import io.traveler.orders.OrderPhase;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.testing.Tenants.Member;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orders for the tests of phase transitions, written directly through the entities as their creation does (the
 * order and its first history row in one transaction), so these tests need no order API.
 */
final class TransitionFixtures {
    private final Orders orders;
    private final PhaseChanges changes;
    private final CustomerService customers;
    private final PartnershipService partnerships;
    private final TransactionTemplate transactions;

    private TransitionFixtures(ApplicationContext context) {
        this.orders = context.getBean(Orders.class);
        this.changes = context.getBean(PhaseChanges.class);
        this.customers = context.getBean(CustomerService.class);
        this.partnerships = context.getBean(PartnershipService.class);
        this.transactions = context.getBean(TransactionTemplate.class);
    }

    static TransitionFixtures of(ApplicationContext context) {
        return new TransitionFixtures(context);
    }

    /** A customer of the member's organization with this status and credit limit (null: none). */
    UUID customer(Member owner, Customer.Status status, BigDecimal creditLimit) {
        return owner.call(() -> transactions.execute(tx -> customers
                .create(new CustomerData(
                        null,
                        "Customer " + UUID.randomUUID().toString().substring(0, 8),
                        null,
                        null,
                        null,
                        null,
                        null,
                        status,
                        null,
                        creditLimit,
                        null,
                        null,
                        Set.of()))
                .id()));
    }

    /** A DRAFT order of the customer worth {@code total}, with its creation in the history. */
    Order customerOrder(Member owner, UUID customerId, BigDecimal total) {
        return owner.call(() -> transactions.execute(tx -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Order order = Order.forCustomer(
                    owner.orgId(), code(), customerId, "Customer", "EUR", LocalDate.now(), owner.userId(), now);
            order.total(total, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
            Order saved = orders.saveAndFlush(order);
            changes.save(PhaseChange.creation(saved, owner.userId(), now));
            return saved;
        }));
    }

    /** A customer order moved straight to {@code phase} (history included) through the transitions given. */
    Order customerOrderIn(
            PhaseTransitions transitions, Member owner, UUID customerId, BigDecimal total, OrderPhase phase) {
        Order order = customerOrder(owner, customerId, total);
        for (OrderPhase step : List.of(OrderPhase.CONFIGURATION, OrderPhase.APPROVAL, OrderPhase.PRODUCTION)) {
            if (order.phase() == phase) {
                break;
            }
            UUID id = order.id();
            order = owner.call(() -> transitions.transition(id, step, null, ExpectedVersion.none()));
        }
        return order;
    }

    /** An ACTIVE partnership of the brand with the factory: the brand invites, the factory accepts. */
    void partners(Member brand, Member factory) {
        UUID id = brand.call(
                () -> partnerships.invite(factory.orgId(), null).partnership().id());
        factory.run(() -> partnerships.accept(id, ExpectedVersion.none()));
    }

    /** A DRAFT purchase order the brand places with the factory (they must be partners). */
    Order purchaseOrder(Member brand, Member factory) {
        return brand.call(() -> transactions.execute(tx -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Order order = Order.purchaseOrder(
                    factory.orgId(), brand.orgId(), "Brand", code(), "EUR", LocalDate.now(), brand.userId(), now);
            Order saved = orders.saveAndFlush(order);
            changes.save(PhaseChange.creation(saved, brand.userId(), now));
            return saved;
        }));
    }

    private static String code() {
        return "T-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
