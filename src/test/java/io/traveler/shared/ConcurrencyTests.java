package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.settings.OrganizationSettings;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
import io.traveler.testing.Tenants;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Real threads against the real database: optimistic locking, idempotency keys, numbering series. */
@ApplicationTest
class ConcurrencyTests {
    @LocalServerPort
    int port;

    @Autowired
    OrganizationSettings settings;

    @Autowired
    ApplicationContext context;

    Api api;
    Tenants tenants;
    Tenants.Member member;
    Api.Tenant tenant;

    @BeforeEach
    void signIn() {
        api = new Api(port);
        tenants = Tenants.in(context);
        member = tenants.organization("FACTORY");
        tenant = tenants.signedIn(member);
    }

    @Test
    void concurrentPatchesWithOneEtagGiveOneSuccessAndTheRest412() {
        var station = api.post("/api/stations")
                .as(tenant)
                .body(Map.of("name", "Contested"))
                .send();
        String etag = station.header("ETag");
        List<Integer> statuses = Parallel.run(12, i -> api.patch("/api/stations/" + station.id())
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
    void twentyConcurrentPostsWithOneIdempotencyKeyCreateOneRow() {
        String key = UUID.randomUUID().toString();
        List<Api.Response> responses = Parallel.run(20, i -> api.post("/api/employees")
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
        var other = tenants.signedIn("FACTORY");
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
    void numberingSeriesNeverGiveOutANumberTwice() {
        List<String> codes = Parallel.run(40, i -> member.call(() -> settings.nextNumber("orders")));
        assertThat(new HashSet<>(codes)).hasSize(40);
        assertThat(codes).allMatch(code -> code.matches("ORD-\\d{4}-\\d{6}"));
        assertThat(codes.stream()
                        .map(c -> Integer.parseInt(c.substring(9)))
                        .sorted()
                        .toList())
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList());
    }
}
