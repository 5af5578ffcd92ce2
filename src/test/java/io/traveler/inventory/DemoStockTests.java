package io.traveler.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.production.ShopFloor;
import io.traveler.projects.DemoProjectsLoaded;
import io.traveler.testing.Api;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo factory's stock: lots of the demo BOMs' parts at the demo bins, received once through the ledger; a project
 * started before there was stock then reserves what it lacks.
 */
@ApplicationTest
class DemoStockTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @LocalServerPort
    int port;

    @Test
    void theDemoPartsAreStockedAtTheDemoBinsOnceWithTwoLotsOfFabric() {
        var admin = Tenants.in(context).organization("FACTORY");
        var room = StockFixtures.of(context, admin);
        Map<String, UUID> parts = new java.util.HashMap<>();
        for (String number : List.of(
                "FAB-CORD-600",
                "FAB-LINING",
                "WEB-25",
                "THR-BOND-69",
                "HW-ZIP-5",
                "HW-BUCKLE-25",
                "HW-BUCKLE-25-M",
                "HW-KEYCLIP")) {
            parts.put(number, room.part(number, "1.00"));
        }
        UUID rack = room.location("MAIN-CUT-01");
        UUID shelf = room.location("MAIN-ASM-01");
        UUID project = startedProjectOf(admin, parts.get("WEB-25"));

        announce(admin);
        Eventually.until("the demo stock", Duration.ofSeconds(20), () -> receipts(room) == 10);
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
        var reservations = new Api(port)
                .get("/api/projects/" + project + "/reservations")
                .as(Tenants.in(context).signedIn(admin))
                .send();
        assertThat(reservations.json().path("items").get(0).path("reserved").decimalValue())
                .as("the project started before there was stock reserved its 3 × 2 m once it came: %s", reservations)
                .isEqualByComparingTo("6");
        assertThat(receipts(room)).as("a second announcement receives nothing").isEqualTo(10);
    }

    /** A started project of 3 pieces of a product whose BOM takes 2 m of the demo webbing each. */
    private UUID startedProjectOf(Tenants.Member admin, UUID webbing) {
        var api = new Api(port);
        var owner = Tenants.in(context).signedIn(admin);
        var floor = new ShopFloor(api, owner);
        var workflow = floor.workflow(List.of(ShopFloor.stage("Cut", floor.station("Cutting"))));
        UUID product = ShopFloor.created(api.post("/api/products/templates")
                .as(owner)
                .body(Map.of("sku", "STRAP-T", "name", "Strap"))
                .send());
        UUID bom = ShopFloor.created(api.post("/api/products/templates/" + product + "/boms")
                .as(owner)
                .body(Map.of(
                        "lines", List.of(Map.of("component_type", "PART", "component_id", webbing, "quantity", 2))))
                .send());
        ShopFloor.ok(api.post("/api/boms/" + bom + "/activate").as(owner).send());
        UUID customer = ShopFloor.created(api.post("/api/customers")
                .as(owner)
                .body(Map.of("name", "Harbour"))
                .send());
        UUID project = ShopFloor.created(api.post("/api/projects")
                .as(owner)
                .body(Map.of(
                        "name",
                        "Straps",
                        "customer_id",
                        customer,
                        "workflow_id",
                        ShopFloor.idOf(workflow),
                        "product_id",
                        product,
                        "quantity",
                        3))
                .send());
        ShopFloor.ok(api.post("/api/projects/" + project + "/start").as(owner).send());
        return project;
    }

    private long receipts(StockFixtures room) {
        return room.member()
                .call(() -> transactions.execute(s -> room.jdbc()
                        .sql("select count(*) from inventory.movements where org_id = :org and kind = 'RECEIPT'")
                        .param("org", room.member().orgId())
                        .query(Long.class)
                        .single()));
    }

    private void announce(Tenants.Member admin) {
        transactions.executeWithoutResult(
                s -> events.publishEvent(new DemoProjectsLoaded(admin.orgId(), admin.userId())));
    }
}
