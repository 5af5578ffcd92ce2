package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Real threads against the real database: optimistic locking, idempotency keys, numbering series. */
@ApplicationTest
class ConcurrencyTests {
    @LocalServerPort
    int port;

    @Autowired
    OrganizationSettings settings;

    Api api;
    Api.Tenant tenant;

    @BeforeEach
    void signUp() {
        api = new Api(port);
        tenant = api.signUp("FACTORY");
    }

    @Test
    void concurrentPatchesWithOneEtagGiveOneSuccessAndTheRest412() throws Exception {
        var station = api.post("/api/stations")
                .as(tenant)
                .body(Map.of("name", "Contested"))
                .send();
        String etag = station.header("ETag");
        List<Integer> statuses = inParallel(12, i -> api.patch("/api/stations/" + station.id())
                .as(tenant)
                .ifMatch(etag)
                .body(Map.of("name", "Winner " + i))
                .send()
                .status());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 412).hasSize(11);
        var after = api.get("/api/stations/" + station.id()).as(tenant).send();
        assertThat(after.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void twentyConcurrentPostsWithOneIdempotencyKeyCreateOneRow() throws Exception {
        String key = UUID.randomUUID().toString();
        List<Api.Response> responses = inParallel(20, i -> api.post("/api/employees")
                .as(tenant)
                .header("Idempotency-Key", key)
                .body(Map.of("name", "Idem Potent"))
                .send());
        Set<String> ids = new HashSet<>();
        for (var response : responses) {
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            ids.add(response.text("id"));
        }
        assertThat(ids).hasSize(1);
        var listed = api.get("/api/employees?q=idem").as(tenant).send();
        assertThat(listed.json().path("items")).hasSize(1);
    }

    @Test
    void aReplayReturnsTheFirstResponseAndAnotherBodyUnderTheSameKeyIs422() {
        String key = UUID.randomUUID().toString();
        var first = api.post("/api/stations")
                .as(tenant)
                .header("Idempotency-Key", key)
                .body(Map.of("name", "Once"))
                .send();
        var replay = api.post("/api/stations")
                .as(tenant)
                .header("Idempotency-Key", key)
                .body(Map.of("name", "Once"))
                .send();
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.text("id")).isEqualTo(first.text("id"));
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        var other = api.post("/api/stations")
                .as(tenant)
                .header("Idempotency-Key", key)
                .body(Map.of("name", "Twice"))
                .send();
        assertThat(other.status()).isEqualTo(422);
        assertThat(api.get("/api/stations?q=twice").as(tenant).send().json().path("items"))
                .isEmpty();
    }

    @Test
    void idempotencyKeysAreScopedToTheOrganization() {
        String key = UUID.randomUUID().toString();
        var other = api.signUp("FACTORY");
        var mine = api.post("/api/stations")
                .as(tenant)
                .header("Idempotency-Key", key)
                .body(Map.of("name", "Mine"))
                .send();
        var theirs = api.post("/api/stations")
                .as(other)
                .header("Idempotency-Key", key)
                .body(Map.of("name", "Mine"))
                .send();
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.text("id")).isNotEqualTo(mine.text("id"));
    }

    @Test
    void numberingSeriesNeverGiveOutANumberTwice() throws Exception {
        List<String> codes = inParallel(
                40,
                i -> TenantContext.callAs(
                        Tenant.user(tenant.orgId(), tenant.userId()), () -> settings.nextNumber("orders")));
        assertThat(new HashSet<>(codes)).hasSize(40);
        assertThat(codes).allMatch(code -> code.matches("ORD-\\d{4}-\\d{6}"));
        assertThat(codes.stream()
                        .map(c -> Integer.parseInt(c.substring(9)))
                        .sorted()
                        .toList())
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList());
    }

    interface Task<T> {
        T run(int index) throws Exception;
    }

    private static <T> List<T> inParallel(int count, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<T> call = () -> {
                    start.await();
                    return task.run(index);
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
