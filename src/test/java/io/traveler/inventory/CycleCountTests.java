package io.traveler.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.inventory.internal.CycleCounts;
import io.traveler.inventory.internal.CycleCounts.Count;
import io.traveler.inventory.internal.CycleCounts.Counted;
import io.traveler.inventory.internal.CycleCounts.Line;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.StaleVersionException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A cycle count of a location lists what the ledger has there, takes counted quantities, and posts each difference
 * once as an ADJUSTMENT with the count's reason and reference CYCLE_COUNT, against the stock at posting time.
 */
@ApplicationTest
class CycleCountTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    CycleCounts counts;

    @LocalServerPort
    int port;

    Tenants.Member admin;
    StockFixtures room;
    UUID cloth;
    UUID thread;
    UUID bin;
    UUID rack;

    @BeforeEach
    void setUp() {
        admin = Tenants.in(context).organization("FACTORY");
        room = StockFixtures.of(context, admin);
        cloth = room.part("CLOTH-" + UUID.randomUUID().toString().substring(0, 6), "2.00");
        thread = room.part("THREAD-" + UUID.randomUUID().toString().substring(0, 6), "0.10");
        bin = room.location("BIN-1");
        rack = room.location("RACK-1");
    }

    @Test
    void aCountPostsItsDifferencesOnceAsAdjustmentsWithItsReason() {
        var lotA = room.receive(cloth, bin, "10", "A", "2.00");
        var lotB = room.receive(cloth, bin, "5", "B", "2.20");
        room.receive(cloth, rack, "7", "C", "2.10");

        Count opened = admin.call(() -> counts.open(bin, "Quarterly count"));
        assertThat(opened.lines())
                .extracting(
                        Line::lotNumber, l -> l.expected().stripTrailingZeros().toPlainString())
                .as("the bin's lots, not the rack's")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("A", "10"), org.assertj.core.groups.Tuple.tuple("B", "5"));

        Count counted = admin.call(() -> counts.record(
                opened.id(),
                List.of(
                        new Counted(null, lotA.lotId(), new BigDecimal("8")),
                        new Counted(null, lotB.lotId(), new BigDecimal("5")),
                        new Counted(thread, null, new BigDecimal("3"))),
                ExpectedVersion.of(opened.version())));
        assertThat(counted.lines()).hasSize(3);
        Count posted = admin.call(() -> counts.post(opened.id(), ExpectedVersion.of(counted.version())));

        assertThat(posted.status()).isEqualTo("POSTED");
        assertThat(room.onHand(lotA.lotId(), bin)).isEqualByComparingTo("8");
        assertThat(room.onHand(lotB.lotId(), bin)).isEqualByComparingTo("5");
        var movements = room.movementsOf(opened.id());
        assertThat(movements)
                .as("one decrease of lot A out of the bin, one increase of the thread into it; nothing for lot B")
                .hasSize(2)
                .allSatisfy(m -> {
                    assertThat(m.get(0)).isEqualTo("ADJUSTMENT");
                    assertThat(m.get(5)).isEqualTo("Quarterly count");
                    assertThat(m.get(6)).isEqualTo("CYCLE_COUNT");
                });
        assertThat(movements.get(0))
                .containsExactly(
                        "ADJUSTMENT",
                        lotA.lotId().toString(),
                        bin.toString(),
                        "null",
                        "2",
                        "Quarterly count",
                        "CYCLE_COUNT");
        assertThat(movements.get(1).subList(2, 5)).containsExactly("null", bin.toString(), "3");
        assertThat(posted.lines())
                .extracting(l -> l.difference() == null
                        ? null
                        : l.difference().stripTrailingZeros().toPlainString())
                .containsExactly("-2", "0", "3");

        assertThatThrownBy(() -> admin.call(() -> counts.post(opened.id(), ExpectedVersion.none())))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> admin.call(() -> counts.record(
                        opened.id(), List.of(new Counted(null, lotA.lotId(), BigDecimal.ONE)), ExpectedVersion.none())))
                .isInstanceOf(ConflictException.class);
        assertThat(room.movementsOf(opened.id())).as("posted once").hasSize(2);
        assertThat(room.onHand(lotA.lotId(), bin)).isEqualByComparingTo("8");
    }

    @Test
    void theDifferenceIsTakenAgainstTheStockWhenPostingNotWhenOpening() {
        var lot = room.receive(cloth, bin, "10", "A", "2.00");
        Count opened = admin.call(() -> counts.open(bin, null));
        assertThat(opened.reason()).isEqualTo(CycleCounts.DEFAULT_REASON);
        admin.run(() -> room.transactions()
                .executeWithoutResult(s -> room.ledger().issue(cloth, bin, new BigDecimal("4"), null)));

        admin.call(() -> counts.record(
                opened.id(), List.of(new Counted(null, lot.lotId(), new BigDecimal("6"))), ExpectedVersion.none()));
        Count posted = admin.call(() -> counts.post(opened.id(), ExpectedVersion.none()));

        assertThat(room.movementsOf(opened.id()))
                .as("the issue explains the whole difference")
                .isEmpty();
        assertThat(posted.lines().getFirst().difference()).isEqualByComparingTo("0");
        assertThat(room.onHand(lot.lotId(), bin)).isEqualByComparingTo("6");
    }

    @Test
    void uncountedLinesAndCancelledCountsChangeNothing() {
        var lot = room.receive(cloth, bin, "10", "A", "2.00");
        Count uncounted = admin.call(() -> counts.open(bin, null));
        admin.call(() -> counts.post(uncounted.id(), ExpectedVersion.none()));
        Count cancelled = admin.call(() -> counts.open(bin, null));
        admin.call(() -> counts.record(
                cancelled.id(), List.of(new Counted(null, lot.lotId(), BigDecimal.ZERO)), ExpectedVersion.none()));
        admin.call(() -> counts.cancel(cancelled.id(), ExpectedVersion.none()));

        assertThat(room.movementsOf(uncounted.id())).isEmpty();
        assertThat(room.movementsOf(cancelled.id())).isEmpty();
        assertThat(room.onHand(lot.lotId(), bin)).isEqualByComparingTo("10");
        assertThatThrownBy(() -> admin.call(() -> counts.post(cancelled.id(), ExpectedVersion.none())))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void anotherOrganizationsLocationCountOrLotIsRefusedAndAStaleCountIsNotOverwritten() {
        var lot = room.receive(cloth, bin, "10", "A", "2.00");
        Count mine = admin.call(() -> counts.open(bin, null));
        var stranger = Tenants.in(context).organization("FACTORY");
        var theirs = StockFixtures.of(context, stranger);
        UUID theirBin = theirs.location("BIN-1");
        UUID theirPart = theirs.part("X-1", "1");
        Count theirCount = stranger.call(() -> counts.open(theirBin, null));

        assertThatThrownBy(() -> stranger.call(() -> counts.open(bin, null))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> stranger.call(() -> counts.count(mine.id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> stranger.call(() -> counts.post(mine.id(), ExpectedVersion.none())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> stranger.call(() -> counts.record(
                        theirCount.id(),
                        List.of(new Counted(null, lot.lotId(), BigDecimal.ONE)),
                        ExpectedVersion.none())))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("lot");
        assertThatThrownBy(() -> admin.call(() -> counts.record(
                        mine.id(), List.of(new Counted(theirPart, null, BigDecimal.ONE)), ExpectedVersion.none())))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> admin.call(() -> counts.record(
                        mine.id(),
                        List.of(new Counted(null, lot.lotId(), new BigDecimal("-1"))),
                        ExpectedVersion.none())))
                .isInstanceOf(ValidationException.class);

        admin.call(() -> counts.record(
                mine.id(),
                List.of(new Counted(null, lot.lotId(), BigDecimal.ONE)),
                ExpectedVersion.of(mine.version())));
        assertThatThrownBy(() -> admin.call(() -> counts.record(
                        mine.id(),
                        List.of(new Counted(null, lot.lotId(), BigDecimal.TWO)),
                        ExpectedVersion.of(mine.version()))))
                .isInstanceOf(StaleVersionException.class);
        assertThat(admin.call(() -> counts.count(mine.id())).lines().getFirst().counted())
                .isEqualByComparingTo("1");
    }

    @Test
    void theApiOpensRecordsWithIfMatchAndPostsOnce() {
        var lot = room.receive(cloth, bin, "10", "A", "2.00");
        var api = new Api(port);
        var caller = Tenants.in(context).signedIn(admin);

        var opened = api.post("/api/inventory/counts")
                .as(caller)
                .body(Map.of("location_id", bin, "reason", "Spot check"))
                .send();
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.header("Location")).endsWith("/api/inventory/counts/" + opened.id());
        String path = "/api/inventory/counts/" + opened.id();
        var lines = Map.of("lines", List.of(Map.of("lot_id", lot.lotId(), "counted", 9)));

        assertThat(api.request("PUT", path + "/lines")
                        .as(caller)
                        .body(lines)
                        .send()
                        .status())
                .as("a PUT without If-Match")
                .isEqualTo(428);
        var recorded = api.request("PUT", path + "/lines")
                .as(caller)
                .ifMatch(opened.header("ETag"))
                .body(lines)
                .send();
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        assertThat(recorded.json().path("lines").get(0).path("counted").decimalValue())
                .isEqualByComparingTo("9");
        assertThat(api.post(path + "/post")
                        .as(caller)
                        .ifMatch(opened.header("ETag"))
                        .send()
                        .status())
                .as("posting what was read before the counts were recorded")
                .isEqualTo(412);
        var posted = api.post(path + "/post").as(caller).send();
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        assertThat(posted.json().path("status").asString()).isEqualTo("POSTED");
        assertThat(api.post(path + "/post").as(caller).send().status()).isEqualTo(409);
        assertThat(api.get("/api/inventory/counts?status=posted")
                        .as(caller)
                        .send()
                        .json()
                        .path("items"))
                .extracting(n -> n.path("id").asString())
                .containsExactly(opened.id().toString());
        assertThat(api.post("/api/inventory/counts")
                        .as(caller)
                        .body(Map.of("reason", "x"))
                        .send()
                        .status())
                .isEqualTo(422);
    }
}
