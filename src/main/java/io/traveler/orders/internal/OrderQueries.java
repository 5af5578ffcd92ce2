package io.traveler.orders.internal;

import io.traveler.orders.OrderPhase;
import io.traveler.shared.SearchWords;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.KeysetPager;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders as the current organization sees them: the orders it fulfils, and the purchase orders it placed as a
 * brand. The brand's view of a purchase order leaves out what only the factory knows.
 */
@Service
public class OrderQueries {
    /** API sort name → attribute. */
    public static final Map<String, String> SORTS = Map.of(
            "created_at", "createdAt",
            "ordered_on", "orderedOn",
            "code", "code",
            "total", "total",
            "phase_entered_at", "phaseEnteredAt");

    public static final String DEFAULT_SORT = "-created_at";

    /** Who reads an order: the organization that fulfils it, or the brand that placed it as a purchase order. */
    public enum Viewer {
        OWNER,
        BRAND
    }

    /**
     * An order as the caller may see it: its lines, and for the owner its internals ({@code null} for the brand,
     * and for an owner that never wrote any).
     */
    public record OrderView(Order order, List<OrderLine> lines, OrderInternal internals, Viewer viewer) {
        public boolean ownedByCaller() {
            return viewer == Viewer.OWNER;
        }
    }

    /**
     * What a list is narrowed to; every field is optional. {@code brandOrgId} picks the purchase orders of one
     * brand (for its factory), {@code factoryOrgId} the purchase orders placed with one factory (for its brand).
     * {@code q}: every word appears in the code, the party's name or the special instructions.
     */
    public record OrderFilter(
            OrderPhase phase,
            Order.Priority priority,
            UUID customerId,
            UUID assigneeId,
            UUID brandOrgId,
            UUID factoryOrgId,
            LocalDate orderedFrom,
            LocalDate orderedTo,
            String q) {
        public static OrderFilter none() {
            return new OrderFilter(null, null, null, null, null, null, null, null, null);
        }

        public OrderFilter inPhase(OrderPhase phase) {
            return new OrderFilter(
                    phase, priority, customerId, assigneeId, brandOrgId, factoryOrgId, orderedFrom, orderedTo, q);
        }
    }

    private final Orders orders;
    private final OrderLines lines;
    private final OrderInternals internals;
    private final EntityManager em;

    OrderQueries(Orders orders, OrderLines lines, OrderInternals internals, EntityManager em) {
        this.orders = orders;
        this.lines = lines;
        this.internals = internals;
        this.em = em;
    }

    /** The order with its lines, as the caller may see it; 404 for anyone but its owner and its brand. */
    @Transactional(readOnly = true)
    public OrderView find(UUID id) {
        UUID org = TenantContext.requireOrgId();
        Order order = orders.findVisible(id, org).orElseThrow(() -> NotFoundException.of("Order", id));
        List<OrderLine> orderLines = lines.findOfOrder(id, org);
        if (!order.orgId().equals(org)) {
            return new OrderView(order, orderLines, null, Viewer.BRAND);
        }
        return new OrderView(order, orderLines, internals.findOwned(id, org).orElse(null), Viewer.OWNER);
    }

    /** One line of an order the caller may see. */
    @Transactional(readOnly = true)
    public OrderLine line(UUID orderId, UUID lineId) {
        return find(orderId).lines().stream()
                .filter(line -> line.id().equals(lineId))
                .findFirst()
                .orElseThrow(() -> NotFoundException.of("Order line", lineId));
    }

    @Transactional(readOnly = true)
    public ItemList<Order> list(OrderFilter filter, PageRequest page) {
        UUID org = TenantContext.requireOrgId();
        Scope scope = scopeOf(org, filter);
        return KeysetPager.page(em, Order.class, page, SORTS, (root, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(scope.predicate(root, cb, org));
            if (filter.phase() != null) {
                where.add(cb.equal(root.get("phase"), filter.phase()));
            }
            if (filter.priority() != null) {
                where.add(cb.equal(root.get("priority"), filter.priority()));
            }
            if (filter.customerId() != null) {
                where.add(cb.equal(root.get("customerId"), filter.customerId()));
            }
            if (filter.assigneeId() != null) {
                where.add(cb.equal(root.get("assigneeId"), filter.assigneeId()));
            }
            if (filter.brandOrgId() != null) {
                where.add(cb.equal(root.get("brandOrgId"), filter.brandOrgId()));
            }
            if (filter.factoryOrgId() != null) {
                where.add(cb.equal(root.get("orgId"), filter.factoryOrgId()));
            }
            if (filter.orderedFrom() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("orderedOn"), filter.orderedFrom()));
            }
            if (filter.orderedTo() != null) {
                where.add(cb.lessThanOrEqualTo(root.get("orderedOn"), filter.orderedTo()));
            }
            where.addAll(matching(root, cb, filter.q()));
            return cb.and(where.toArray(Predicate[]::new));
        });
    }

    /**
     * Which side of its orders the organization reads. Either side alone is one indexed equality (org_id, or
     * brand_org_id), so a list pages through an index in order; only an organization that both fulfils orders and
     * placed purchase orders, listing without saying which, reads both.
     */
    private enum Scope {
        OWNED,
        PLACED,
        BOTH;

        Predicate predicate(Root<Order> root, CriteriaBuilder cb, UUID org) {
            return switch (this) {
                case OWNED -> cb.equal(root.get("orgId"), org);
                case PLACED -> cb.equal(root.get("brandOrgId"), org);
                case BOTH -> cb.or(cb.equal(root.get("orgId"), org), cb.equal(root.get("brandOrgId"), org));
            };
        }
    }

    private Scope scopeOf(UUID org, OrderFilter filter) {
        if (filter.customerId() != null
                || filter.assigneeId() != null
                || (filter.brandOrgId() != null && !filter.brandOrgId().equals(org))) {
            return Scope.OWNED;
        }
        if (org.equals(filter.brandOrgId())
                || (filter.factoryOrgId() != null && !filter.factoryOrgId().equals(org))) {
            return Scope.PLACED;
        }
        if (!placedAny(org)) {
            return Scope.OWNED;
        }
        return ownsAny(org) ? Scope.BOTH : Scope.PLACED;
    }

    private boolean placedAny(UUID org) {
        return !em.createQuery("select o.id from Order o where o.brandOrgId = :org", UUID.class)
                .setParameter("org", org)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    private boolean ownsAny(UUID org) {
        return !em.createQuery("select o.id from Order o where o.orgId = :org", UUID.class)
                .setParameter("org", org)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /**
     * Every word of {@code q} appears in the code, the party's name or the special instructions. {@code ilike} on the
     * plain columns, not {@code lower(column) like}: it is what the trigram indexes (orders V2) answer, and it is
     * leakproof, so row-level security does not keep it from them.
     */
    private static List<Predicate> matching(Root<Order> root, CriteriaBuilder criteria, String q) {
        List<Predicate> words = new ArrayList<>();
        if (q == null || q.isBlank()) {
            return words;
        }
        HibernateCriteriaBuilder cb = (HibernateCriteriaBuilder) criteria;
        for (String word : SearchWords.of(q)) {
            String pattern = SearchWords.containing(word);
            words.add(cb.or(
                    cb.ilike(root.get("code"), pattern, '\\'),
                    cb.ilike(root.get("partyName"), pattern, '\\'),
                    cb.ilike(root.get("specialInstructions"), pattern, '\\')));
        }
        return words;
    }
}
