package io.traveler.production.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.errors.TryLaterException;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A device's lane holds a bounded number of waiting scans: one more is refused with a try-again answer instead of
 * queueing without end, and other devices' lanes are not affected. The group's transaction is held by the test (it
 * waits until let go, then fails, so every scan is written alone through the scan service, here a mock).
 */
class ScanLaneLimitTests {
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final int LIMIT = 3;

    private final ScanService scans = mock(ScanService.class);
    private final HeldTransactions transactions = new HeldTransactions();
    private final ScanGroups groups = new ScanGroups(scans, transactions, new SimpleMeterRegistry(), LIMIT);
    private final Tenant operator = Tenant.user(UUID.randomUUID(), UUID.randomUUID());
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        transactions.letGo.countDown();
        requests.shutdownNow();
    }

    @Test
    void aDeviceWithItsLimitOfScansWaitingIsToldToSendAgainAndTheOthersAreWritten() throws Exception {
        Future<?> first = scan("scanner-1", "SN-1");
        transactions.awaitWriting();
        List<Future<?>> behind = new ArrayList<>();
        for (int i = 2; i <= LIMIT + 1; i++) {
            behind.add(scan("scanner-1", "SN-" + i));
        }
        Eventually.until(LIMIT + " scans waiting in the lane", WITHIN, () -> groups.waiting() == LIMIT);

        Future<?> oneTooMany = scan("scanner-1", "SN-99");
        assertThatThrownBy(() -> oneTooMany.get(20, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(TryLaterException.class, refused -> {
                    assertThat(refused.kind()).isEqualTo(TravelerException.Kind.TOO_MANY);
                    assertThat(refused.retryAfter()).isPositive();
                    assertThat(refused.getMessage()).contains(LIMIT + " scans waiting", "offline batch");
                });
        assertThat(groups.waiting())
                .as("the refused scan did not join the lane")
                .isEqualTo(LIMIT);

        Future<?> otherDevice = scan("scanner-2", "SN-50");
        transactions.awaitWriting();

        transactions.letGo.countDown();
        first.get(20, TimeUnit.SECONDS);
        for (Future<?> scan : behind) {
            scan.get(20, TimeUnit.SECONDS);
        }
        otherDevice.get(20, TimeUnit.SECONDS);
        verify(scans, times(1 + LIMIT + 1)).scan(any());
        assertThat(groups.waiting()).isZero();
    }

    private Future<?> scan(String device, String serial) {
        return requests.submit(() -> TenantContext.runAs(operator, () -> groups.scan(start(device, serial))));
    }

    private static Scan start(String device, String serial) {
        return new Scan(serial, UUID.randomUUID(), "start", null, null, null, null, null, null, device);
    }

    /** Transactions that wait until the test lets go, then fail as a whole. */
    private static final class HeldTransactions extends TransactionTemplate {
        final CountDownLatch letGo = new CountDownLatch(1);
        final Semaphore writing = new Semaphore(0);

        @Override
        public <T> T execute(TransactionCallback<T> action) throws TransactionException {
            writing.release();
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the database refused the group");
        }

        /** Waits until one more group's transaction has begun. */
        void awaitWriting() throws InterruptedException {
            assertThat(writing.tryAcquire(20, TimeUnit.SECONDS))
                    .as("a group being written")
                    .isTrue();
        }
    }
}
