package io.traveler.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets at most {@code limit} requests work at once and admits the others in the order they came (a fair semaphore).
 *
 * <p>Why: every request runs on a virtual thread, so without a bound all of them run at once on the few carrier
 * threads, and each one that waits for PostgreSQL goes to the back of the scheduler's queue behind all the others.
 * Under load a request's time then depends on how often it waited, not on when it came: at 64 connections on two
 * cores the median of {@code /actuator/health} was 18 ms and its 99th percentile 120 ms. Admitted in order, a few at
 * a time, requests wait their turn once, up front, and the spread shrinks to the work itself.
 *
 * <p>A request that is not admitted within {@code wait} goes ahead anyway: a few stuck requests (a slow upload, a
 * long export) can delay the others by that much, never stop them. A request that goes asynchronous (a live
 * stream) gives its place back when its first dispatch returns, so streams hold none. The probes' paths ({@code
 * /actuator/health/liveness}, {@code /readiness}) are not queued.
 *
 * <p>A request about to wait for other requests' work (a scan whose group another request writes) gives its place
 * back first ({@link #stepAside()}), so the requests behind it can come in meanwhile; it finishes without one.
 */
public final class RequestAdmission extends OncePerRequestFilter {
    private final int limit;
    private final Semaphore places;
    private final long waitNanos;
    private static final ThreadLocal<Place> CURRENT = new ThreadLocal<>();

    public RequestAdmission(int limit, Duration wait) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.places = new Semaphore(limit, true);
        this.waitNanos = wait.toNanos();
    }

    /** Kubernetes' probes answer at once: a probe timed out in a busy server's line would restart it. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return RoutedPath.of(request).startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Place place = new Place(admit());
        Place outer = CURRENT.get();
        CURRENT.set(place);
        try {
            chain.doFilter(request, response);
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
            place.giveBack();
        }
    }

    /**
     * Gives the current request's place back, if it holds one: for a request that is about to wait for other
     * requests' work, not to do its own. It finishes without a place.
     */
    public static void stepAside() {
        Place place = CURRENT.get();
        if (place != null) {
            place.giveBack();
        }
    }

    /** A request's place in the line, given back once. */
    private final class Place {
        private boolean held;

        Place(boolean held) {
            this.held = held;
        }

        void giveBack() {
            if (held) {
                held = false;
                places.release();
            }
        }
    }

    /** Requests waiting for a place now. */
    int waiting() {
        return places.getQueueLength();
    }

    /** Requests holding a place now. */
    int working() {
        return limit - places.availablePermits();
    }

    private boolean admit() {
        try {
            return places.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
