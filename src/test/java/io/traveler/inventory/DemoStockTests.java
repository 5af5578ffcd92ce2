package io.traveler.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.projects.DemoProjectsLoaded;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Eventually;
import io.traveler.testing.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** The demo factory's stock: lots of the demo BOMs' parts at the demo bins, received once through the ledger. */
@ApplicationTest
class DemoStockTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theDemoPartsAreStockedAtTheDemoBinsOnceWithTwoLotsOfFabric() {
        var admin = Tenants.in(context).organization("FACTORY");
        var room = StockFixtures.of(context, admin);
        for (String number : List.of(
                "FAB-CORD-600",
                "FAB-LINING",
                "WEB-25",
                "THR-BOND-69",
                "HW-ZIP-5",
                "HW-BUCKLE-25",
                "HW-BUCKLE-25-M",
                "HW-KEYCLIP")) {
            room.part(number, "1.00");
        }
        UUID rack = room.location("MAIN-CUT-01");
        UUID shelf = room.location("MAIN-ASM-01");

        announce(admin);
        Eventually.until("the demo stock", Duration.ofSeconds(20), () -> room.movementsCount() == 10);
        announce(admin);
        Eventually.until(
                "the second announcement handled",
                Duration.ofSeconds(20),
                () -> room.jdbc()
                                .sql("select count(*) from event_publication where listener_id like '%DemoStock%'")
                                .query(Long.class)
                                .single()
                        == 0);

        Map<String, String> stock = admin.call(() -> transactions.execute(s -> room
                .jdbc()
                .sql("""
                        select p.part_number, b.location_id, count(*) as lots, sum(b.on_hand) as on_hand
                          from inventory.balances b join catalog.parts p on p.id = b.part_id
                         where b.org_id = :org group by p.part_number, b.location_id
                        """)
                .param("org", admin.orgId())
                .query((rs, n) -> Map.entry(
                        rs.getString("part_number"),
                        (rs.getObject("location_id").equals(rack) ? "rack" : "shelf") + " " + rs.getInt("lots") + " "
                                + rs.getBigDecimal("on_hand")
                                        .stripTrailingZeros()
                                        .toPlainString()))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
        assertThat(stock)
                .containsEntry("FAB-CORD-600", "rack 2 300")
                .containsEntry("WEB-25", "rack 2 1000")
                .containsEntry("HW-BUCKLE-25", "shelf 1 1200")
                .hasSize(8);
        assertThat(shelf).isNotNull();
        assertThat(room.movementsCount())
                .as("a second announcement receives nothing")
                .isEqualTo(10);
    }

    private void announce(Tenants.Member admin) {
        transactions.executeWithoutResult(
                s -> events.publishEvent(new DemoProjectsLoaded(admin.orgId(), admin.userId())));
    }
}
