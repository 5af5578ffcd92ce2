package io.traveler.production.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announces units' changes to every application node once the transactions making them have committed, so a
 * rolled-back scan is never shown. A change waits in this node's queue until its transaction commits; one announcer
 * thread then sends whatever has gathered as {@code NOTIFY}s on {@link #CHANNEL}, one notification per change, all in
 * one short transaction of its own. Each node listens on that channel ({@link LiveListener}) and hands what it hears
 * to the boards of the change's organization and stations.
 *
 * <p>Why not {@code NOTIFY} inside the scan's own transaction: PostgreSQL serialises the commits of notifying
 * transactions behind one database-wide lock held through the commit's WAL flush, so scans notifying for themselves
 * commit one after another, never in a group. With one announcer only its transactions take that lock, a few a
 * second under load, each carrying every change committed meanwhile.
 *
 * <p>Live updates are hints to boards, which re-read their own fragments: a change committed on a node that stops
 * before announcing it, or beyond a full queue, is not shown until the next change or a reload.
 */
@Component
public class LiveFeed implements SmartLifecycle {
    public static final String CHANNEL = "traveler_shop_floor";
    static final String ANNOUNCER = "traveler-shop-floor-announcer";

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int QUEUE_CAPACITY = 100_000;
    private static final int MAX_BATCH = 1_000;

    /**
     * What changed: the unit at {@code stationId} now (null once it is completed or scrapped), the station it left
     * ({@code fromStationId}, when the change moved it), its status and stage, and the passport event's kind.
     */
    public record UnitChange(
            UUID orgId,
            UUID unitId,
            String serial,
            UUID projectId,
            UUID stationId,
            UUID fromStationId,
            String status,
            String stageName,
            String kind,
            Instant at) {}

    private final JdbcClient jdbc;
    private final BlockingQueue<UnitChange> committed = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running;
    private volatile Thread announcer;

    LiveFeed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Announces the change once the current transaction commits (at once when there is none). */
    public void announce(UnitChange change) {
        afterCommit(List.of(change));
    }

    /** Announces many changes (an offline batch), each as {@link #announce} would. */
    public void announceAll(List<UnitChange> changes) {
        if (!changes.isEmpty()) {
            afterCommit(List.copyOf(changes));
        }
    }

    public static UnitChange read(String payload) {
        return JSON.readValue(payload, UnitChange.class);
    }

    private void afterCommit(List<UnitChange> changes) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            enqueue(changes);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                enqueue(changes);
            }
        });
    }

    private void enqueue(List<UnitChange> changes) {
        for (UnitChange change : changes) {
            if (!committed.offer(change) && dropped.getAndIncrement() % 10_000 == 0) {
                log.warn("The live feed's queue is full: changes are not announced ({} so far)", dropped.get());
            }
        }
    }

    private void announceUntilStopped() {
        while (running) {
            try {
                UnitChange first = committed.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    List<UnitChange> gathered = new ArrayList<>();
                    gathered.add(first);
                    committed.drainTo(gathered, MAX_BATCH - 1);
                    send(gathered);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(List<UnitChange> changes) {
        try {
            jdbc.sql("select count(pg_notify(:channel, payload)) from unnest(:payloads) as payload")
                    .param("channel", CHANNEL)
                    .param(
                            "payloads",
                            changes.stream().map(JSON::writeValueAsString).toArray(String[]::new))
                    .query()
                    .singleValue();
        } catch (DataAccessException e) {
            log.warn("{} live changes could not be announced: {}", changes.size(), e.getMessage());
        }
    }

    @Override
    public void start() {
        running = true;
        announcer = Thread.ofPlatform().daemon().name(ANNOUNCER).start(this::announceUntilStopped);
    }

    /** Stops the announcer, then sends what was still waiting. */
    @Override
    public void stop() {
        running = false;
        Thread thread = announcer;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<UnitChange> rest = new ArrayList<>();
        committed.drainTo(rest);
        if (!rest.isEmpty()) {
            send(rest);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
