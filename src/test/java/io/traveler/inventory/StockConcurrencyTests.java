package io.traveler.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Issue requests racing for one part's stock over HTTP, on real threads and connections: exactly as many succeed as
 * there is stock, every other one is 409, no balance goes negative and the balances stay the ledger's sum.
 */
@ApplicationTest
class StockConcurrencyTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    Api.Tenant caller;
    Stockroom room;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        var member = Tenants.in(context).organization("FACTORY");
        caller = Tenants.in(context).signedIn(member);
        room = new Stockroom(context, member);
    }

    @Test
    void twoHundredIssuesFromTwentyThreadsOnFiftyOnHandIssueExactlyFifty() {
        raceFor(20, 10);
    }

    @Test
    void aThousandIssuesFromFiftyThreadsOnFiftyOnHandIssueExactlyFifty() {
        raceFor(50, 20);
    }

    private void raceFor(int threads, int requestsPerThread) {
        UUID part = room.part("1");
        UUID bin = room.location();
        room.receive(part, bin, "30", "1");
        room.receive(part, bin, "20", "2");

        List<List<Integer>> statuses = Parallel.run(threads, t -> {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < requestsPerThread; i++) {
                mine.add(api.post("/api/inventory/issues")
                        .as(caller)
                        .body(Map.of(
                                "part_id",
                                part,
                                "location_id",
                                bin,
                                "quantity",
                                1,
                                "reference_type",
                                "OTHER",
                                "reference_id",
                                UUID.randomUUID()))
                        .send()
                        .status());
            }
            return mine;
        });

        List<Integer> all = statuses.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(threads * requestsPerThread);
        assertThat(all).filteredOn(s -> s == 201).hasSize(50);
        assertThat(all).filteredOn(s -> s == 409).hasSize(threads * requestsPerThread - 50);
        assertThat(room.onHand(part, bin)).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(room.ledgerOnHand(part)).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(room.totals(part).onHand()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(room.count("select count(*) from inventory.balances where on_hand < 0 or reserved < 0"))
                .isZero();
        assertThat(room.count("select count(*) from inventory.movements where part_id = ? and kind = 'ISSUE'", part))
                .isEqualTo(50);
        var check = api.get("/api/inventory/ledger-check?part_id=" + part)
                .as(caller)
                .send();
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().path("items")).isEmpty();
    }
}
