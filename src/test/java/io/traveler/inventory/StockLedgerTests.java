package io.traveler.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.inventory.internal.Ledger.Posted;
import io.traveler.inventory.internal.Ledger.Receipt;
import io.traveler.inventory.internal.Ledger.Reference;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** The ledger as the other modules call it: balances follow movements, never go negative, and stay the ledger's sum. */
@ApplicationTest
@RecordApplicationEvents
class StockLedgerTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    ApplicationEvents events;

    Stockroom room;
    UUID part;
    UUID bin;

    @BeforeEach
    void setUp() {
        room = new Stockroom(context, Tenants.in(context).organization("FACTORY"));
        part = room.part("2.50");
        bin = room.location();
    }

    static BigDecimal n(String value) {
        return new BigDecimal(value);
    }

    @Test
    void aReceiptMakesALotABalanceAMovementAndTheAverageCost() {
        Posted posted = room.ledger(l -> l.receive(
                new Receipt(part, bin, n("10"), "L-1", n("3"), null, null, Reference.of("OTHER", UUID.randomUUID()))));
        room.receive(part, bin, "30", "5");

        assertThat(posted.kind()).isEqualTo("RECEIPT");
        assertThat(posted.lotNumber()).isEqualTo("L-1");
        assertThat(posted.toLocationId()).isEqualTo(bin);
        assertThat(room.onHand(part, bin)).isEqualByComparingTo("40");
        var totals = room.totals(part);
        assertThat(totals.onHand()).isEqualByComparingTo("40");
        assertThat(totals.averageCost()).isEqualByComparingTo("4.5");
        assertThat(room.ledgerOnHand(part)).isEqualByComparingTo("40");
    }

    @Test
    void aReceiptOfAKnownLotNumberAddsToThatLotAtTheWeightedCost() {
        room.ledger(l -> l.receive(new Receipt(part, bin, n("10"), "L-7", n("2"), null, null, null)));
        Posted second = room.ledger(l -> l.receive(new Receipt(part, bin, n("30"), "L-7", n("6"), null, null, null)));

        assertThat(room.count("select count(*) from inventory.lots where part_id = ?", part))
                .isEqualTo(1);
        BigDecimal cost = room.read(jdbc -> jdbc.sql("select unit_cost from inventory.lots where id = ?")
                .param(second.lotId())
                .query(BigDecimal.class)
                .single());
        assertThat(cost).isEqualByComparingTo("5");
    }

    @Test
    void aReceiptWithoutCostTakesThePartsStandardCost() {
        Posted posted = room.ledger(l -> l.receive(new Receipt(part, bin, n("4"), null, null, null, null, null)));

        assertThat(posted.unitCost()).isEqualByComparingTo("2.50");
        assertThat(posted.lotNumber()).startsWith("LOT-");
    }

    @Test
    void issuesTakeTheEarliestLotsFirstAndRefuseWhatWouldGoBelowZero() {
        Posted first = room.receive(part, bin, "5", "1");
        Posted second = room.receive(part, bin, "5", "3");

        List<Posted> issued = room.ledger(l -> l.issue(part, bin, n("7"), Reference.of("PROJECT", UUID.randomUUID())));

        assertThat(issued).extracting(Posted::lotId).containsExactly(first.lotId(), second.lotId());
        assertThat(issued)
                .extracting(Posted::quantity)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(n("5"), n("2"));
        assertThat(issued).allSatisfy(p -> assertThat(p.unitCost()).isEqualByComparingTo("2"));
        assertThatThrownBy(() -> room.ledger(l -> l.issue(part, bin, n("3.5"), null)))
                .isInstanceOf(ConflictException.class);
        assertThat(room.onHand(part, bin)).isEqualByComparingTo("3");
        assertThat(room.ledgerOnHand(part)).isEqualByComparingTo("3");
        assertThat(room.count("select count(*) from inventory.movements where part_id = ?", part))
                .isEqualTo(4);
    }

    @Test
    void fifoCostingValuesAnIssueAtItsLotsOwnCosts() {
        room.execute("""
                insert into inventory.settings (org_id, costing_method, updated_at)
                values (?, 'FIFO', now())""", room.member().orgId());
        room.receive(part, bin, "5", "1");
        room.receive(part, bin, "5", "3");

        List<Posted> issued = room.ledger(l -> l.issue(part, bin, n("7"), null));

        assertThat(issued).extracting(p -> p.unitCost().stripTrailingZeros()).containsExactly(n("1"), n("3"));
    }

    @Test
    void anotherOrganizationsPartLocationOrLotIsNotFoundAndWritesNothing() {
        Stockroom other = new Stockroom(context, Tenants.in(context).organization("FACTORY"));
        UUID theirPart = other.part("1");
        UUID theirBin = other.location();
        Posted theirs = other.receive(theirPart, theirBin, "5", "1");

        assertThatThrownBy(() -> room.receive(theirPart, bin, "1", "1")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> room.receive(part, theirBin, "1", "1")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> room.ledger(l -> l.issue(theirPart, theirBin, n("1"), null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> room.ledger(l -> l.returnToStock(theirs.lotId(), bin, n("1"), null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> room.ledger(l -> l.release(theirs.lotId(), bin, n("1"), null)))
                .isInstanceOf(NotFoundException.class);
        assertThat(room.count("select count(*) from inventory.movements")).isZero();
        assertThat(other.onHand(theirPart, theirBin)).isEqualByComparingTo("5");
    }

    @Test
    void aQuantityThatIsNotPositiveIsInvalid() {
        assertThatThrownBy(() -> room.receive(part, bin, "0", "1"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("quantity"));
        assertThatThrownBy(() -> room.ledger(l -> l.issue(part, bin, n("-1"), null)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> room.ledger(l -> l.adjust(part, null, bin, BigDecimal.ZERO, "count", null)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> room.ledger(l -> l.adjust(part, null, bin, BigDecimal.ONE, " ", null)))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("reason"));
    }

    @Test
    void aTransferMovesLotsBetweenLocationsAndLeavesReservedStockWhereItIs() {
        UUID shelf = room.location();
        Posted lot = room.receive(part, bin, "10", "2");
        room.ledger(l -> l.reserve(part, bin, n("4"), Reference.of("PROJECT", UUID.randomUUID())));

        assertThatThrownBy(() -> room.ledger(l -> l.transfer(part, null, bin, shelf, n("7"))))
                .isInstanceOf(ConflictException.class);
        List<Posted> moved = room.ledger(l -> l.transfer(part, lot.lotId(), bin, shelf, n("6")));

        assertThat(moved).singleElement().satisfies(p -> {
            assertThat(p.fromLocationId()).isEqualTo(bin);
            assertThat(p.toLocationId()).isEqualTo(shelf);
        });
        assertThat(room.onHand(part, bin)).isEqualByComparingTo("4");
        assertThat(room.onHand(part, shelf)).isEqualByComparingTo("6");
        assertThat(room.totals(part).onHand()).isEqualByComparingTo("10");
    }

    @Test
    void reservationsHoldStockBackFromIssuesUntilReleasedOrIssued() {
        Posted lot = room.receive(part, bin, "10", "2");
        Reference project = Reference.of("PROJECT", UUID.randomUUID());

        List<Posted> reserved = room.ledger(l -> l.reserve(part, null, n("15"), project));

        assertThat(reserved)
                .extracting(Posted::quantity)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(n("10"));
        List<Posted> none = room.ledger(l -> l.reserve(part, null, n("1"), project));
        assertThat(none).isEmpty();
        assertThatThrownBy(() -> room.ledger(l -> l.issue(part, bin, n("1"), null)))
                .isInstanceOf(ConflictException.class);

        room.ledger(l -> l.release(lot.lotId(), bin, n("3"), project));
        List<Posted> issued = room.ledger(l -> l.issueReserved(lot.lotId(), bin, n("7"), project));

        assertThat(issued).extracting(Posted::kind).containsExactly("RELEASE", "ISSUE");
        assertThatThrownBy(() -> room.ledger(l -> l.issueReserved(lot.lotId(), bin, n("1"), project)))
                .isInstanceOf(ConflictException.class);
        var totals = room.totals(part);
        assertThat(totals.onHand()).isEqualByComparingTo("3");
        assertThat(totals.reserved()).isEqualByComparingTo("0");
        assertThat(room.ledgerOnHand(part)).isEqualByComparingTo("3");
    }

    @Test
    void adjustmentsDamageAndReturnsMoveStockWithTheirReasons() {
        Posted lot = room.receive(part, bin, "10", "2");
        Reference project = Reference.of("PROJECT", UUID.randomUUID());

        room.ledger(l -> l.adjust(part, null, bin, n("2"), "found behind the rack", null));
        room.ledger(l -> l.adjust(part, lot.lotId(), bin, n("-1"), "count", null));
        room.ledger(l -> l.damage(part, null, bin, n("3"), "water"));
        room.ledger(l -> l.issue(part, bin, n("4"), project));
        assertThatThrownBy(() -> room.ledger(l -> l.returnToStock(lot.lotId(), bin, n("5"), project)))
                .isInstanceOf(ConflictException.class);
        room.ledger(l -> l.returnToStock(lot.lotId(), bin, n("4"), project));

        assertThat(room.onHand(part, bin)).isEqualByComparingTo("8");
        assertThat(room.ledgerOnHand(part)).isEqualByComparingTo("8");
        assertThat(room.count(
                        "select count(*) from inventory.movements where part_id = ? and reason is not null", part))
                .isEqualTo(3);
    }

    @Test
    void anAdjustmentUpOfAPartWithoutStockMakesALotAtItsStandardCost() {
        List<Posted> found = room.ledger(l -> l.adjust(part, null, bin, n("3"), "found", null));

        assertThat(found).singleElement().satisfies(p -> assertThat(p.unitCost())
                .isEqualByComparingTo("2.5"));
        assertThat(room.totals(part).averageCost()).isEqualByComparingTo("2.5");
    }

    @Test
    void stockLowIsAnnouncedOnceWhenAvailableStockCrossesTheReorderPoint() {
        room.receive(part, bin, "10", "1");
        room.execute(
                "update inventory.part_stock set reorder_point = 5, reorder_quantity = 20 where part_id = ?", part);

        room.ledger(l -> l.issue(part, bin, n("4"), null));
        assertThat(events.stream(StockLow.class)).isEmpty();
        room.ledger(l -> l.issue(part, bin, n("1"), null));
        room.ledger(l -> l.issue(part, bin, n("1"), null));
        assertThat(events.stream(StockLow.class)).singleElement().satisfies(low -> {
            assertThat(low.partId()).isEqualTo(part);
            assertThat(low.available()).isEqualByComparingTo("5");
            assertThat(low.reorderQuantity()).isEqualByComparingTo("20");
        });
        assertThat(room.totals(part).low()).isTrue();

        room.receive(part, bin, "10", "1");
        assertThat(room.totals(part).low()).isFalse();
        room.ledger(l -> l.reserve(part, null, n("10"), Reference.of("PROJECT", UUID.randomUUID())));
        assertThat(events.stream(StockLow.class)).hasSize(2);
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteTheLedger() {
        room.receive(part, bin, "1", "1");

        assertThatThrownBy(() -> room.execute("update inventory.movements set quantity = 2"))
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> room.execute("delete from inventory.movements"))
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void theApplicationMayNotDeleteWhatFollowsTheLedgerNorRewriteTheUnitsTrace() {
        room.receive(part, bin, "1", "1");

        for (String table : new String[] {
            "inventory.lots",
            "inventory.balances",
            "inventory.part_stock",
            "inventory.settings",
            "inventory.reservations",
            "inventory.shortfalls",
            "production.unit_materials"
        }) {
            assertThatThrownBy(() -> room.execute("delete from " + table))
                    .as(table)
                    .rootCause()
                    .hasMessageContaining("permission denied");
        }
        assertThatThrownBy(() -> room.execute("update production.unit_materials set quantity = 0"))
                .rootCause()
                .hasMessageContaining("permission denied");
    }
}
