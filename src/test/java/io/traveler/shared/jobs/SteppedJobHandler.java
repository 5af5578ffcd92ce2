package io.traveler.shared.jobs;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A job kind for tests, whose steps the test controls: {@code units} units in batches of {@code batch}, each unit a
 * category {@code <prefix>-<n>} (so what a batch committed can be counted), an error on every unit divisible by
 * {@code error_every}, a {@link JobFailedException} inside the batch holding unit {@code fail_at}, and with
 * {@code gated} each batch waits until the test {@link #allow allows} it. Resumable: an interrupted job goes on after
 * the units it committed.
 */
@Component
public class SteppedJobHandler implements JobHandler {
    public static final String KIND = "testing.stepped";
    private static final Map<UUID, Semaphore> GATES = new ConcurrentHashMap<>();

    private final JdbcClient jdbc;

    SteppedJobHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Lets a gated job run {@code batches} more batches. */
    public static void allow(UUID job, int batches) {
        gate(job).release(batches);
    }

    private static Semaphore gate(UUID job) {
        return GATES.computeIfAbsent(job, id -> new Semaphore(0));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String label() {
        return "Stepped test job";
    }

    @Override
    public String readPermission() {
        return "catalog:read";
    }

    @Override
    public String startPermission() {
        return "catalog:manage";
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public Map<String, Object> run(JobContext job) {
        long units = Long.parseLong(job.parameter("units"));
        int batch = Integer.parseInt(job.parameter("batch"));
        long errorEvery = Long.parseLong(job.parameter("error_every") == null ? "0" : job.parameter("error_every"));
        long failAt = Long.parseLong(job.parameter("fail_at") == null ? "0" : job.parameter("fail_at"));
        boolean gated = Boolean.parseBoolean(job.parameter("gated"));
        String prefix = job.parameter("prefix");
        job.total(units);
        for (long first = job.alreadyProcessed() + 1; first <= units; first += batch) {
            if (gated) {
                awaitTurn(job.jobId());
            }
            long from = first;
            long to = Math.min(units, first + batch - 1);
            job.batch(to - from + 1, () -> {
                for (long unit = from; unit <= to; unit++) {
                    if (unit == failAt) {
                        throw new JobFailedException("units", "unit " + unit + " cannot be done");
                    }
                    if (errorEvery > 0 && unit % errorEvery == 0) {
                        job.errors().add(new RowError(unit, "unit", "=unit " + unit + " is odd"), true);
                    }
                    jdbc.sql("""
                                    insert into catalog.categories (org_id, id, code, name, created_at, updated_at)
                                    values (cast(current_setting('app.org_id') as uuid), gen_random_uuid(), :code,
                                            :code, now(), now())
                                    """).param("code", prefix + "-" + unit).update();
                }
            });
        }
        return Map.of("units", units);
    }

    private static void awaitTurn(UUID job) {
        try {
            if (!gate(job).tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let job " + job + " go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
