package io.traveler.orders.internal;

import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.catalog.Catalog;
import io.traveler.catalog.Catalog.SellableRef;
import io.traveler.configurator.DemoLineToConfigure;
import io.traveler.customers.CustomerStandings;
import io.traveler.orders.OrderPhase;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo organizations' orders, placed through the same service as the API: the factory's orders of its demo
 * customers spread over the phases (each with its history), the brand's order of one of its shops, and a purchase
 * order from the demo brand to the demo factory naming the brand's mapped variants; and an order in CONFIGURATION of
 * the factory's configurable sink, whose line the configurator's demo configures ({@link DemoLineToConfigure}). It hears the same event as the
 * demo catalog and customers, on another thread, so it waits (with a deadline) for the customers and products it
 * names. An organization whose first demo customer already has orders is skipped.
 */
@Component
class DemoOrders {
    private static final Logger log = LoggerFactory.getLogger(DemoOrders.class);
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final OrderService service;
    private final OrderQueries queries;
    private final Orders orders;
    private final EntityManager em;
    private final Catalog catalog;
    private final CustomerStandings customers;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    DemoOrders(
            OrderService service,
            OrderQueries queries,
            Orders orders,
            EntityManager em,
            Catalog catalog,
            CustomerStandings customers,
            TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.service = service;
        this.queries = queries;
        this.orders = orders;
        this.em = em;
        this.catalog = catalog;
        this.customers = customers;
        this.transactions = transactions;
        this.events = events;
    }

    @Async
    @TransactionalEventListener
    void load(DemoOrganizationsLoaded demo) {
        var factory = Tenant.user(demo.factoryOrgId(), demo.factoryAdminId());
        var brand = Tenant.user(demo.brandOrgId(), demo.brandAdminId());
        try {
            furnishFactory(factory);
            furnishBrand(brand, demo.factoryOrgId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void furnishFactory(Tenant factory) throws InterruptedException {
        var bluebird = await(factory, () -> customers.standingByCode("C-BLUEBIRD"));
        var trailhead = await(factory, () -> customers.standingByCode("C-TRAILHEAD"));
        var daypack = await(factory, () -> catalog.sellableBySku("BP-20"));
        if (bluebird.isEmpty() || trailhead.isEmpty() || daypack.isEmpty()) {
            log.warn("Demo orders skipped: the factory's demo customers or catalog did not appear in {}", PATIENCE);
            return;
        }
        UUID product = daypack.get().productId();
        var sink = await(factory, () -> catalog.sellableBySku("SINK-CUSTOM"));
        inTransaction(factory, () -> {
            if (hasOrders(bluebird.get().id())) {
                return;
            }
            LocalDate today = LocalDate.now();
            Object[][] rows = {
                {bluebird.get().id(), OrderPhase.DRAFT, Order.Priority.NORMAL, "120", null, 30},
                {bluebird.get().id(), OrderPhase.CONFIGURATION, Order.Priority.HIGH, "60", "Embroider the logo", 21},
                {trailhead.get().id(), OrderPhase.APPROVAL, Order.Priority.NORMAL, "300", null, 40},
                {bluebird.get().id(), OrderPhase.PRODUCTION, Order.Priority.URGENT, "80", "Ship before the fair", 10},
                {trailhead.get().id(), OrderPhase.QUALITY_CONTROL, Order.Priority.NORMAL, "150", null, 7},
                {trailhead.get().id(), OrderPhase.SHIPPING, Order.Priority.LOW, "40", null, 3},
                {bluebird.get().id(), OrderPhase.DELIVERED, Order.Priority.NORMAL, "200", null, -5},
                {trailhead.get().id(), OrderPhase.ON_HOLD, Order.Priority.HIGH, "90", "Waiting for the fabric", 25}
            };
            for (Object[] row : rows) {
                Order order = service.place(new OrderService.NewOrder(
                        (UUID) row[0],
                        Order.Type.STANDARD,
                        (Order.Priority) row[2],
                        null,
                        today.plusDays((int) row[5]),
                        today.plusDays((int) row[5]),
                        null,
                        (String) row[4],
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        new BigDecimal("45.00"),
                        "Demo order",
                        null,
                        List.of(new OrderService.NewLine(product, null, new BigDecimal((String) row[3]), null))));
                advance(order.id(), factory.orgId(), (OrderPhase) row[1], factory.actorId());
            }
            sink.ifPresent(s -> placeSinkOrder(factory, trailhead.get().id(), s, today));
        });
    }

    /** A sink to configure: its line's configuration and BOM come from the configurator's demo. */
    private void placeSinkOrder(Tenant factory, UUID customer, SellableRef sink, LocalDate today) {
        Order order = service.place(new OrderService.NewOrder(
                customer,
                Order.Type.CUSTOM,
                Order.Priority.NORMAL,
                null,
                today.plusDays(35),
                null,
                null,
                "Showroom sink, 84 in, two basins",
                null,
                null,
                null,
                "Demo order",
                null,
                List.of(new OrderService.NewLine(sink.productId(), null, BigDecimal.ONE, null))));
        advance(order.id(), factory.orgId(), OrderPhase.CONFIGURATION, factory.actorId());
        UUID line = queries.find(order.id()).lines().getFirst().id();
        events.publishEvent(new DemoLineToConfigure(factory.orgId(), factory.actorId(), line, sink.productId()));
    }

    private void furnishBrand(Tenant brand, UUID factoryOrgId) throws InterruptedException {
        var harbour = await(brand, () -> customers.standingByCode("C-HARBOUR"));
        var blue = await(brand, () -> catalog.sellableBySku("BB-DAYPACK-BLU"));
        var green = await(brand, () -> catalog.sellableBySku("BB-DAYPACK-GRN"));
        if (harbour.isEmpty() || blue.isEmpty() || green.isEmpty()) {
            log.warn(
                    "Demo purchase order skipped: the brand's demo customers or catalog did not appear in {}",
                    PATIENCE);
            return;
        }
        inTransaction(brand, () -> {
            if (hasOrders(harbour.get().id())) {
                return;
            }
            LocalDate today = LocalDate.now();
            service.place(new OrderService.NewOrder(
                    harbour.get().id(),
                    Order.Type.STANDARD,
                    Order.Priority.NORMAL,
                    null,
                    today.plusDays(20),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of(line(blue.get(), "24"), line(green.get(), "12"))));
            service.placePurchaseOrder(new OrderService.NewPurchaseOrder(
                    factoryOrgId,
                    Order.Type.STANDARD,
                    Order.Priority.HIGH,
                    today.plusDays(45),
                    "Spring collection: pack by colour",
                    List.of(line(blue.get(), "200"), line(green.get(), "150"))));
        });
    }

    private static OrderService.NewLine line(SellableRef ref, String quantity) {
        return new OrderService.NewLine(ref.productId(), ref.variantId(), new BigDecimal(quantity), null);
    }

    private boolean hasOrders(UUID customerId) {
        var filter = new OrderQueries.OrderFilter(null, null, customerId, null, null, null, null, null, null);
        var first = PageRequest.of(1, null, null, OrderQueries.SORTS.keySet(), OrderQueries.DEFAULT_SORT);
        return !queries.list(filter, first).items().isEmpty();
    }

    /**
     * Walks the order along the production line to {@code target} with a history entry per step, as the phase
     * transitions would (ON_HOLD: held from PRODUCTION).
     */
    private void advance(UUID orderId, UUID orgId, OrderPhase target, UUID actorId) {
        Order order = orders.lockOwned(orderId, orgId).orElseThrow();
        List<OrderPhase> steps = new ArrayList<>();
        OrderPhase last = target == OrderPhase.ON_HOLD ? OrderPhase.PRODUCTION : target;
        for (OrderPhase phase = OrderPhase.DRAFT.next(); phase != null; phase = phase.next()) {
            if (phase.ordinal() > last.ordinal()) {
                break;
            }
            steps.add(phase);
        }
        if (target == OrderPhase.ON_HOLD) {
            steps.add(OrderPhase.ON_HOLD);
        }
        for (OrderPhase to : steps) {
            Instant now = Instant.now();
            OrderPhase from = order.phase();
            Duration spent = order.moveTo(to, now, LocalDate.now());
            em.persist(new PhaseChange(order, from, to, actorId, null, now, spent));
        }
        orders.saveAndFlush(order);
    }

    private void inTransaction(Tenant tenant, Runnable work) {
        TenantContext.runAs(tenant, () -> transactions.executeWithoutResult(status -> work.run()));
    }

    /** What another demo loader is still writing: asked again every half second until the deadline. */
    private <T> Optional<T> await(Tenant tenant, Supplier<Optional<T>> lookup) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            Optional<T> found = TenantContext.callAs(tenant, () -> transactions.execute(status -> lookup.get()));
            if (found.isPresent() || Instant.now().isAfter(deadline)) {
                return found;
            }
            Thread.sleep(500);
        }
    }
}
