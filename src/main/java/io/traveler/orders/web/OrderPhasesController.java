package io.traveler.orders.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.orders.OrderPhase;
import io.traveler.orders.internal.Order;
import io.traveler.orders.internal.PhaseChange;
import io.traveler.orders.internal.PhaseTable.Rule;
import io.traveler.orders.internal.PhaseTransitions;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Orders")
@RestController
class OrderPhasesController {
    private final PhaseTransitions transitions;

    OrderPhasesController(PhaseTransitions transitions) {
        this.transitions = transitions;
    }

    /** Where an order stands after a move. */
    record PhaseView(
            UUID id,
            String code,
            OrderPhase phase,
            OrderPhase heldFromPhase,
            Instant phaseEnteredAt,
            String rejectionReason,
            long version) {
        static ResponseEntity<PhaseView> of(Order o) {
            return Versions.ok(
                    o.version(),
                    new PhaseView(
                            o.id(),
                            o.code(),
                            o.phase(),
                            o.heldFromPhase(),
                            o.phaseEnteredAt(),
                            o.rejectionReason(),
                            o.version()));
        }
    }

    /** One phase change; {@code time_in_phase} is the seconds spent in the phase left (null for the creation). */
    record HistoryItem(
            UUID id,
            OrderPhase fromPhase,
            OrderPhase toPhase,
            UUID actorId,
            Instant at,
            String reason,
            BigDecimal timeInPhase) {
        static HistoryItem of(PhaseChange c) {
            return new HistoryItem(
                    c.id(), c.fromPhase(), c.toPhase(), c.actorId(), c.at(), c.reason(), seconds(c.timeInPhase()));
        }

        private static BigDecimal seconds(Duration d) {
            return d == null ? null : BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
        }
    }

    record TargetView(OrderPhase phase, boolean allowed, String refusal) {}

    record TransitionBody(
            @NotNull OrderPhase toPhase,
            @Size(max = PhaseTransitions.MAX_REASON) String reason) {}

    record ReasonBody(
            @Size(max = PhaseTransitions.MAX_REASON) String reason) {}

    record RuleBody(
            @NotNull OrderPhase fromPhase,
            @NotNull OrderPhase toPhase,
            Boolean disabled,
            @Size(min = 1, max = 100) String requiredPermission) {
        /** Left out, {@code disabled} is false: the rule reserves the move to {@code required_permission}. */
        Rule rule() {
            return new Rule(fromPhase, toPhase, Boolean.TRUE.equals(disabled), requiredPermission);
        }

        static RuleBody of(Rule r) {
            return new RuleBody(r.from(), r.to(), r.disabled(), r.requiredPermission());
        }
    }

    record RulesBody(@NotNull @Size(max = 100) List<@NotNull @Valid RuleBody> rules) {}

    @Operation(
            summary = "Move an order to another phase",
            description = "409 when the organization's transition table has no such move (the problem names the"
                    + " allowed phases), 403 when a rule or the credit rule needs a permission the caller lacks.")
    @PostMapping("/api/orders/{id}/transition")
    @PreAuthorize("hasAuthority('orders:transition')")
    ResponseEntity<PhaseView> transition(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody TransitionBody body) {
        return PhaseView.of(transitions.transition(id, body.toPhase(), body.reason(), expected));
    }

    @Operation(summary = "Cancel an order (the brand: its purchase order while it is a DRAFT)")
    @PostMapping("/api/orders/{id}/cancel")
    @PreAuthorize("hasAuthority('orders:write')")
    ResponseEntity<PhaseView> cancel(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody(required = false) ReasonBody body) {
        return PhaseView.of(transitions.cancel(id, body == null ? null : body.reason(), expected));
    }

    @Operation(summary = "Accept a purchase order addressed to the organization (DRAFT → CONFIGURATION)")
    @PostMapping("/api/orders/{id}/accept")
    @PreAuthorize("hasAuthority('orders:accept')")
    ResponseEntity<PhaseView> accept(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody(required = false) ReasonBody body) {
        return PhaseView.of(transitions.acceptPurchaseOrder(id, body == null ? null : body.reason(), expected));
    }

    @Operation(summary = "Reject a purchase order addressed to the organization, with the reason (→ CANCELLED)")
    @PostMapping("/api/orders/{id}/reject")
    @PreAuthorize("hasAuthority('orders:accept')")
    ResponseEntity<PhaseView> reject(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody ReasonBody body) {
        return PhaseView.of(transitions.rejectPurchaseOrder(id, body.reason(), expected));
    }

    @Operation(summary = "An order's phase history, oldest first")
    @GetMapping("/api/orders/{id}/history")
    @PreAuthorize("hasAuthority('orders:read')")
    ItemList<HistoryItem> history(@PathVariable UUID id) {
        return new ItemList<>(
                transitions.history(id).stream().map(HistoryItem::of).toList(), null);
    }

    @Operation(summary = "The phases the caller may move an order to now, and why not for the others")
    @GetMapping("/api/orders/{id}/targets")
    @PreAuthorize("hasAuthority('orders:read')")
    ItemList<TargetView> targets(@PathVariable UUID id) {
        return new ItemList<>(
                transitions.allowedTargets(id).stream()
                        .map(t -> new TargetView(t.phase(), t.allowed(), t.refusal()))
                        .toList(),
                null);
    }

    @Operation(summary = "The organization's tightening of the default phase transition table")
    @GetMapping("/api/orders/phase-rules")
    @PreAuthorize("hasAuthority('orders:read')")
    ResponseEntity<RulesBody> rules() {
        return rulesView(transitions.rules());
    }

    @Operation(
            summary = "Replace the organization's phase rules",
            description = "Each rule names a transition of the default table once and disables it or names the"
                    + " permission it needs; rules never add a transition.")
    @PutMapping("/api/orders/phase-rules")
    @PreAuthorize("hasAuthority('orders:configure')")
    ResponseEntity<RulesBody> replaceRules(ExpectedVersion expected, @Valid @RequestBody RulesBody body) {
        return rulesView(transitions.replaceRules(
                body.rules().stream().map(RuleBody::rule).toList(), expected));
    }

    private static ResponseEntity<RulesBody> rulesView(PhaseTransitions.RuleSet set) {
        return Versions.ok(
                set.version(),
                new RulesBody(set.rules().stream().map(RuleBody::of).toList()));
    }
}
