package io.traveler.production.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.traveler.production.internal.Views.ScanResult;
import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.errors.TryLaterException;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.shared.web.RequestAdmission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live scans written together: the scans one caller sends from one device while an earlier group of theirs is being
 * written wait, and are then written as one group in one transaction, the group's units locked at once in id order,
 * each scan decided in its turn on the locked rows (a refused scan changes nothing and is answered alone), every row,
 * passport event and announcement written at once, and one commit for all. A scan is answered only once its group
 * has committed, so every acknowledged scan is durable. A scan that comes when nothing of its caller is being written
 * is written at once, alone: grouping adds no wait, it only shares the work of those who would have waited anyway.
 *
 * <p>Why: a scan's own work is small beside its transaction's (three round trips, a commit flushed to disk), so a
 * terminal or gateway sending many scans at once spends most of the database's time on commits. Grouped, many scans
 * share one. Only the steps that change nothing but the unit and its passport are grouped ({@code start},
 * {@code complete}, {@code hold}, {@code release}); recording an action or reporting a defect, which write more and
 * may check the caller's permissions, are written alone.
 *
 * <p>A scan waiting for its group gives its place in the server's line back ({@link RequestAdmission#stepAside()}):
 * it does no work meanwhile, and the scans that come in behind it join the next group.
 *
 * <p>A lane holds at most {@link #LANE_LIMIT} waiting scans: one more is refused, 429 with {@code Retry-After}, so a
 * device that sends faster than its groups are written is slowed down instead of queueing without end (a device with
 * that much to send has the offline batch).
 *
 * <p>If a group's transaction fails as a whole (the database refused a statement), each of its scans is written
 * again alone, in its own request, so one scan's failure is never another's.
 */
@Service
public class ScanGroups {
    static final int MAX_GROUP = 128;
    /** Scans one lane may hold waiting: four groups' worth. */
    static final int LANE_LIMIT = 4 * MAX_GROUP;

    private static final Set<ScanAction> GROUPED =
            Set.of(ScanAction.START, ScanAction.COMPLETE, ScanAction.HOLD, ScanAction.RELEASE);
    private static final Logger log = LoggerFactory.getLogger(ScanGroups.class);

    private final ScanService scans;
    private final TransactionTemplate transactions;
    private final DistributionSummary groupSizes;
    private final Timer groupWrites;
    private final Map<Lane.Key, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final int laneLimit;

    @Autowired
    ScanGroups(ScanService scans, TransactionTemplate transactions, MeterRegistry meters) {
        this(scans, transactions, meters, LANE_LIMIT);
    }

    ScanGroups(ScanService scans, TransactionTemplate transactions, MeterRegistry meters, int laneLimit) {
        this.laneLimit = laneLimit;
        this.scans = scans;
        this.transactions = transactions;
        this.groupSizes = DistributionSummary.builder("traveler.scan.groups")
                .description("Live scans written together in one transaction")
                .baseUnit("scans")
                .register(meters);
        this.groupWrites = Timer.builder("traveler.scan.group.writes")
                .description("A group's transaction, from taking its scans to its commit")
                .register(meters);
    }

    /** Applies one live scan now, with the scans of the same caller and device that wait alongside it. */
    public ScanResult scan(Scan scan) {
        ScanAction action = ScanService.action(scan);
        String serial = ScanService.serialOf(scan.code());
        String device = ScanService.device(scan.deviceId());
        Tenant caller = TenantContext.current();
        if (!GROUPED.contains(action) || caller.orgId() == null || caller.actorId() == null) {
            return scans.scan(scan);
        }
        Waiting me = new Waiting(scan, action, serial, UnitChanges.now());
        Lane.Key key = new Lane.Key(caller, device);
        boolean lead = join(key, me);
        if (!lead) {
            RequestAdmission.stepAside();
        }
        while (true) {
            Outcome outcome = lead ? writeGroup(key, me) : me.outcome.join();
            switch (outcome) {
                case Outcome.Applied applied -> {
                    return applied.result();
                }
                case Outcome.Refused refused -> throw refused.reason();
                case Outcome.Alone ignored -> {
                    return scans.scan(scan);
                }
                case Outcome.Lead ignored -> lead = true;
            }
        }
    }

    /** Scans waiting for their group now. */
    int waiting() {
        return waiting.get();
    }

    /**
     * Queues the scan in its lane; true when the lane was closed (nothing of this caller being written), so this scan
     * writes its group. A lane stays open exactly while a group of it is being written or handed on. A lane already
     * holding its limit of waiting scans refuses this one.
     */
    private boolean join(Lane.Key key, Waiting me) {
        boolean[] lead = new boolean[1];
        boolean[] full = new boolean[1];
        lanes.compute(key, (k, lane) -> {
            lead[0] = lane == null;
            Lane joined = lead[0] ? new Lane() : lane;
            full[0] = !lead[0] && joined.queue.size() >= laneLimit;
            if (!full[0]) {
                joined.queue.add(me);
                waiting.incrementAndGet();
            }
            return joined;
        });
        if (full[0]) {
            throw TryLaterException.tooMany(
                    "This device has " + laneLimit + " scans waiting to be written; send this one again shortly, or"
                            + " send many at once as an offline batch",
                    Duration.ofSeconds(1));
        }
        return lead[0];
    }

    /**
     * Takes the lane's waiting scans (this one first) as a group, writes it, answers the others, and hands the lane
     * to the first scan that came meanwhile, or closes it. Answers this scan's own outcome.
     */
    private Outcome writeGroup(Lane.Key key, Waiting me) {
        List<Waiting> group = take(key);
        Map<Waiting, Outcome> outcomes = new IdentityHashMap<>();
        Timer.Sample writing = Timer.start();
        try {
            outcomes.putAll(transactions.execute(status -> applyGroup(key.device(), group)));
            writing.stop(groupWrites);
            groupSizes.record(group.size());
        } catch (RuntimeException failed) {
            log.info(
                    "A group of {} scans failed and is written again scan by scan: {}",
                    group.size(),
                    NestedExceptionUtils.getMostSpecificCause(failed).getMessage());
            group.forEach(waiting -> outcomes.put(waiting, new Outcome.Alone()));
        } finally {
            for (Waiting waiting : group) {
                if (waiting != me) {
                    waiting.outcome.complete(outcomes.getOrDefault(waiting, new Outcome.Alone()));
                }
            }
            handOver(key);
        }
        return outcomes.get(me);
    }

    private List<Waiting> take(Lane.Key key) {
        List<Waiting> group = new ArrayList<>();
        lanes.computeIfPresent(key, (k, lane) -> {
            while (!lane.queue.isEmpty() && group.size() < MAX_GROUP) {
                group.add(lane.queue.poll());
                waiting.decrementAndGet();
            }
            return lane;
        });
        return group;
    }

    private void handOver(Lane.Key key) {
        lanes.computeIfPresent(key, (k, lane) -> {
            Waiting next = lane.queue.peek();
            if (next == null) {
                return null;
            }
            next.outcome.complete(new Outcome.Lead());
            return lane;
        });
    }

    /**
     * The group in the caller's transaction: its units locked at once (in id order, as every group and batch takes
     * them), each scan decided in turn on the rows as the scans before it left them, then everything written at once.
     */
    private Map<Waiting, Outcome> applyGroup(String device, List<Waiting> group) {
        ScanService.Run run =
                scans.run(group.stream().map(Waiting::serial).distinct().toList(), device);
        Map<Waiting, Outcome> outcomes = new IdentityHashMap<>();
        Map<Waiting, ScanService.Decided> decided = new IdentityHashMap<>();
        for (Waiting waiting : group) {
            try {
                decided.put(
                        waiting, run.decide(waiting.scan(), waiting.action(), waiting.serial(), waiting.at(), null));
            } catch (TravelerException refused) {
                outcomes.put(waiting, new Outcome.Refused(refused));
            }
        }
        run.write();
        decided.forEach((waiting, step) -> outcomes.put(
                waiting,
                new Outcome.Applied(scans.result(step, step.step().before.version() + 1))));
        return outcomes;
    }

    /** The scans of one caller from one device waiting while a group of theirs is being written. */
    private static final class Lane {
        record Key(Tenant caller, String device) {}

        final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    }

    /** A scan waiting for its group, or for the lane to be handed to it. */
    private record Waiting(
            Scan scan, ScanAction action, String serial, Instant at, CompletableFuture<Outcome> outcome) {
        Waiting(Scan scan, ScanAction action, String serial, Instant at) {
            this(scan, action, serial, at, new CompletableFuture<>());
        }
    }

    private sealed interface Outcome {
        record Applied(ScanResult result) implements Outcome {}

        record Refused(TravelerException reason) implements Outcome {}

        /** The group failed as a whole: write this scan alone. */
        record Alone() implements Outcome {}

        /** The lane is this scan's to write. */
        record Lead() implements Outcome {}
    }
}
