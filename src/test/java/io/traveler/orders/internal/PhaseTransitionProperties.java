package io.traveler.orders.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.orders.OrderPhase;
import io.traveler.orders.internal.PhaseTable.Rule;
import io.traveler.shared.errors.ForbiddenException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.SpringForJqwik;
import io.traveler.testing.Tenants;
import io.traveler.testing.Tenants.Member;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The state machine through the real service and database: random rules of the organization and random walks of
 * moves by a member holding {@code orders:transition} only. Every move the service lets through is one the
 * written-out table allows and every refusal one it forbids; the stored history has one row per change, chained,
 * and its times in phase add up to the time from the creation to the last change.
 */
@ApplicationTest
class PhaseTransitionProperties {
    private static final String NOT_HELD = "orders:override_credit";

    @Autowired
    ApplicationContext context;

    @Autowired
    PhaseTransitions transitions;

    Member admin;
    Member mover;
    UUID customer;
    TransitionFixtures fixtures;

    @BeforeProperty
    void inTheApplication() {
        SpringForJqwik.inject(this);
        var tenants = Tenants.in(context);
        admin = tenants.organization("FACTORY");
        mover = tenants.memberWith(admin, "orders:read", "orders:transition");
        fixtures = TransitionFixtures.of(context);
        customer = fixtures.customer(admin, null, null);
    }

    /** A random target, or (a {@code legalPick}) the {@code pick}-th one the written-out table allows. */
    record Step(OrderPhase to, boolean legalPick, int pick) {}

    record Walk(List<Rule> rules, List<Step> steps) {}

    @Provide
    Arbitrary<Walk> walks() {
        Arbitrary<Rule> rule = Combinators.combine(
                        Arbitraries.of(OrderPhase.class), Arbitraries.of(OrderPhase.class), Arbitraries.of(true, false))
                .as((from, to, disabled) -> new Rule(from, to, disabled, disabled ? null : NOT_HELD))
                .filter(r -> PhaseTable.isDefault(r.from(), r.to()));
        return Combinators.combine(
                        rule.list().ofMaxSize(4).uniqueElements(r -> r.from() + ">" + r.to()),
                        Combinators.combine(
                                        Arbitraries.of(OrderPhase.class),
                                        Arbitraries.of(true, false),
                                        Arbitraries.integers().between(0, 9))
                                .as(Step::new)
                                .list()
                                .ofSize(25))
                .as(Walk::new);
    }

    @Property(tries = 20)
    void theServiceMovesExactlyAsTheTableSaysAndKeepsACompleteHistory(@ForAll("walks") Walk walk) {
        admin.run(() -> transitions.replaceRules(walk.rules(), ExpectedVersion.any()));
        Order order = fixtures.customerOrder(admin, customer, BigDecimal.ONE);
        int moves = 0;
        Set<String> held = Set.of("orders:read", "orders:transition");
        for (Step step : walk.steps()) {
            List<OrderPhase> legalTargets = PhaseTableProperties.legalTargets(walk.rules(), order, held);
            if (legalTargets.isEmpty()) {
                break;
            }
            OrderPhase to = step.legalPick() ? legalTargets.get(step.pick() % legalTargets.size()) : step.to();
            boolean legal = legalTargets.contains(to);
            UUID id = order.id();
            try {
                order = mover.call(() -> transitions.transition(id, to, "walk", ExpectedVersion.none()));
                assertThat(legal)
                        .as("%s let through under %s", to, walk.rules())
                        .isTrue();
                assertThat(order.phase()).isEqualTo(to);
                moves++;
            } catch (IllegalTransitionException | ForbiddenException refused) {
                assertThat(legal)
                        .as("%s refused (%s) under %s", to, refused.getMessage(), walk.rules())
                        .isFalse();
            }
        }
        UUID orderId = order.id();
        List<PhaseChange> history = admin.call(() -> transitions.history(orderId));
        assertThat(history).hasSize(1 + moves);
        assertThat(history.getLast().toPhase()).isEqualTo(order.phase());
        PhaseTableProperties.check(history);
    }
}
