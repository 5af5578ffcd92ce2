package io.traveler.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.inventory.internal.Ledger.Posted;
import io.traveler.inventory.internal.StockQueries;
import io.traveler.shared.errors.ConflictException;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.SpringForJqwik;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
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
 * Generated sequences of receipts and issues of one part, through the ledger, against a stock kept here: FIFO layers
 * (each receipt a lot, issues from the oldest, valued at the layers' costs) and a moving average (re-weighted by every
 * receipt, rounded half up to six places, unchanged by issues). An issue the model cannot fill must be refused.
 */
@ApplicationTest
class CostingProperties {
    @Autowired
    ApplicationContext context;

    @Autowired
    StockQueries queries;

    Stockroom room;

    @BeforeProperty
    void inTheApplication() {
        SpringForJqwik.inject(this);
        room = new Stockroom(context, Tenants.in(context).organization("FACTORY"));
    }

    /** A receipt of {@code quantity} at {@code cost}, or an issue of {@code quantity}. */
    record Step(boolean receipt, BigDecimal quantity, BigDecimal cost) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> receipt = Combinators.combine(
                        Arbitraries.integers().between(1, 50_000),
                        Arbitraries.integers().between(0, 99_999))
                .as((q, c) -> new Step(true, BigDecimal.valueOf(q, 3), BigDecimal.valueOf(c, 2)));
        Arbitrary<Step> issue =
                Arbitraries.integers().between(1, 60_000).map(q -> new Step(false, BigDecimal.valueOf(q, 3), null));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, receipt), net.jqwik.api.Tuple.of(1, issue))
                .list()
                .ofMinSize(1)
                .ofMaxSize(10);
    }

    /** What is left of one receipt. */
    static final class Layer {
        final UUID lotId;
        BigDecimal quantity;
        final BigDecimal cost;

        Layer(UUID lotId, BigDecimal quantity, BigDecimal cost) {
            this.lotId = lotId;
            this.quantity = quantity;
            this.cost = cost;
        }
    }

    @Property(tries = 40)
    void fifoIssuesTheOldestLayersAtTheirCostsAndValuesWhatIsLeftAtTheirs(@ForAll("steps") List<Step> steps) {
        room.execute("""
                insert into inventory.settings (org_id, costing_method, updated_at) values (?, 'FIFO', now())
                on conflict (org_id) do nothing""", room.member().orgId());
        UUID part = room.part("0");
        UUID bin = room.location();
        Deque<Layer> layers = new ArrayDeque<>();
        for (Step step : steps) {
            if (step.receipt()) {
                Posted posted = room.receive(
                        part, bin, step.quantity().toPlainString(), step.cost().toPlainString());
                layers.addLast(new Layer(posted.lotId(), step.quantity(), step.cost()));
                continue;
            }
            BigDecimal available = layers.stream().map(l -> l.quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (available.compareTo(step.quantity()) < 0) {
                assertThatThrownBy(() -> room.ledger(l -> l.issue(part, bin, step.quantity(), null)))
                        .isInstanceOf(ConflictException.class);
                continue;
            }
            List<Posted> issued = room.ledger(l -> l.issue(part, bin, step.quantity(), null));
            BigDecimal left = step.quantity();
            int line = 0;
            while (left.signum() > 0) {
                Layer oldest = layers.peekFirst();
                BigDecimal taken = oldest.quantity.min(left);
                Posted posted = issued.get(line++);
                assertThat(posted.lotId()).isEqualTo(oldest.lotId);
                assertThat(posted.quantity()).isEqualByComparingTo(taken);
                assertThat(posted.unitCost()).isEqualByComparingTo(oldest.cost);
                oldest.quantity = oldest.quantity.subtract(taken);
                left = left.subtract(taken);
                if (oldest.quantity.signum() == 0) {
                    layers.removeFirst();
                }
            }
            assertThat(issued).hasSize(line);
        }
        BigDecimal onHand = layers.stream().map(l -> l.quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal value =
                layers.stream().map(l -> l.quantity.multiply(l.cost)).reduce(BigDecimal.ZERO, BigDecimal::add);
        var valuation = room.as(() -> queries.valuation(part));
        assertThat(valuation.costingMethod()).isEqualTo("FIFO");
        assertThat(valuation.onHand()).isEqualByComparingTo(onHand);
        assertThat(valuation.value()).isEqualByComparingTo(value);
        assertThat(room.ledgerOnHand(part)).isEqualByComparingTo(onHand);
    }

    @Property(tries = 40)
    void theMovingAverageIsReweightedByReceiptsAndChargedToIssues(@ForAll("steps") List<Step> steps) {
        UUID part = room.part("0");
        UUID bin = room.location();
        BigDecimal onHand = BigDecimal.ZERO;
        BigDecimal average = BigDecimal.ZERO;
        for (Step step : steps) {
            if (step.receipt()) {
                room.receive(
                        part, bin, step.quantity().toPlainString(), step.cost().toPlainString());
                average = onHand.multiply(average)
                        .add(step.quantity().multiply(step.cost()))
                        .divide(onHand.add(step.quantity()), 6, RoundingMode.HALF_UP);
                onHand = onHand.add(step.quantity());
            } else if (onHand.compareTo(step.quantity()) < 0) {
                assertThatThrownBy(() -> room.ledger(l -> l.issue(part, bin, step.quantity(), null)))
                        .isInstanceOf(ConflictException.class);
            } else {
                List<Posted> issued = room.ledger(l -> l.issue(part, bin, step.quantity(), null));
                BigDecimal charged = average;
                assertThat(issued).allSatisfy(p -> assertThat(p.unitCost()).isEqualByComparingTo(charged));
                assertThat(issued.stream().map(Posted::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                        .isEqualByComparingTo(step.quantity());
                onHand = onHand.subtract(step.quantity());
            }
            assertThat(room.totals(part).averageCost()).isEqualByComparingTo(average);
        }
        var valuation = room.as(() -> queries.valuation(part));
        assertThat(valuation.costingMethod()).isEqualTo("MOVING_AVERAGE");
        assertThat(valuation.onHand()).isEqualByComparingTo(onHand);
        assertThat(valuation.averageCost()).isEqualByComparingTo(average);
        assertThat(valuation.value())
                .isEqualByComparingTo(onHand.multiply(average).setScale(6, RoundingMode.HALF_UP));
    }
}
