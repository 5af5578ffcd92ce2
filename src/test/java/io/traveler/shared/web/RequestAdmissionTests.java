package io.traveler.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestAdmissionTests {

    @Test
    void noMoreThanTheLimitWorkAtOnceAndEveryRequestIsServed() throws Exception {
        var admission = new RequestAdmission(2, Duration.ofSeconds(30));
        var working = new AtomicInteger();
        var most = new AtomicInteger();
        var release = new CountDownLatch(1);
        Servlet handler = servlet(() -> {
            most.accumulateAndGet(working.incrementAndGet(), Math::max);
            await(release);
            working.decrementAndGet();
        });
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> requests = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                requests.add(threads.submit(() -> pass(admission, handler)));
            }
            waitUntil(() -> admission.waiting() == 4);
            assertThat(working).hasValue(2);
            assertThat(admission.working()).as("what its gauge reports").isEqualTo(2);
            release.countDown();
            for (Future<?> request : requests) {
                request.get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(most).hasValue(2);
        assertThat(admission.waiting()).isZero();
        assertThat(admission.working()).isZero();
    }

    @Test
    void admitsWaitingRequestsInTheOrderTheyCame() throws Exception {
        var admission = new RequestAdmission(1, Duration.ofSeconds(30));
        var entered = new CountDownLatch(1);
        var first = new CountDownLatch(1);
        var order = Collections.synchronizedList(new ArrayList<Integer>());
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            threads.submit(() -> pass(admission, servlet(() -> {
                entered.countDown();
                await(first);
            })));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<?>> requests = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int arrival = i;
                requests.add(threads.submit(() -> pass(admission, servlet(() -> order.add(arrival)))));
                waitUntil(() -> admission.waiting() == arrival + 1);
            }
            first.countDown();
            for (Future<?> request : requests) {
                request.get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aRequestNotAdmittedInTimeGoesAheadSoStuckRequestsCannotStopTheServer() throws Exception {
        var admission = new RequestAdmission(1, Duration.ofMillis(50));
        var stuck = new CountDownLatch(1);
        var served = new AtomicInteger();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var holder = holdTheOnlyPlace(admission, threads, stuck);
            threads.submit(() -> pass(admission, servlet(served::incrementAndGet)))
                    .get(10, TimeUnit.SECONDS);
            assertThat(served).as("served while the only place is held").hasValue(1);
            assertThat(holder).isNotDone();
            stuck.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFailingRequestGivesItsPlaceBack() throws Exception {
        var admission = new RequestAdmission(1, Duration.ofSeconds(30));
        Servlet failing = servlet(() -> {
            throw new IllegalStateException("boom");
        });
        assertThatThrownBy(() -> pass(admission, failing)).hasMessage("boom");
        var served = new AtomicInteger();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            threads.submit(() -> pass(admission, servlet(served::incrementAndGet)))
                    .get(10, TimeUnit.SECONDS);
        }
        assertThat(served).hasValue(1);
        assertThat(admission.waiting()).isZero();
    }

    @Test
    void theProbesSkipTheLineWhileEveryPlaceIsTaken() throws Exception {
        var admission = new RequestAdmission(1, Duration.ofSeconds(30));
        var stuck = new CountDownLatch(1);
        var served = new AtomicInteger();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var holder = holdTheOnlyPlace(admission, threads, stuck);
            for (String probe : List.of(
                    "/actuator/health/liveness", "/actuator/health/readiness", "/actuator//health/./liveness")) {
                threads.submit(() -> pass(admission, probe, servlet(served::incrementAndGet)))
                        .get(10, TimeUnit.SECONDS);
            }
            assertThat(served).as("probes served while the only place is held").hasValue(3);

            var queued = threads.submit(() -> pass(admission, "/api/stations", servlet(served::incrementAndGet)));
            waitUntil(() -> admission.waiting() == 1);
            assertThat(queued).as("anything else waits its turn").isNotDone();
            stuck.countDown();
            queued.get(10, TimeUnit.SECONDS);
            holder.get(10, TimeUnit.SECONDS);
            assertThat(served).hasValue(4);
        }
    }

    @Test
    void aRequestThatStepsAsideToWaitForOthersLetsTheNextOneInAndGivesItsPlaceBackOnlyOnce() throws Exception {
        var admission = new RequestAdmission(1, Duration.ofSeconds(30));
        var asideAndWaiting = new CountDownLatch(1);
        var othersDone = new CountDownLatch(1);
        var served = new AtomicInteger();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var waiter = threads.submit(() -> pass(admission, servlet(() -> {
                RequestAdmission.stepAside();
                RequestAdmission.stepAside();
                asideAndWaiting.countDown();
                await(othersDone);
            })));
            assertThat(asideAndWaiting.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(admission.working()).as("the waiter holds no place").isZero();
            threads.submit(() -> pass(admission, servlet(served::incrementAndGet)))
                    .get(10, TimeUnit.SECONDS);
            assertThat(served).as("served while the waiter waits").hasValue(1);
            othersDone.countDown();
            waiter.get(10, TimeUnit.SECONDS);
        }
        assertThat(admission.working()).isZero();
        assertThat(admission.waiting()).isZero();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var entered = new CountDownLatch(2);
            var stuck = new CountDownLatch(1);
            var first = threads.submit(() -> pass(admission, servlet(() -> {
                entered.countDown();
                await(stuck);
            })));
            // the second comes once the first holds the place (else it may come, pass and leave before the first)
            waitUntil(() -> entered.getCount() == 1);
            var second = threads.submit(() -> pass(admission, servlet(entered::countDown)));
            waitUntil(() -> admission.waiting() == 1);
            assertThat(entered.getCount())
                    .as("still one place: none was given back twice")
                    .isEqualTo(1);
            stuck.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        }
        RequestAdmission.stepAside();
        assertThat(admission.working())
                .as("outside a request, stepping aside gives nothing back")
                .isZero();
    }

    /** A request that has the admission's only place and keeps it until {@code stuck} opens. */
    private static Future<Void> holdTheOnlyPlace(
            RequestAdmission admission, ExecutorService threads, CountDownLatch stuck) throws InterruptedException {
        var entered = new CountDownLatch(1);
        var holder = threads.submit(() -> pass(admission, servlet(() -> {
            entered.countDown();
            await(stuck);
        })));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    private static Void pass(RequestAdmission admission, Servlet handler) throws Exception {
        return pass(admission, "/api/stations", handler);
    }

    private static Void pass(RequestAdmission admission, String path, Servlet handler) throws Exception {
        admission.doFilter(
                new MockHttpServletRequest("GET", path), new MockHttpServletResponse(), new MockFilterChain(handler));
        return null;
    }

    private static Servlet servlet(Runnable work) {
        return new HttpServlet() {
            @Override
            protected void service(
                    jakarta.servlet.http.HttpServletRequest request,
                    jakarta.servlet.http.HttpServletResponse response) {
                work.run();
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
