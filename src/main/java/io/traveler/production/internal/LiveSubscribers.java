package io.traveler.production.internal;

import io.traveler.shared.errors.TryLaterException;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The boards of this node listening to the shop floor: one server-sent event stream per open board, each bound to
 * its organization (and to one station when it asked for one). {@link #deliver} hands a committed change only to
 * the streams of the change's organization. Each stream writes on its own virtual thread, so a slow client delays
 * nobody else; one that falls too far behind is closed (its {@code EventSource} reconnects and re-reads its page).
 */
@Component
public class LiveSubscribers implements SmartLifecycle {
    /** The event name of a unit's change; its data is the change as snake_case JSON. */
    public static final String UNIT_EVENT = "unit";

    private static final int BACKLOG_LIMIT = 256;

    private final int perOrganization;
    private final int perNode;
    private final Duration heartbeat;
    private final Map<UUID, Set<Subscriber>> byOrganization = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile ScheduledExecutorService beats;

    LiveSubscribers(
            @Value("${traveler.live.max-streams-per-organization:200}") int perOrganization,
            @Value("${traveler.live.max-streams:2000}") int perNode,
            @Value("${traveler.live.heartbeat:25s}") Duration heartbeat) {
        this.perOrganization = perOrganization;
        this.perNode = perNode;
        this.heartbeat = heartbeat;
    }

    /**
     * Opens a stream of {@code orgId}'s changes (only those at or leaving {@code stationId} when it is given), ended
     * by the server after {@code lifetime}. Its first line is the comment {@code subscribed}: from then on nothing
     * committed is missed.
     */
    public SseEmitter subscribe(UUID orgId, UUID stationId, Duration lifetime) {
        Set<Subscriber> ofOrganization = byOrganization.computeIfAbsent(orgId, k -> ConcurrentHashMap.newKeySet());
        if (open.incrementAndGet() > perNode) {
            open.decrementAndGet();
            throw TryLaterException.tooMany(
                    "This server has as many live streams open as it may; try again shortly", Duration.ofSeconds(30));
        }
        var emitter = new SseEmitter(lifetime.toMillis());
        var subscriber = new Subscriber(orgId, stationId, emitter);
        synchronized (ofOrganization) {
            if (ofOrganization.size() >= perOrganization) {
                open.decrementAndGet();
                throw TryLaterException.tooMany(
                        "Your organization has " + perOrganization + " live streams open on this server; close a"
                                + " board or try again shortly",
                        Duration.ofSeconds(30));
            }
            ofOrganization.add(subscriber);
        }
        emitter.onCompletion(() -> remove(subscriber));
        emitter.onTimeout(() -> {
            remove(subscriber);
            emitter.complete(); // the stream's lifetime is over: an end, not an error
        });
        emitter.onError(e -> remove(subscriber));
        subscriber.enqueue(SseEmitter.event().comment("subscribed").reconnectTime(3_000));
        return emitter;
    }

    /** Hands one committed change to its organization's streams: all of them, or those of a station it concerns. */
    public void deliver(LiveFeed.UnitChange change) {
        Set<Subscriber> ofOrganization = byOrganization.get(change.orgId());
        if (ofOrganization == null || ofOrganization.isEmpty()) {
            return;
        }
        Map<String, Object> data = data(change);
        for (Subscriber subscriber : ofOrganization) {
            if (subscriber.concerns(change)) {
                subscriber.enqueue(SseEmitter.event().name(UNIT_EVENT).data(data, MediaType.APPLICATION_JSON));
            }
        }
    }

    /** The streams open on this node. */
    public int open() {
        return open.get();
    }

    /** The streams open on this node for one organization. */
    public int open(UUID orgId) {
        Set<Subscriber> ofOrganization = byOrganization.get(orgId);
        return ofOrganization == null ? 0 : ofOrganization.size();
    }

    private static Map<String, Object> data(LiveFeed.UnitChange change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unit_id", change.unitId());
        data.put("serial", change.serial());
        data.put("project_id", change.projectId());
        data.put("station_id", change.stationId());
        data.put("from_station_id", change.fromStationId());
        data.put("status", change.status());
        data.put("stage_name", change.stageName());
        data.put("kind", change.kind());
        data.put("at", change.at());
        return data;
    }

    private void remove(Subscriber subscriber) {
        if (!subscriber.closed.compareAndSet(false, true)) {
            return;
        }
        Set<Subscriber> ofOrganization = byOrganization.get(subscriber.orgId);
        if (ofOrganization != null) {
            synchronized (ofOrganization) {
                if (ofOrganization.remove(subscriber)) {
                    open.decrementAndGet();
                }
            }
        }
    }

    private void beat() {
        for (Set<Subscriber> ofOrganization : byOrganization.values()) {
            for (Subscriber subscriber : ofOrganization) {
                subscriber.enqueue(SseEmitter.event().comment("heartbeat"));
            }
        }
    }

    @Override
    public void start() {
        var scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("traveler-live-heartbeat").factory());
        long millis = heartbeat.toMillis();
        scheduler.scheduleAtFixedRate(this::beat, millis, millis, TimeUnit.MILLISECONDS);
        beats = scheduler;
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = beats;
        beats = null;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        for (Set<Subscriber> ofOrganization : byOrganization.values()) {
            for (Subscriber subscriber : ofOrganization) {
                subscriber.emitter.complete();
                remove(subscriber);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return beats != null;
    }

    /** One open stream: what it wants to hear, and what is still to be written to it, in order. */
    private final class Subscriber {
        final UUID orgId;
        final UUID stationId;
        final SseEmitter emitter;
        final Queue<SseEmitter.SseEventBuilder> backlog = new ConcurrentLinkedQueue<>();
        final AtomicInteger waiting = new AtomicInteger();
        final AtomicBoolean writing = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();

        Subscriber(UUID orgId, UUID stationId, SseEmitter emitter) {
            this.orgId = orgId;
            this.stationId = stationId;
            this.emitter = emitter;
        }

        boolean concerns(LiveFeed.UnitChange change) {
            return stationId == null
                    || stationId.equals(change.stationId())
                    || stationId.equals(change.fromStationId());
        }

        void enqueue(SseEmitter.SseEventBuilder event) {
            if (closed.get()) {
                return;
            }
            if (waiting.incrementAndGet() > BACKLOG_LIMIT) {
                emitter.complete();
                remove(this);
                return;
            }
            backlog.add(event);
            if (writing.compareAndSet(false, true)) {
                writers.execute(this::drain);
            }
        }

        private void drain() {
            try {
                SseEmitter.SseEventBuilder event;
                while ((event = backlog.poll()) != null) {
                    waiting.decrementAndGet();
                    if (closed.get()) {
                        continue;
                    }
                    try {
                        emitter.send(event);
                    } catch (IOException | IllegalStateException gone) {
                        emitter.completeWithError(gone);
                        remove(this);
                    }
                }
            } finally {
                writing.set(false);
            }
            if (!backlog.isEmpty() && writing.compareAndSet(false, true)) {
                writers.execute(this::drain);
            }
        }
    }
}
