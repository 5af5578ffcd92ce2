package io.traveler.orders.internal;

import io.traveler.customers.CustomerStandings;
import io.traveler.orders.OrderPhase;
import io.traveler.orders.OrderPhaseChanged;
import io.traveler.orders.internal.PhaseTable.NeedsPermission;
import io.traveler.orders.internal.PhaseTable.NotInTable;
import io.traveler.orders.internal.PhaseTable.Refusal;
import io.traveler.orders.internal.PhaseTable.Rule;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.ForbiddenException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.TravelerException.FieldError;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.security.Callers;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An order's moves between phases: by the transition table (the default one, tightened by the organization's
 * rules), the configuration gate past CONFIGURATION ({@link ConfigurationGate}), the credit rule at APPROVAL →
 * PRODUCTION, hold and resume, cancellation (by the factory, or by the brand
 * while its purchase order is a DRAFT) and the factory's acceptance or rejection of a purchase order. Each move
 * locks the order's row, is checked against the version the caller read, writes one history row with the time the
 * order spent in the phase it left and publishes {@link OrderPhaseChanged} in the same transaction.
 */
@Service
public class PhaseTransitions {
    public static final String TRANSITION = "orders:transition";
    public static final String ACCEPT = "orders:accept";
    public static final String OVERRIDE_CREDIT = "orders:override_credit";
    public static final int MAX_REASON = 2000;
    /** Orders whose totals count against a customer's credit: placed, not yet delivered or cancelled. */
    static final Set<OrderPhase> OPEN = EnumSet.of(
            OrderPhase.CONFIGURATION,
            OrderPhase.APPROVAL,
            OrderPhase.PRODUCTION,
            OrderPhase.QUALITY_CONTROL,
            OrderPhase.PACKAGING,
            OrderPhase.SHIPPING,
            OrderPhase.ON_HOLD);

    /** A column of the board: whether the caller may move the order there, and if not, why. */
    public record Target(OrderPhase phase, boolean allowed, String refusal) {}

    /** The organization's rules and their version (the ETag a change of them must send back). */
    public record RuleSet(List<Rule> rules, long version) {}

    private final Orders orders;
    private final PhaseChanges changes;
    private final PhaseRules rules;
    private final CustomerStandings standings;
    private final OrganizationSettings settings;
    private final ApplicationEventPublisher events;
    private final EntityManager em;
    private final ConfigurationGate gate;
    private final Clock clock = Clock.systemUTC();
    private final Callers callers;
    private final PermissionCatalogue catalogue;

    PhaseTransitions(
            Orders orders,
            PhaseChanges changes,
            PhaseRules rules,
            CustomerStandings standings,
            OrganizationSettings settings,
            ApplicationEventPublisher events,
            EntityManager em,
            ConfigurationGate gate,
            Callers callers,
            PermissionCatalogue catalogue) {
        this.callers = callers;
        this.orders = orders;
        this.changes = changes;
        this.rules = rules;
        this.standings = standings;
        this.settings = settings;
        this.events = events;
        this.em = em;
        this.gate = gate;
        this.catalogue = catalogue;
    }

    // --- moves -----------------------------------------------------------------------------------------------

    /**
     * Moves the order to {@code to}: 409 naming the allowed phases when the table has no such move, 409 listing the
     * configurable lines not yet configured when it would go on past CONFIGURATION, 403 when a rule or the credit
     * rule needs a permission the caller lacks. The brand of a purchase order may only cancel it
     * while it is a DRAFT (403 for any other move).
     */
    @Transactional
    public Order transition(UUID orderId, OrderPhase to, String reason, ExpectedVersion expected) {
        if (to == null) {
            throw new ValidationException("to_phase", "is required");
        }
        String why = reason(reason, false);
        UUID org = TenantContext.requireOrgId();
        Optional<Order> owned = orders.lockOwned(orderId, org);
        if (owned.isEmpty()) {
            if (to == OrderPhase.CANCELLED) {
                return cancelAsBrand(orderId, org, why, expected);
            }
            throw refusedToBrand(orderId, "moves its phases; the brand may cancel it while it is a DRAFT");
        }
        Order order = owned.get();
        expected.checkIfGiven(order.version());
        Set<String> permissions = callers.permissions();
        PhaseTable table = table(org);
        refuse(
                table.refusal(order.phase(), order.heldFromPhase(), order.isPurchaseOrder(), to, permissions),
                table.targets(order.phase(), order.heldFromPhase(), order.isPurchaseOrder()));
        var unfinished = unfinishedConfigurations(order, to);
        if (!unfinished.isEmpty()) {
            throw new UnfinishedConfigurationException(to, unfinished);
        }
        String credit = creditRefusal(order, to);
        if (credit != null && !permissions.contains(OVERRIDE_CREDIT)) {
            throw new ForbiddenException(credit + "; only holders of " + OVERRIDE_CREDIT + " may pass it");
        }
        return move(order, to, why);
    }

    /** Puts the order ON_HOLD; it remembers the phase it left. */
    @Transactional
    public Order hold(UUID orderId, String reason, ExpectedVersion expected) {
        return transition(orderId, OrderPhase.ON_HOLD, reason, expected);
    }

    /** Takes an order ON_HOLD back to the phase it left. */
    @Transactional
    public Order resume(UUID orderId, String reason, ExpectedVersion expected) {
        Order order = visible(orderId);
        if (order.phase() != OrderPhase.ON_HOLD) {
            throw new IllegalTransitionException("The order is " + order.phase() + ", not ON_HOLD", Set.of());
        }
        return transition(orderId, order.heldFromPhase(), reason, expected);
    }

    /**
     * Cancels the order: the factory with {@code orders:transition} (as the table allows), or the brand of a purchase
     * order while it is a DRAFT.
     */
    @Transactional
    public Order cancel(UUID orderId, String reason, ExpectedVersion expected) {
        UUID org = TenantContext.requireOrgId();
        if (visible(orderId).orgId().equals(org) && !callers.permissions().contains(TRANSITION)) {
            throw new ForbiddenException("Cancelling an order of the organization needs " + TRANSITION);
        }
        return transition(orderId, OrderPhase.CANCELLED, reason, expected);
    }

    /** The factory accepts a brand's purchase order: DRAFT → CONFIGURATION. */
    @Transactional
    public Order acceptPurchaseOrder(UUID orderId, ExpectedVersion expected) {
        return acceptPurchaseOrder(orderId, null, expected);
    }

    /** The factory accepts a brand's purchase order, with a note for the history. */
    @Transactional
    public Order acceptPurchaseOrder(UUID orderId, String note, ExpectedVersion expected) {
        String why = reason(note, false);
        Order order = undecidedPurchaseOrder(orderId, expected);
        refuse(table(order.orgId()).decision(OrderPhase.CONFIGURATION, callers.permissions()), Set.of());
        return move(order, OrderPhase.CONFIGURATION, why);
    }

    /** The factory refuses a brand's purchase order, saying why: it is cancelled with the reason. */
    @Transactional
    public Order rejectPurchaseOrder(UUID orderId, String reason, ExpectedVersion expected) {
        String why = reason(reason, true);
        Order order = undecidedPurchaseOrder(orderId, expected);
        refuse(table(order.orgId()).decision(OrderPhase.CANCELLED, callers.permissions()), Set.of());
        order.reject(why);
        return move(order, OrderPhase.CANCELLED, why);
    }

    // --- reading ---------------------------------------------------------------------------------------------

    /**
     * Every phase other than the order's own, and whether the caller may move the order there now: for the board's
     * columns and the order page's actions.
     */
    @Transactional(readOnly = true)
    public List<Target> allowedTargets(UUID orderId) {
        UUID org = TenantContext.requireOrgId();
        Order order = visible(orderId);
        Set<String> permissions = callers.permissions();
        List<Target> targets = new ArrayList<>();
        PhaseTable table = order.orgId().equals(org) ? table(org) : null;
        for (OrderPhase to : OrderPhase.values()) {
            if (to != order.phase()) {
                targets.add(target(order, to, table, permissions));
            }
        }
        return targets;
    }

    /** The order's phase history, oldest first, from its creation on. */
    @Transactional(readOnly = true)
    public List<PhaseChange> history(UUID orderId) {
        visible(orderId);
        return changes.findOfOrder(orderId, TenantContext.requireOrgId());
    }

    // --- the organization's rules ----------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public RuleSet rules() {
        List<Rule> current = rules.of(TenantContext.requireOrgId());
        return new RuleSet(current, version(current));
    }

    /**
     * Replaces the organization's rules. Each names a transition of the default table (a rule can only tighten
     * it) at most once, and either disables it or names the permission it needs.
     */
    @Transactional
    public RuleSet replaceRules(List<Rule> replacement, ExpectedVersion expected) {
        UUID org = TenantContext.requireOrgId();
        List<Rule> valid = valid(replacement == null ? List.of() : replacement);
        rules.lock(org);
        expected.require(version(rules.of(org)));
        rules.replace(org, valid);
        return new RuleSet(valid, version(valid));
    }

    // --- the rules of a move ---------------------------------------------------------------------------------

    private Order move(Order order, OrderPhase to, String reason) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (at.isBefore(order.phaseEnteredAt())) {
            at = order.phaseEnteredAt(); // the clock stepped back: the history stays in order and adds up
        }
        OrderPhase from = order.phase();
        Duration spent = order.moveTo(to, at, to == OrderPhase.DELIVERED ? today() : null);
        Order saved = orders.saveAndFlush(order);
        UUID actor = TenantContext.actorId().orElse(null);
        changes.save(new PhaseChange(saved, from, to, actor, reason, at, spent));
        events.publishEvent(new OrderPhaseChanged(
                saved.id(), saved.orgId(), saved.brandOrgId(), from, to, reason, actor, at, spent));
        return saved;
    }

    private Order cancelAsBrand(UUID orderId, UUID org, String reason, ExpectedVersion expected) {
        // row-level security lets the brand lock (and so change) only its purchase orders still in DRAFT
        List<Order> draft = em.createQuery(
                        "select o from Order o where o.id = :id and o.brandOrgId = :org", Order.class)
                .setParameter("id", orderId)
                .setParameter("org", org)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (draft.isEmpty() || draft.getFirst().phase() != OrderPhase.DRAFT) {
            Order seen = visible(orderId); // 404 for strangers
            throw new IllegalTransitionException(
                    "The brand may cancel its purchase order only while it is a DRAFT; it is " + seen.phase(),
                    Set.of());
        }
        Order order = draft.getFirst();
        expected.checkIfGiven(order.version());
        return move(order, OrderPhase.CANCELLED, reason);
    }

    private Order undecidedPurchaseOrder(UUID orderId, ExpectedVersion expected) {
        UUID org = TenantContext.requireOrgId();
        Order order =
                orders.lockOwned(orderId, org).orElseThrow(() -> refusedToBrand(orderId, "accepts or rejects it"));
        expected.checkIfGiven(order.version());
        if (!order.isPurchaseOrder()) {
            throw new ConflictException("The order is not a purchase order; it has nothing to accept or reject");
        }
        if (order.phase() != OrderPhase.DRAFT) {
            throw new IllegalTransitionException(
                    "The purchase order was decided already: it is " + order.phase(), Set.of());
        }
        return order;
    }

    /** 403 for the brand of a purchase order, which sees it but may not do this; 404 for anyone else. */
    private RuntimeException refusedToBrand(UUID orderId, String what) {
        visible(orderId);
        return new ForbiddenException("Only the factory a purchase order is addressed to " + what);
    }

    private Target target(Order order, OrderPhase to, PhaseTable table, Set<String> permissions) {
        if (table == null) {
            boolean cancellable = to == OrderPhase.CANCELLED && order.phase() == OrderPhase.DRAFT;
            return cancellable
                    ? new Target(to, true, null)
                    : new Target(to, false, "Only the factory a purchase order is addressed to moves its phases");
        }
        if (!permissions.contains(TRANSITION)) {
            return new Target(to, false, "Moving orders between phases needs " + TRANSITION);
        }
        Refusal refusal = table.refusal(order.phase(), order.heldFromPhase(), order.isPurchaseOrder(), to, permissions);
        if (refusal != null) {
            return new Target(to, false, refusal.detail());
        }
        var unfinished = unfinishedConfigurations(order, to);
        if (!unfinished.isEmpty()) {
            return new Target(to, false, UnfinishedConfigurationException.detail(to, unfinished));
        }
        String credit = creditRefusal(order, to);
        if (credit != null && !permissions.contains(OVERRIDE_CREDIT)) {
            return new Target(to, false, credit + "; only holders of " + OVERRIDE_CREDIT + " may pass it");
        }
        return new Target(to, true, null);
    }

    private List<ConfigurationGate.Checked> unfinishedConfigurations(Order order, OrderPhase to) {
        return ConfigurationGate.guards(order.phase(), to) ? gate.unfinished(order) : List.of();
    }

    private static void refuse(Refusal refusal, Set<OrderPhase> allowed) {
        switch (refusal) {
            case null -> {}
            case NotInTable n -> throw new IllegalTransitionException(n.detail(), allowed);
            case NeedsPermission p -> throw new ForbiddenException(p.detail());
        }
    }

    /**
     * Why an order may not pass APPROVAL → PRODUCTION without an override: its customer is BLOCKED, or the totals
     * of the customer's open orders (this one included) exceed its credit limit. Null when nothing stands against it.
     */
    private String creditRefusal(Order order, OrderPhase to) {
        if (order.phase() != OrderPhase.APPROVAL || to != OrderPhase.PRODUCTION || order.customerId() == null) {
            return null;
        }
        var standing = standings.standingOf(order.customerId()).orElse(null);
        if (standing == null) {
            return null;
        }
        if (standing.isBlocked()) {
            return "The customer " + standing.name() + " is BLOCKED";
        }
        if (standing.creditLimit() == null) {
            return null;
        }
        BigDecimal open = em.createQuery("""
                        select coalesce(sum(o.total), 0) from Order o
                         where o.orgId = :org and o.customerId = :customer and o.phase in :open""", BigDecimal.class)
                .setParameter("org", order.orgId())
                .setParameter("customer", order.customerId())
                .setParameter("open", OPEN)
                .getSingleResult();
        if (open.compareTo(standing.creditLimit()) > 0) {
            return "The open orders of " + standing.name() + " total "
                    + open.stripTrailingZeros().toPlainString()
                    + ", over its credit limit of "
                    + standing.creditLimit().stripTrailingZeros().toPlainString();
        }
        return null;
    }

    private PhaseTable table(UUID org) {
        return new PhaseTable(rules.of(org));
    }

    private Order visible(UUID orderId) {
        return orders.findVisible(orderId, TenantContext.requireOrgId())
                .orElseThrow(() -> NotFoundException.of("Order", orderId));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.of(settings.current().timezone())));
    }

    private static String reason(String reason, boolean required) {
        String trimmed = reason == null || reason.isBlank() ? null : reason.trim();
        if (trimmed == null && required) {
            throw new ValidationException("reason", "is required");
        }
        if (trimmed != null && trimmed.length() > MAX_REASON) {
            throw new ValidationException("reason", "must be at most " + MAX_REASON + " characters");
        }
        return trimmed;
    }

    private List<Rule> valid(List<Rule> replacement) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < replacement.size(); i++) {
            Rule rule = replacement.get(i);
            String at = "rules[" + i + "]";
            if (rule == null || rule.from() == null || rule.to() == null) {
                errors.add(new FieldError(at, "must name from_phase and to_phase"));
            } else if (!PhaseTable.isDefault(rule.from(), rule.to())) {
                errors.add(new FieldError(
                        at,
                        rule.from() + " → " + rule.to() + " is not a transition of the default table; rules only"
                                + " tighten it"));
            } else if (!seen.add(rule.from() + ">" + rule.to())) {
                errors.add(new FieldError(at, rule.from() + " → " + rule.to() + " is named twice"));
            } else if (!rule.disabled() && rule.requiredPermission() == null) {
                errors.add(
                        new FieldError(at + ".required_permission", "is required unless the transition is disabled"));
            } else if (rule.requiredPermission() != null && !catalogue.isKnown(rule.requiredPermission())) {
                errors.add(new FieldError(at + ".required_permission", "is not a permission"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return replacement.stream().sorted(PhaseRules.ORDER).toList();
    }

    /** A stable fingerprint of a rule set, its ETag: the same rules give the same version on every node. */
    static long version(List<Rule> rules) {
        var crc = new CRC32();
        for (Rule rule : rules.stream().sorted(PhaseRules.ORDER).toList()) {
            crc.update((rule.from() + ">" + rule.to() + ":" + rule.disabled() + ":" + rule.requiredPermission() + ";")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return crc.getValue();
    }
}
