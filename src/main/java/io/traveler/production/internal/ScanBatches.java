package io.traveler.production.internal;

import io.traveler.production.internal.Views.BatchResult;
import io.traveler.production.internal.Views.ScanResult;
import io.traveler.production.internal.Views.StepResult;
import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An offline device's steps, applied in the order sent, each at most once per (device, step id): each step runs in
 * its own savepoint of the batch's transaction, so a refused step changes nothing and the ones around it stand.
 * A step the unit's state no longer allows (it moved on meanwhile) is a CONFLICT with the reason; applied and
 * refused steps are both recorded in {@code production.scan_steps}, so the same batch sent again answers DUPLICATE
 * for every step and changes nothing. A step keeps its own time, clamped to the last {@link #OLDEST} and never
 * later than now.
 */
@Service
public class ScanBatches {
    public static final int MAX_STEPS = 1000;
    static final Duration OLDEST = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(ScanBatches.class);

    /** One queued step: its own id and time, and the scan it makes. */
    public record Step(String stepId, Instant at, Scan scan) {}

    private record Recorded(String outcome, String reason) {}

    private final ScanService scans;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    ScanBatches(ScanService scans, JdbcClient jdbc, TransactionTemplate transactions) {
        this.scans = scans;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public BatchResult apply(String deviceId, List<Step> steps) {
        String device = requireDevice(deviceId);
        if (steps == null) {
            throw new ValidationException("steps", "is required: the steps queued on the device, oldest first");
        }
        if (steps.size() > MAX_STEPS) {
            throw new ValidationException("steps", "must be at most " + MAX_STEPS + " steps per batch");
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step == null) {
                throw new ValidationException("steps[" + i + "]", "is required");
            }
            if (step.stepId() == null
                    || step.stepId().isBlank()
                    || step.stepId().length() > 100) {
                throw new ValidationException("steps[" + i + "].step_id", "is required: 1 to 100 characters");
            }
        }
        if (steps.isEmpty()) {
            return new BatchResult(List.of());
        }
        try {
            return transactions.execute(status -> applyAtOnce(device, steps));
        } catch (DataAccessException failed) {
            // A step the database refused (a constraint, a deadlock) rolled the whole batch back: apply it again
            // step by step, each in a savepoint, so only that step fails.
            log.info("Offline batch of device {} applied again step by step: {}", device, failed.getMessage());
            return transactions.execute(status -> applyOneByOne(device, steps));
        }
    }

    /**
     * The batch as a few statements whatever its size: its step ids claimed at once (the ones already recorded, or
     * claimed by a concurrent upload of the same batch, are DUPLICATE), its units locked at once in id order, each
     * step decided in order on the locked rows in memory, then every unit's final row, every event and every
     * announcement written at once, and each step's outcome recorded.
     */
    private BatchResult applyAtOnce(String device, List<Step> steps) {
        UUID org = TenantContext.requireOrgId();
        Instant now = UnitChanges.now();
        Map<String, Instant> firstAt = new java.util.TreeMap<>();
        for (Step step : steps) {
            firstAt.putIfAbsent(step.stepId(), clamp(step.at(), now));
        }
        java.util.Set<String> claimed = new java.util.HashSet<>(jdbc.sql("""
                        insert into production.scan_steps (org_id, device_id, step_id, outcome, at, applied_at)
                        select :org, :device, s.id, 'APPLIED', s.at, :now
                          from unnest(:ids, :ats) as s(id, at) order by s.id
                        on conflict do nothing
                        returning step_id""")
                .param("org", org)
                .param("device", device)
                .param("now", Timestamp.from(now))
                .param("ids", firstAt.keySet().toArray(String[]::new))
                .param("ats", firstAt.values().stream().map(Timestamp::from).toArray(Timestamp[]::new))
                .query(String.class)
                .list());
        Map<String, Recorded> recorded =
                claimed.size() == firstAt.size() ? new HashMap<>() : recorded(org, device, steps);
        java.util.Set<String> serials = new java.util.HashSet<>();
        for (Step step : steps) {
            if (claimed.contains(step.stepId()) && step.scan() != null) {
                try {
                    serials.add(ScanService.serialOf(step.scan().code()));
                } catch (ValidationException e) {
                    // refused in its turn below
                }
            }
        }
        ScanService.Run run = scans.run(serials, device);
        List<StepResult> results = new ArrayList<>(steps.size());
        List<String> outcomeIds = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<UUID> unitIds = new ArrayList<>();
        for (Step step : steps) {
            String id = step.stepId();
            if (!claimed.remove(id)) {
                results.add(duplicate(id, recorded.getOrDefault(id, new Recorded("APPLIED", null))));
                continue;
            }
            Instant at = clamp(step.at(), now);
            Recorded outcome;
            UUID unitId = null;
            try {
                Scan scan = step.scan();
                ScanAction action = ScanService.action(scan);
                ScanService.Decided decided = run.decide(scan, action, ScanService.serialOf(scan.code()), at, id);
                unitId = decided.step().before.id();
                outcome = new Recorded("APPLIED", null);
            } catch (TravelerException refused) {
                outcome = new Recorded("CONFLICT", reason(refused.getMessage()));
            }
            recorded.put(id, outcome);
            results.add(new StepResult(id, outcome.outcome(), outcome.reason()));
            outcomeIds.add(id);
            outcomes.add(outcome.outcome());
            reasons.add(outcome.reason());
            unitIds.add(unitId);
        }
        run.write();
        jdbc.sql("""
                        update production.scan_steps s
                           set outcome = o.outcome, reason = o.reason, unit_id = o.unit
                          from unnest(:ids, :outcomes, :reasons, :units) as o(id, outcome, reason, unit)
                         where s.org_id = :org and s.device_id = :device and s.step_id = o.id""")
                .param("org", org)
                .param("device", device)
                .param("ids", outcomeIds.toArray(String[]::new))
                .param("outcomes", outcomes.toArray(String[]::new))
                .param("reasons", reasons.toArray(String[]::new))
                .param("units", unitIds.toArray(UUID[]::new))
                .update();
        return new BatchResult(results);
    }

    private BatchResult applyOneByOne(String device, List<Step> steps) {
        UUID org = TenantContext.requireOrgId();
        Map<String, Recorded> recorded = recorded(org, device, steps);
        Instant now = UnitChanges.now();
        List<StepResult> results = new ArrayList<>(steps.size());
        for (Step step : steps) {
            String id = step.stepId();
            Recorded earlier = recorded.get(id);
            if (earlier != null) {
                results.add(duplicate(id, earlier));
                continue;
            }
            Instant at = clamp(step.at(), now);
            jdbc.sql("savepoint scan_step").update();
            Recorded outcome;
            try {
                ScanResult applied = scans.apply(step.scan(), at, id, device);
                outcome = new Recorded("APPLIED", null);
                if (!claim(org, device, id, outcome, applied.unit().id(), at, now)) {
                    jdbc.sql("rollback to savepoint scan_step").update();
                    outcome = recordedNow(org, device, id);
                    results.add(duplicate(id, outcome));
                    recorded.put(id, outcome);
                    continue;
                }
                jdbc.sql("release savepoint scan_step").update();
            } catch (TravelerException refused) {
                jdbc.sql("rollback to savepoint scan_step").update();
                outcome = new Recorded("CONFLICT", reason(refused.getMessage()));
            } catch (DataAccessException failed) {
                jdbc.sql("rollback to savepoint scan_step").update();
                log.warn("Offline step {} of device {} failed", id, device, failed);
                outcome = new Recorded("CONFLICT", "The step could not be applied: the database refused it");
            }
            if (outcome.outcome().equals("CONFLICT") && !claim(org, device, id, outcome, null, at, now)) {
                outcome = recordedNow(org, device, id);
                results.add(duplicate(id, outcome));
            } else {
                results.add(new StepResult(id, outcome.outcome(), outcome.reason()));
            }
            recorded.put(id, outcome);
        }
        return new BatchResult(results);
    }

    /** Records the step's outcome; false when it was recorded already (the same step sent concurrently). */
    private boolean claim(
            UUID org, String device, String stepId, Recorded outcome, UUID unit, Instant at, Instant now) {
        return jdbc.sql("""
                                insert into production.scan_steps (org_id, device_id, step_id, outcome, reason, unit_id,
                                        at, applied_at)
                                values (:org, :device, :step, :outcome, :reason, :unit, :at, :now)
                                on conflict do nothing""")
                        .param("org", org)
                        .param("device", device)
                        .param("step", stepId)
                        .param("outcome", outcome.outcome())
                        .param("reason", outcome.reason())
                        .param("unit", unit)
                        .param("at", Timestamp.from(at))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    private Map<String, Recorded> recorded(UUID org, String device, List<Step> steps) {
        Map<String, Recorded> recorded = new HashMap<>();
        jdbc.sql("""
                        select step_id, outcome, reason from production.scan_steps
                         where org_id = :org and device_id = :device and step_id = any(:ids)""")
                .param("org", org)
                .param("device", device)
                .param("ids", steps.stream().map(Step::stepId).distinct().toArray(String[]::new))
                .query((rs, n) -> recorded.put(
                        rs.getString("step_id"), new Recorded(rs.getString("outcome"), rs.getString("reason"))))
                .list();
        return recorded;
    }

    private Recorded recordedNow(UUID org, String device, String stepId) {
        return jdbc.sql("""
                        select outcome, reason from production.scan_steps
                         where org_id = :org and device_id = :device and step_id = :step""")
                .param("org", org)
                .param("device", device)
                .param("step", stepId)
                .query((rs, n) -> new Recorded(rs.getString("outcome"), rs.getString("reason")))
                .single();
    }

    private static StepResult duplicate(String stepId, Recorded earlier) {
        String reason =
                earlier.outcome().equals("APPLIED") ? "Already applied" : "Already refused: " + earlier.reason();
        return new StepResult(stepId, "DUPLICATE", reason);
    }

    static Instant clamp(Instant at, Instant now) {
        if (at == null || at.isAfter(now)) {
            return now;
        }
        Instant oldest = now.minus(OLDEST);
        return at.isBefore(oldest) ? oldest : at;
    }

    private static String reason(String message) {
        return message == null ? "Refused" : message.length() > 2000 ? message.substring(0, 2000) : message;
    }

    private static String requireDevice(String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new ValidationException("device_id", "is required: the device the steps were queued on");
        }
        if (deviceId.length() > 100) {
            throw new ValidationException("device_id", "must be at most 100 characters");
        }
        return deviceId.strip();
    }
}
