package io.traveler.orders.internal;

import io.traveler.orders.OrderPhase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transitions an organization's orders may take: the default table of {@link OrderPhase}, narrowed by the
 * organization's rules (a transition disabled, or reserved to holders of a permission). A rule can only name a
 * transition of the default table, so the table is never widened. Pure: no database, no caller.
 */
public final class PhaseTable {
    /** One tightening of the default table: the transition is disabled, or needs {@code requiredPermission}. */
    public record Rule(OrderPhase from, OrderPhase to, boolean disabled, String requiredPermission) {}

    /** Why a move is refused: not in the (tightened) table, or the caller lacks the permission it needs. */
    public sealed interface Refusal {
        String detail();
    }

    public record NotInTable(String detail) implements Refusal {}

    public record NeedsPermission(String permission, String detail) implements Refusal {}

    private record Key(OrderPhase from, OrderPhase to) {}

    public static final PhaseTable DEFAULT = new PhaseTable(List.of());

    private final Map<Key, Rule> rules = new HashMap<>();

    public PhaseTable(Collection<Rule> rules) {
        for (Rule rule : rules) {
            this.rules.put(new Key(rule.from(), rule.to()), rule);
        }
    }

    public List<Rule> rules() {
        return List.copyOf(rules.values());
    }

    /**
     * Whether the default table has the transition for some order: what a rule may name. From ON_HOLD an order
     * resumes to whichever phase it left, so every phase that can be held is a resume target.
     */
    public static boolean isDefault(OrderPhase from, OrderPhase to) {
        if (from == OrderPhase.ON_HOLD) {
            return to == OrderPhase.CANCELLED || (OrderPhase.LINE.contains(to) && to != OrderPhase.DELIVERED);
        }
        return from.defaultTargets(null).contains(to);
    }

    /**
     * The phases an order may move to under this table, whoever asks. A purchase order's DRAFT belongs to the brand
     * until the factory accepts it ({@link #acceptable}) or rejects it, and once accepted it never returns to DRAFT.
     */
    public Set<OrderPhase> targets(OrderPhase phase, OrderPhase heldFrom, boolean purchaseOrder) {
        if (purchaseOrder && phase == OrderPhase.DRAFT) {
            return EnumSet.noneOf(OrderPhase.class);
        }
        Set<OrderPhase> targets = EnumSet.noneOf(OrderPhase.class);
        for (OrderPhase to : phase.defaultTargets(heldFrom)) {
            if (!(purchaseOrder && to == OrderPhase.DRAFT) && !isDisabled(phase, to)) {
                targets.add(to);
            }
        }
        return targets;
    }

    /** Why the caller holding {@code permissions} may not move the order to {@code to}; null when it may. */
    public Refusal refusal(
            OrderPhase phase, OrderPhase heldFrom, boolean purchaseOrder, OrderPhase to, Set<String> permissions) {
        Set<OrderPhase> targets = targets(phase, heldFrom, purchaseOrder);
        if (!targets.contains(to)) {
            return new NotInTable(notInTable(phase, to, purchaseOrder, targets));
        }
        return permissionRefusal(phase, to, permissions);
    }

    /**
     * The factory's decision on a purchase order in DRAFT: accepting it (→ CONFIGURATION) or rejecting it (→
     * CANCELLED), as far as the organization's rules allow that move.
     */
    public Refusal decision(OrderPhase to, Set<String> permissions) {
        if (isDisabled(OrderPhase.DRAFT, to)) {
            return new NotInTable("The organization's rules disable DRAFT → " + to);
        }
        return permissionRefusal(OrderPhase.DRAFT, to, permissions);
    }

    private Refusal permissionRefusal(OrderPhase from, OrderPhase to, Set<String> permissions) {
        Rule rule = rules.get(new Key(from, to));
        if (rule != null && rule.requiredPermission() != null && !permissions.contains(rule.requiredPermission())) {
            return new NeedsPermission(
                    rule.requiredPermission(),
                    "The organization's rules reserve " + from + " → " + to + " to holders of "
                            + rule.requiredPermission());
        }
        return null;
    }

    private boolean isDisabled(OrderPhase from, OrderPhase to) {
        Rule rule = rules.get(new Key(from, to));
        return rule != null && rule.disabled();
    }

    private static String notInTable(OrderPhase from, OrderPhase to, boolean purchaseOrder, Set<OrderPhase> targets) {
        String why = from == to ? "The order is already " + from : "An order cannot move from " + from + " to " + to;
        if (purchaseOrder && from == OrderPhase.DRAFT) {
            return why + ": a purchase order in DRAFT is the brand's until the factory accepts or rejects it";
        }
        if (targets.isEmpty()) {
            return why + ": " + from + " is final";
        }
        List<String> names = new ArrayList<>();
        targets.forEach(t -> names.add(t.name()));
        return why + "; allowed: " + String.join(", ", names);
    }
}
