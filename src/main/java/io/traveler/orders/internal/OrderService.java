package io.traveler.orders.internal;

import io.traveler.catalog.Catalog;
import io.traveler.catalog.Catalog.Sellable;
import io.traveler.catalog.Catalog.SellableRef;
import io.traveler.configurator.Configurator;
import io.traveler.customers.CustomerStandings;
import io.traveler.customers.CustomerStandings.CustomerStanding;
import io.traveler.orders.OrderPhase;
import io.traveler.orders.OrderPlaced;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.ForbiddenException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.security.Callers;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Placing orders and changing them. An organization places orders for its customers; a brand places purchase orders
 * with a partner factory, whose rows they become. Totals are always computed here from the lines and the charges
 * (whatever a client sends); the database checks that they add up. Lines change while the order is a DRAFT or in
 * CONFIGURATION, and only the fulfilling organization changes an order once placed. A line of a configurable product
 * takes its unit price from its configuration; setting it by hand needs {@value #OVERRIDE_PRICE} and marks it
 * overridden, so that the configuration's later prices leave it alone.
 */
@Service
public class OrderService {
    /** The numbering series of an organization's own orders (ORD-2026-000123). */
    static final String ORDER_SERIES = "orders";
    /** The numbering series of a brand's purchase orders (PO-2026-000042). */
    static final String PURCHASE_ORDER_SERIES = "purchase-orders";

    public static final int MAX_LINES = 500;
    static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");
    /** What numeric(19, 4) holds. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999999.9999");

    static final Set<OrderPhase> LINES_OPEN = Set.of(OrderPhase.DRAFT, OrderPhase.CONFIGURATION);

    public static final String OVERRIDE_PRICE = "orders:override_price";

    /** A line as sent: a product (or one of its variants), a quantity and, optionally, a unit price. */
    public record NewLine(UUID productId, UUID variantId, BigDecimal quantity, BigDecimal unitPrice) {}

    /** An order of one of the organization's customers. Nulls take the defaults (NORMAL, STANDARD, today, zero). */
    public record NewOrder(
            UUID customerId,
            Order.Type type,
            Order.Priority priority,
            LocalDate orderedOn,
            LocalDate requestedOn,
            LocalDate promisedOn,
            UUID assigneeId,
            String specialInstructions,
            BigDecimal discount,
            BigDecimal tax,
            BigDecimal shipping,
            String internalNotes,
            BigDecimal estimatedCost,
            List<NewLine> lines) {}

    /** A brand's purchase order to a partner factory; its lines name the brand's own products and variants. */
    public record NewPurchaseOrder(
            UUID factoryOrgId,
            Order.Type type,
            Order.Priority priority,
            LocalDate requestedOn,
            String specialInstructions,
            List<NewLine> lines) {}

    /**
     * An order's details as sent in a change: a null keeps the value, unless the field is in {@code cleared} (sent
     * as null). Type and priority cannot be cleared.
     */
    public record OrderDetails(
            Order.Type type,
            Order.Priority priority,
            LocalDate requestedOn,
            LocalDate promisedOn,
            UUID assigneeId,
            String specialInstructions,
            BigDecimal discount,
            BigDecimal tax,
            BigDecimal shipping,
            String internalNotes,
            BigDecimal estimatedCost,
            Set<String> cleared) {
        public OrderDetails {
            cleared = cleared == null ? Set.of() : Set.copyOf(cleared);
        }
    }

    /** A line's new quantity and unit price; a null keeps the value. */
    public record LineChange(BigDecimal quantity, BigDecimal unitPrice) {}

    private final Orders orders;
    private final OrderLines lines;
    private final OrderInternals internals;
    private final Partners partners;
    private final Catalog catalog;
    private final CustomerStandings customers;
    private final OrganizationSettings settings;
    private final ApplicationEventPublisher events;
    private final EntityManager em;
    // the configurator calls back into the orders module (ConfigurableLines): looked up when needed, not at start
    private final ObjectProvider<Configurator> configurator;
    private final Callers callers;

    OrderService(
            Orders orders,
            OrderLines lines,
            OrderInternals internals,
            Partners partners,
            Catalog catalog,
            CustomerStandings customers,
            OrganizationSettings settings,
            ApplicationEventPublisher events,
            EntityManager em,
            ObjectProvider<Configurator> configurator,
            Callers callers) {
        this.orders = orders;
        this.lines = lines;
        this.internals = internals;
        this.partners = partners;
        this.catalog = catalog;
        this.customers = customers;
        this.settings = settings;
        this.events = events;
        this.em = em;
        this.configurator = configurator;
        this.callers = callers;
    }

    // --- placing ---------------------------------------------------------------------------------------------

    /** Places an order of one of the organization's customers, as a DRAFT coded from its orders series. */
    @Transactional
    public Order place(NewOrder sent) {
        return place(sent, false);
    }

    /**
     * Places the order; {@code agreedPrices}: its unit prices were agreed with the customer (an accepted quote), so
     * a configurable product's line keeps its price (marked overridden) without {@value #OVERRIDE_PRICE}.
     */
    @Transactional
    public Order place(NewOrder sent, boolean agreedPrices) {
        CustomerStanding customer = customerOf(sent.customerId());
        List<OrderLine> priced = new ArrayList<>();
        UUID orgId = TenantContext.requireOrgId();
        var snapshot = settings.current();
        Instant now = Instant.now();
        var order = Order.forCustomer(
                orgId,
                settings.nextNumber(ORDER_SERIES),
                customer.id(),
                customer.name(),
                snapshot.currency(),
                sent.orderedOn() == null ? today(snapshot.timezone(), now) : sent.orderedOn(),
                TenantContext.actorId().orElse(null),
                now);
        order.classify(
                sent.type() == null ? Order.Type.STANDARD : sent.type(),
                sent.priority() == null ? Order.Priority.NORMAL : sent.priority());
        order.schedule(sent.requestedOn(), sent.promisedOn());
        order.assign(sent.assigneeId());
        order.instruct(blankToNull(sent.specialInstructions()));
        priced.addAll(linesOf(order, sent.lines(), agreedPrices));
        total(order, priced, zeroIfNull(sent.discount()), zeroIfNull(sent.tax()), zeroIfNull(sent.shipping()));
        save(order, priced);
        if (sent.internalNotes() != null || sent.estimatedCost() != null) {
            var internal = new OrderInternal(order);
            internal.note(blankToNull(sent.internalNotes()));
            internal.estimate(amount("estimated_cost", sent.estimatedCost()));
            em.persist(internal);
        }
        announce(order, now);
        return order;
    }

    /**
     * Places a brand's purchase order with a factory it has an ACTIVE partnership with: a DRAFT of the factory,
     * coded from the brand's purchase-orders series, whose lines copy the brand's SKU and name and the factory's own
     * codes for each variant where the brand mapped them. The factory accepts or rejects it.
     */
    @Transactional
    public Order placePurchaseOrder(NewPurchaseOrder sent) {
        UUID brandOrgId = TenantContext.requireOrgId();
        if (sent.factoryOrgId() == null) {
            throw new ValidationException("factory_org_id", "is required");
        }
        partners.requireActivePartnership(brandOrgId, sent.factoryOrgId());
        var snapshot = settings.current();
        Instant now = Instant.now();
        String brandName = partners.nameOf(brandOrgId);
        var order = Order.purchaseOrder(
                sent.factoryOrgId(),
                brandOrgId,
                brandName.isBlank() ? "Brand" : brandName,
                settings.nextNumber(PURCHASE_ORDER_SERIES),
                snapshot.currency(),
                today(snapshot.timezone(), now),
                TenantContext.actorId().orElse(null),
                now);
        order.classify(
                sent.type() == null ? Order.Type.STANDARD : sent.type(),
                sent.priority() == null ? Order.Priority.NORMAL : sent.priority());
        order.schedule(sent.requestedOn(), null);
        order.instruct(blankToNull(sent.specialInstructions()));
        List<OrderLine> priced = linesOf(order, sent.lines(), false);
        Set<UUID> variants = new LinkedHashSet<>();
        priced.stream().map(OrderLine::variantId).filter(Objects::nonNull).forEach(variants::add);
        if (!variants.isEmpty()) {
            var codes = catalog.supplierCodes(variants, sent.factoryOrgId());
            for (OrderLine line : priced) {
                var known = line.variantId() == null ? null : codes.get(line.variantId());
                if (known != null) {
                    line.knownAtFactoryAs(known.productCode(), known.variantCode(), known.sku());
                }
            }
        }
        total(order, priced, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        save(order, priced);
        announce(order, now);
        return order;
    }

    /** The order row first (totals already computed, so the brand never updates it), then its lines and history. */
    private void save(Order order, List<OrderLine> priced) {
        orders.save(order);
        priced.forEach(lines::save);
        em.persist(PhaseChange.creation(order, order.createdBy(), order.phaseEnteredAt()));
        em.flush();
    }

    private void announce(Order order, Instant now) {
        events.publishEvent(new OrderPlaced(
                order.id(),
                order.orgId(),
                order.code(),
                order.customerId(),
                order.brandOrgId(),
                order.total(),
                order.currency(),
                order.createdBy(),
                now));
    }

    private CustomerStanding customerOf(UUID customerId) {
        if (customerId == null) {
            throw new ValidationException("customer_id", "is required");
        }
        return customers
                .standingOf(customerId)
                .orElseThrow(() -> new ValidationException("customer_id", "must name a customer of this organization"));
    }

    // --- details ---------------------------------------------------------------------------------------------

    /** Changes what the order says besides its lines; the charges only while its lines may change. */
    @Transactional
    public Order changeDetails(UUID id, OrderDetails sent, ExpectedVersion expected) {
        Order order = owned(id);
        expected.require(order.version());
        if (order.phase().isFinal()) {
            throw new ConflictException("A " + order.phase() + " order cannot be changed");
        }
        Set<String> cleared = sent.cleared();
        for (String field : List.of("type", "priority", "discount", "tax", "shipping")) {
            if (cleared.contains(field)) {
                throw new ValidationException(field, "is required");
            }
        }
        order.classify(
                sent.type() == null ? order.type() : sent.type(),
                sent.priority() == null ? order.priority() : sent.priority());
        order.schedule(
                keep(sent.requestedOn(), order.requestedOn(), cleared, "requested_on"),
                keep(sent.promisedOn(), order.promisedOn(), cleared, "promised_on"));
        order.assign(keep(sent.assigneeId(), order.assigneeId(), cleared, "assignee_id"));
        if (sent.specialInstructions() != null || cleared.contains("special_instructions")) {
            order.instruct(blankToNull(sent.specialInstructions()));
        }
        if (sent.discount() != null || sent.tax() != null || sent.shipping() != null) {
            requireLinesOpen(order);
            total(
                    order,
                    lines.findOfOrder(order.id(), order.orgId()),
                    sent.discount() == null ? order.discount() : sent.discount(),
                    sent.tax() == null ? order.tax() : sent.tax(),
                    sent.shipping() == null ? order.shipping() : sent.shipping());
        }
        changeInternals(order, sent);
        em.lock(order, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        return orders.saveAndFlush(order);
    }

    private void changeInternals(Order order, OrderDetails sent) {
        Set<String> cleared = sent.cleared();
        boolean notes = sent.internalNotes() != null || cleared.contains("internal_notes");
        boolean cost = sent.estimatedCost() != null || cleared.contains("estimated_cost");
        if (!notes && !cost) {
            return;
        }
        var internal = internals.findOwned(order.id(), order.orgId()).orElseGet(() -> {
            var created = new OrderInternal(order);
            em.persist(created);
            return created;
        });
        if (notes) {
            internal.note(blankToNull(sent.internalNotes()));
        }
        if (cost) {
            internal.estimate(amount("estimated_cost", sent.estimatedCost()));
        }
    }

    /** Deletes a DRAFT order with its lines and history; anything further along is cancelled instead. */
    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        Order order = owned(id);
        expected.require(order.version());
        if (order.phase() != OrderPhase.DRAFT) {
            throw new ConflictException("Only a DRAFT order can be deleted; cancel a " + order.phase() + " order");
        }
        lines.findOfOrder(order.id(), order.orgId()).forEach(lines::delete);
        orders.delete(order);
        em.flush();
    }

    // --- lines -----------------------------------------------------------------------------------------------

    /** Adds a line from the organization's catalog; the order's totals follow. */
    @Transactional
    public OrderLine addLine(UUID orderId, NewLine sent) {
        Order order = owned(orderId);
        requireLinesOpen(order);
        if (order.isPurchaseOrder()) {
            throw new ConflictException(
                    "A purchase order's lines name its brand's products: the brand places a new purchase order");
        }
        List<OrderLine> current = lines.findOfOrder(order.id(), order.orgId());
        if (current.size() >= MAX_LINES) {
            throw new ConflictException("An order has at most " + MAX_LINES + " lines");
        }
        int lineNo = current.stream().mapToInt(OrderLine::lineNo).max().orElse(0) + 1;
        OrderLine line = linesOf(order, List.of(sent), "", lineNo, false).getFirst();
        lines.save(line);
        current.add(line);
        retotal(order, current);
        em.flush();
        return line;
    }

    /** Changes a line's quantity or unit price under the line's version; the order's totals follow. */
    @Transactional
    public OrderLine changeLine(UUID orderId, UUID lineId, LineChange sent, ExpectedVersion expected) {
        Order order = owned(orderId);
        List<OrderLine> current = lines.findOfOrder(order.id(), order.orgId());
        OrderLine line = lineOf(current, lineId);
        expected.require(line.version());
        requireLinesOpen(order);
        if (sent.unitPrice() != null) {
            overrideIfConfigurable(List.of(line), false);
        }
        line.price(
                sent.quantity() == null ? line.quantity() : quantity("quantity", sent.quantity()),
                sent.unitPrice() == null ? line.unitPrice() : amount("unit_price", sent.unitPrice()));
        if (line.lineTotal().compareTo(MAX_AMOUNT) > 0) {
            throw new ValidationException("quantity", "makes the line's total larger than an amount can be");
        }
        retotal(order, current);
        em.flush();
        return line;
    }

    /**
     * What the configurator made of a line: its configuration, the BOM generated from the configuration's current
     * values (null: none yet) and, unless the line's price was overridden, its unit price (null: left as it is); the
     * order's totals follow. Only while the order's lines may change (409 after).
     */
    @Transactional
    public OrderLine configured(UUID lineId, UUID configurationId, BigDecimal price, UUID bomId) {
        UUID org = TenantContext.requireOrgId();
        OrderLine found = lines.findOwned(lineId, org).orElseThrow(() -> NotFoundException.of("Order line", lineId));
        Order order =
                orders.lockOwned(found.orderId(), org).orElseThrow(() -> NotFoundException.of("Order line", lineId));
        requireLinesOpen(order);
        List<OrderLine> current = lines.findOfOrder(order.id(), org);
        OrderLine line = lineOf(current, lineId);
        line.configure(configurationId, bomId);
        if (price != null && !line.priceOverridden()) {
            line.price(line.quantity(), amount("price", price));
            if (line.lineTotal().compareTo(MAX_AMOUNT) > 0) {
                throw new ValidationException("price", "makes the line's total larger than an amount can be");
            }
        }
        retotal(order, current);
        em.flush();
        return line;
    }

    @Transactional
    public void removeLine(UUID orderId, UUID lineId, ExpectedVersion expected) {
        Order order = owned(orderId);
        List<OrderLine> current = lines.findOfOrder(order.id(), order.orgId());
        OrderLine line = lineOf(current, lineId);
        expected.require(line.version());
        requireLinesOpen(order);
        lines.delete(line);
        current.remove(line);
        retotal(order, current);
        em.flush();
    }

    private static OrderLine lineOf(List<OrderLine> current, UUID lineId) {
        return current.stream()
                .filter(line -> line.id().equals(lineId))
                .findFirst()
                .orElseThrow(() -> NotFoundException.of("Order line", lineId));
    }

    /** The order's version moves with its lines, so its ETag covers what GET answers. */
    private void retotal(Order order, List<OrderLine> current) {
        total(order, current, order.discount(), order.tax(), order.shipping());
        em.lock(order, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        orders.save(order);
    }

    private static void requireLinesOpen(Order order) {
        if (!LINES_OPEN.contains(order.phase())) {
            throw new ConflictException(
                    "An order's lines and charges change only while it is a DRAFT or in CONFIGURATION; this one is "
                            + order.phase());
        }
    }

    /**
     * The order the current organization fulfils, locked for the change. A brand reads its purchase orders but
     * changes nothing after placing them (403); anyone else learns nothing (404).
     */
    private Order owned(UUID id) {
        UUID org = TenantContext.requireOrgId();
        return orders.lockOwned(id, org).orElseThrow(() -> {
            if (orders.findVisible(id, org).isPresent()) {
                return new ForbiddenException(
                        "A purchase order is changed by the factory that fulfils it; its brand may only cancel it"
                                + " while it is a DRAFT");
            }
            return NotFoundException.of("Order", id);
        });
    }

    // --- pricing ---------------------------------------------------------------------------------------------

    private List<OrderLine> linesOf(Order order, List<NewLine> sent, boolean agreedPrices) {
        if (sent == null) {
            return List.of();
        }
        if (sent.size() > MAX_LINES) {
            throw new ValidationException("lines", "must have at most " + MAX_LINES + " lines");
        }
        return linesOf(order, sent, "lines", 1, agreedPrices);
    }

    /**
     * Prices lines from the current organization's catalog in one query: the SKU and name as they are now, the list
     * price where none is sent. {@code prefix} names the fields of a problem ({@code lines[0].product_id}).
     */
    private List<OrderLine> linesOf(
            Order order, List<NewLine> sent, String prefix, int firstLineNo, boolean agreedPrices) {
        Set<SellableRef> refs = new LinkedHashSet<>();
        for (int i = 0; i < sent.size(); i++) {
            NewLine line = sent.get(i);
            String at = field(prefix, i);
            if (line == null) {
                throw new ValidationException(prefix.isEmpty() ? "product_id" : at, "is required");
            }
            if (line.productId() == null) {
                throw new ValidationException(at + "product_id", "is required");
            }
            refs.add(new SellableRef(line.productId(), line.variantId()));
            refs.add(new SellableRef(line.productId(), null));
        }
        Map<SellableRef, Sellable> known = refs.isEmpty() ? Map.of() : catalog.sellables(refs);
        List<OrderLine> priced = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            NewLine line = sent.get(i);
            String at = field(prefix, i);
            Sellable sellable = known.get(new SellableRef(line.productId(), line.variantId()));
            if (sellable == null) {
                boolean productKnown = known.containsKey(new SellableRef(line.productId(), null));
                throw productKnown
                        ? new ValidationException(at + "variant_id", "must name a variant of the product")
                        : new ValidationException(at + "product_id", "must name a product of this organization");
            }
            if (line.quantity() == null) {
                throw new ValidationException(at + "quantity", "is required");
            }
            BigDecimal unitPrice = line.unitPrice() == null ? sellable.listPrice() : line.unitPrice();
            if (unitPrice == null) {
                throw new ValidationException(at + "unit_price", "is required: the catalog has no list price for it");
            }
            var orderLine = new OrderLine(
                    order,
                    firstLineNo + i,
                    sellable.productId(),
                    sellable.variantId(),
                    sellable.sku(),
                    sellable.name());
            orderLine.price(quantity(at + "quantity", line.quantity()), amount(at + "unit_price", unitPrice));
            if (orderLine.lineTotal().compareTo(MAX_AMOUNT) > 0) {
                throw new ValidationException(at + "quantity", "makes the line's total larger than an amount can be");
            }
            priced.add(orderLine);
        }
        List<OrderLine> pricedByHand = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            // a purchase order's lines name the brand's products, which the factory's configurator does not know
            if (sent.get(i).unitPrice() != null && !order.isPurchaseOrder()) {
                pricedByHand.add(priced.get(i));
            }
        }
        overrideIfConfigurable(pricedByHand, agreedPrices);
        return priced;
    }

    /**
     * The lines among {@code pricedByHand} whose product is configurable are priced by their configuration: a price
     * set by hand needs {@value #OVERRIDE_PRICE} (403) and marks the line overridden. A price agreed with the customer
     * (a quote's) marks it overridden without the permission: it is the price, whatever the configuration computes.
     */
    private void overrideIfConfigurable(List<OrderLine> pricedByHand, boolean agreedPrices) {
        if (pricedByHand.isEmpty()) {
            return;
        }
        Set<UUID> configurable = configurator
                .getObject()
                .configurableProducts(
                        pricedByHand.stream().map(OrderLine::productId).collect(Collectors.toSet()));
        List<OrderLine> overridden = pricedByHand.stream()
                .filter(line -> configurable.contains(line.productId()))
                .toList();
        if (overridden.isEmpty()) {
            return;
        }
        if (!agreedPrices) {
            callers.require(
                    OVERRIDE_PRICE,
                    "The unit price of a configurable product comes from its configuration; setting it by hand");
        }
        overridden.forEach(OrderLine::overridePrice);
    }

    private static String field(String prefix, int index) {
        return prefix.isEmpty() ? "" : prefix + "[" + index + "].";
    }

    /** subtotal = the lines' totals; total = subtotal - discount + tax + shipping, never below zero. */
    private static void total(
            Order order, List<OrderLine> priced, BigDecimal discount, BigDecimal tax, BigDecimal shipping) {
        BigDecimal subtotal = priced.stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        discount = amount("discount", discount);
        tax = amount("tax", tax);
        shipping = amount("shipping", shipping);
        if (subtotal.compareTo(MAX_AMOUNT) > 0) {
            throw new ValidationException("lines", "add up to more than an amount can be");
        }
        BigDecimal total = subtotal.subtract(discount).add(tax).add(shipping);
        if (total.signum() < 0) {
            throw new ValidationException("discount", "must not exceed the subtotal plus tax and shipping");
        }
        if (total.compareTo(MAX_AMOUNT) > 0) {
            throw new ValidationException("total", "is larger than an amount can be");
        }
        order.total(subtotal, discount, tax, shipping);
    }

    /** A money amount: not negative, at most 4 decimals (what the database keeps), within numeric(19, 4). */
    private static BigDecimal amount(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            throw new ValidationException(field, "must not be negative");
        }
        if (value.precision() - value.scale() > 15) {
            throw new ValidationException(field, "is larger than an amount can be");
        }
        if (value.stripTrailingZeros().scale() > 4) {
            throw new ValidationException(field, "must have at most 4 decimals");
        }
        return value;
    }

    private static BigDecimal quantity(String field, BigDecimal value) {
        if (value.signum() <= 0) {
            throw new ValidationException(field, "must be greater than 0");
        }
        if (value.compareTo(MAX_QUANTITY) > 0) {
            throw new ValidationException(field, "must be at most " + MAX_QUANTITY.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > 6) {
            throw new ValidationException(field, "must have at most 6 decimals");
        }
        return value;
    }

    private static LocalDate today(String timezone, Instant now) {
        try {
            return LocalDate.ofInstant(now, ZoneId.of(timezone));
        } catch (RuntimeException e) {
            return LocalDate.ofInstant(now, ZoneId.of("UTC"));
        }
    }

    private static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static <T> T keep(T sent, T current, Set<String> cleared, String field) {
        if (sent != null) {
            return sent;
        }
        return cleared.contains(field) ? null : current;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
