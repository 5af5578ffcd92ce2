package io.traveler.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one task on {@code n} threads released together by a start latch, so the calls really overlap, and
 * collects every result and every failure in the order of the task's index.
 */
public final class Parallel {
    private static final long TIMEOUT_SECONDS = 60;

    private Parallel() {}

    @FunctionalInterface
    public interface Task<T> {
        T call(int index) throws Exception;
    }

    /** What {@code n} parallel calls answered: a result or a failure per index. */
    public record Outcome<T>(List<T> results, List<Throwable> failures) {
        /** The results, failing with every failure attached when any call threw. */
        public List<T> orThrow() {
            if (!failures.isEmpty()) {
                var failed = new AssertionError(failures.size() + " of " + (results.size() + failures.size())
                        + " parallel calls threw; the first is the cause");
                failed.initCause(failures.getFirst());
                failures.stream().skip(1).forEach(failed::addSuppressed);
                throw failed;
            }
            return results;
        }
    }

    /** The results of {@code n} overlapping calls, in index order; any failure fails the test. */
    public static <T> List<T> run(int n, Task<T> task) {
        return attempt(n, task).orThrow();
    }

    /** Every result and every failure of {@code n} overlapping calls, for tests where some calls must fail. */
    public static <T> Outcome<T> attempt(int n, Task<T> task) {
        var start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                } catch (TimeoutException e) {
                    failures.add(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            pool.shutdownNow();
            return new Outcome<>(results, failures);
        }
    }
}
