package io.traveler.catalog;

import static io.traveler.catalog.CatalogFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApplicationTest
class BomConcurrencyTests {
    @LocalServerPort
    int port;

    @Test
    void concurrentEditsOfOneDraftWithOneEtagLetExactlyOneThrough() throws Exception {
        var api = new Api(port);
        var owner = api.signUp("FACTORY");
        var fixtures = new CatalogFixtures(api, owner);
        UUID part = fixtures.part("P", BigDecimal.ONE, null);
        UUID product = fixtures.product("EDITED");
        UUID bom = fixtures.draft(product, List.of(line("PART", part, "1", "0")));
        String etag = api.get("/api/boms/" + bom).as(owner).send().header("ETag");

        List<Integer> statuses = inParallel(6, i -> api.request("PUT", "/api/boms/" + bom + "/lines")
                .as(owner)
                .ifMatch(etag)
                .body(Map.of("lines", List.of(line("PART", part, String.valueOf(i + 2), "0"))))
                .send()
                .status());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 200).containsOnly(412);
    }

    @Test
    void concurrentActivationsOfTwoVersionsLeaveExactlyOneActive() throws Exception {
        var api = new Api(port);
        var owner = api.signUp("FACTORY");
        var fixtures = new CatalogFixtures(api, owner);
        UUID part = fixtures.part("P", BigDecimal.ONE, null);
        UUID product = fixtures.product("RACED");
        List<UUID> versions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            UUID bom = fixtures.draft(product, List.of(line("PART", part, String.valueOf(i + 1), "0")));
            api.post("/api/boms/" + bom + "/submit").as(owner).send();
            api.post("/api/boms/" + bom + "/approve").as(owner).send();
            versions.add(bom);
        }

        List<Integer> statuses = inParallel(2, i -> api.post("/api/boms/" + versions.get(i) + "/activate")
                .as(owner)
                .send()
                .status());

        assertThat(statuses).containsOnly(200);
        var history = api.get("/api/products/templates/" + product + "/boms")
                .as(owner)
                .send();
        assertThat(history.json().path("items"))
                .extracting(n -> n.path("status").asString())
                .containsExactlyInAnyOrder("ACTIVE", "SUPERSEDED");
    }

    private static <T> List<T> inParallel(int count, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<T> call = () -> {
                    start.await();
                    return task.apply(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
