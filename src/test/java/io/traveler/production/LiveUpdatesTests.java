package io.traveler.production;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.production.internal.LiveFeed;
import io.traveler.production.internal.LiveFeed.UnitChange;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Eventually;
import io.traveler.testing.Parallel;
import io.traveler.testing.Tenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The shop floor's live stream: a change reaches the boards only once its transaction commits, only the boards of
 * its own organization, and of its station when a board follows one; the listener comes back after losing its
 * connection.
 */
@ApplicationTest
class LiveUpdatesTests {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    LiveFeed feed;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Tenants tenants;
    Tenants.Member factory;
    Api.Tenant board;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        tenants = Tenants.in(context);
        factory = tenants.organization("FACTORY");
        board = tenants.signedIn(tenants.memberWith(factory, "production:read"));
    }

    @Test
    void aRolledBackChangeIsNeverShownAndACommittedOneIs() {
        try (var stream = Stream.open(port, board.token(), "")) {
            UnitChange rolledBack = change(factory.orgId(), "U-ROLLED-BACK", null, null);
            UnitChange committed = change(factory.orgId(), "U-COMMITTED", null, null);

            factory.run(() -> transactions.executeWithoutResult(tx -> {
                feed.announce(rolledBack);
                tx.setRollbackOnly();
            }));
            announce(committed);

            // one listener thread, one ordered stream: had the rolled-back change gone out, it would come first
            JsonNode first = stream.nextUnit();
            assertThat(first.path("serial").asString()).isEqualTo("U-COMMITTED");
            assertThat(first.path("unit_id").asString())
                    .isEqualTo(committed.unitId().toString());
            assertThat(first.path("status").asString()).isEqualTo("IN_PROGRESS");
            assertThat(first.path("kind").asString()).isEqualTo("STARTED");
            assertThat(first.has("org_id"))
                    .as("the organization is the subscriber's own")
                    .isFalse();
        }
    }

    @Test
    void changesCommittedByManyTransactionsAtOnceAllReachTheBoardOnce() {
        try (var stream = Stream.open(port, board.token(), "")) {
            int threads = 8;
            int perThread = 25;
            Parallel.run(threads, thread -> {
                for (int i = 0; i < perThread; i++) {
                    announce(change(factory.orgId(), "U-BURST-" + thread + "-" + i, null, null));
                }
                return null;
            });

            Set<String> heard = new HashSet<>();
            for (int i = 0; i < threads * perThread; i++) {
                assertThat(heard.add(stream.nextUnit().path("serial").asString()))
                        .as("each change is heard once")
                        .isTrue();
            }
            assertThat(heard).hasSize(threads * perThread).allMatch(serial -> serial.startsWith("U-BURST-"));
        }
    }

    @Test
    void aSubscribedBoardHearsItsOrganizationAndNothingOfAnother() {
        var other = tenants.organization("FACTORY");
        var otherBoard = tenants.signedIn(tenants.memberWith(other, "production:read"));
        try (var mine = Stream.open(port, board.token(), "");
                var theirs = Stream.open(port, otherBoard.token(), "")) {
            announce(change(other.orgId(), "U-THEIRS", null, null));
            announce(change(factory.orgId(), "U-MINE", null, null));

            assertThat(mine.nextUnit().path("serial").asString()).isEqualTo("U-MINE");
            assertThat(theirs.nextUnit().path("serial").asString()).isEqualTo("U-THEIRS");
            announce(change(factory.orgId(), "U-MINE-AGAIN", null, null));
            assertThat(mine.nextUnit().path("serial").asString()).isEqualTo("U-MINE-AGAIN");
        }
    }

    @Test
    void aScanReachesTheSubscribedBoardOfItsStationAndNothingOfAnotherOrganizationDoes() {
        var mine = new ShopFloor(api, tenants.signedIn(factory));
        UUID cutting = mine.station("Cutting");
        UUID welding = mine.station("Welding");
        UUID project = mine.startedProject(
                ShopFloor.idOf(
                        mine.workflow(List.of(ShopFloor.stage("Cut", cutting), ShopFloor.stage("Weld", welding)))),
                2);
        var other = tenants.organization("FACTORY");
        var theirs = new ShopFloor(api, tenants.signedIn(other));
        UUID theirCutting = theirs.station("Cutting");
        theirs.startedProject(ShopFloor.idOf(theirs.workflow(List.of(ShopFloor.stage("Cut", theirCutting)))), 1);

        try (var floorBoard = Stream.open(port, board.token(), "");
                var cuttingBoard = Stream.open(port, board.token(), "?station_id=" + cutting);
                var weldingBoard = Stream.open(port, board.token(), "?station_id=" + welding)) {
            ShopFloor.ok(theirs.scan("U-000001", theirCutting, "start"));
            ShopFloor.ok(mine.scan("U-000002", cutting, "start"));

            assertThat(floorBoard.nextUnit().path("serial").asString())
                    .as("the organization's first change: the other organization's earlier scan never came")
                    .isEqualTo("U-000002");

            JsonNode started = cuttingBoard.nextUnit();
            assertThat(started.path("serial").asString()).isEqualTo("U-000002");
            assertThat(started.path("project_id").asString()).isEqualTo(project.toString());
            assertThat(started.path("station_id").asString()).isEqualTo(cutting.toString());
            assertThat(started.path("status").asString()).isEqualTo("IN_PROGRESS");

            ShopFloor.ok(mine.scan("U-000002", cutting, "complete"));
            JsonNode left = cuttingBoard.nextUnit();
            assertThat(left.path("serial").asString()).isEqualTo("U-000002");
            assertThat(left.path("from_station_id").asString()).isEqualTo(cutting.toString());
            JsonNode arrived = weldingBoard.nextUnit();
            assertThat(arrived.path("serial").asString()).isEqualTo("U-000002");
            assertThat(arrived.path("station_id").asString()).isEqualTo(welding.toString());
        }
    }

    @Test
    void aStationsBoardHearsTheUnitsArrivingAndLeavingThereOnly() {
        var admin = tenants.signedIn(factory);
        UUID cutting = station(admin, "Cutting");
        UUID welding = station(admin, "Welding");
        try (var stream = Stream.open(port, board.token(), "?station_id=" + cutting)) {
            announce(change(factory.orgId(), "U-AT-WELDING", welding, null));
            announce(change(factory.orgId(), "U-ARRIVED", cutting, null));
            announce(change(factory.orgId(), "U-WELDING-AGAIN", welding, null));
            announce(change(factory.orgId(), "U-LEFT", welding, cutting));

            assertThat(stream.nextUnit().path("serial").asString()).isEqualTo("U-ARRIVED");
            JsonNode left = stream.nextUnit();
            assertThat(left.path("serial").asString()).isEqualTo("U-LEFT");
            assertThat(left.path("from_station_id").asString()).isEqualTo(cutting.toString());
        }
    }

    @Test
    void anotherOrganizationsStationCannotBeFollowed() {
        var other = tenants.organization("FACTORY");
        UUID theirs = station(tenants.signedIn(other), "Theirs");

        var response = api.get("/api/live/shop-floor?station_id=" + theirs + "&timeout_seconds=1")
                .as(board)
                .send();

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void theListenerListensAgainAfterLosingItsConnection() {
        int before = listenerBackend();
        jdbc.sql("select pg_terminate_backend(:pid)")
                .param("pid", before)
                .query()
                .singleValue();

        Eventually.poll(
                "a new listening connection", PATIENCE, this::listenerBackendOrZero, pid -> pid != 0 && pid != before);
        try (var stream = Stream.open(port, board.token(), "")) {
            announce(change(factory.orgId(), "U-AFTER-RECONNECT", null, null));
            assertThat(stream.nextUnit().path("serial").asString()).isEqualTo("U-AFTER-RECONNECT");
        }
    }

    private int listenerBackend() {
        int pid = listenerBackendOrZero();
        assertThat(pid).as("the listener's connection").isNotZero();
        return pid;
    }

    private int listenerBackendOrZero() {
        return jdbc.sql("""
                        select coalesce(max(pid), 0) from pg_stat_activity
                        where application_name = 'traveler-shop-floor-listener'""").query(Integer.class).single();
    }

    private void announce(UnitChange change) {
        factory.run(() -> transactions.executeWithoutResult(tx -> feed.announce(change)));
    }

    private static UnitChange change(UUID orgId, String serial, UUID stationId, UUID fromStationId) {
        return new UnitChange(
                orgId,
                UUID.randomUUID(),
                serial,
                UUID.randomUUID(),
                stationId,
                fromStationId,
                "IN_PROGRESS",
                "Cutting",
                "STARTED",
                Instant.now());
    }

    private UUID station(Api.Tenant admin, String name) {
        var created =
                api.post("/api/stations").as(admin).body(Map.of("name", name)).send();
        assertThat(created.status()).as("station %s", created).isEqualTo(201);
        return created.id();
    }

    /** A subscriber reading the event stream line by line on a thread of its own. */
    static final class Stream implements AutoCloseable {
        private final HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private HttpResponse<java.util.stream.Stream<String>> response;

        static Stream open(int port, String token, String query) {
            var stream = new Stream();
            stream.connect(port, token, query);
            stream.awaitLine(":subscribed");
            return stream;
        }

        private void connect(int port, String token, String query) {
            String separator = query.isEmpty() ? "?" : "&";
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/live/shop-floor" + query
                            + separator + "timeout_seconds=60"))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream")
                    .build();
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofLines());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            Thread.ofVirtual().start(() -> {
                try {
                    response.body().forEach(lines::add);
                } catch (UncheckedIOException closed) {
                    // the test is done with the stream
                }
            });
        }

        String nextLine() {
            try {
                String line = lines.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(line).as("a line of the stream within %s", PATIENCE).isNotNull();
                return line;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void awaitLine(String expected) {
            List<String> seen = new java.util.ArrayList<>();
            String line;
            while (!(line = nextLine()).equals(expected)) {
                seen.add(line);
                assertThat(seen).as("lines before %s", expected).hasSizeLessThan(20);
            }
        }

        /** The data of the next {@code unit} event, heartbeats and other lines skipped. */
        JsonNode nextUnit() {
            String event = null;
            while (true) {
                String line = nextLine();
                if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:") && "unit".equals(event)) {
                    return Api.parse(line.substring("data:".length()));
                } else if (line.isEmpty()) {
                    event = null;
                }
            }
        }

        @Override
        public void close() {
            client.shutdownNow();
        }
    }
}
