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
 */
public final class RequestAdmission extends OncePerRequestFilter {
    private final int limit;
    private final Semaphore places;
    private final long waitNanos;

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
        boolean admitted = admit();
        try {
            chain.doFilter(request, response);
        } finally {
            if (admitted) {
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
