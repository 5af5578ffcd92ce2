package io.traveler.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Polling with a deadline instead of fixed sleeps: asks again every few milliseconds until the answer is right. */
public final class Eventually {
    private static final Duration EVERY = Duration.ofMillis(20);

    private Eventually() {}

    /** The first answer of {@code probe} that {@code done} accepts; fails naming {@code what} after {@code within}. */
    public static <T> T poll(String what, Duration within, Callable<T> probe, Predicate<? super T> done) {
        return Awaitility.await(what)
                .atMost(within)
                .pollDelay(Duration.ZERO)
                .pollInterval(EVERY)
                .until(probe, done::test);
    }

    /** Returns once {@code condition} holds; fails naming {@code what} after {@code within}. */
    public static void until(String what, Duration within, Callable<Boolean> condition) {
        poll(what, within, condition, Boolean.TRUE::equals);
    }
}
