package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Every transaction has a time budget: a statement past it is cancelled, and the request answers 503. */
@ApplicationTest
class StatementTimeoutTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aStatementPastTheBudgetIsCancelledAndEveryConnectionIsFineAfterwards() {
        var api = new Api(port);
        var owner = Tenants.in(context).signedIn("FACTORY");
        var tenant = Tenant.user(owner.orgId(), owner.userId());

        assertThatThrownBy(() -> TenantContext.runAs(
                        tenant,
                        () -> transactions.execute(s -> jdbc.sql("select pg_sleep(30)")
                                .query(Object.class)
                                .single())))
                .isInstanceOf(QueryTimeoutException.class);

        for (int i = 0; i < 20; i++) {
            String budget = TenantContext.callAs(
                    tenant,
                    () -> transactions.execute(s -> jdbc.sql("show statement_timeout")
                            .query(String.class)
                            .single()));
            assertThat(budget).isEqualTo("5s");
            // the budget is the transaction's own: a connection back in the pool carries none of it
            assertThat(jdbc.sql("show statement_timeout").query(String.class).single())
                    .isEqualTo("0");
        }
    }

    @Test
    void aListThatWaitsPastTheBudgetAnswers503WithRetryAfterAndTheNextOneIsServed() throws Exception {
        var api = new Api(port);
        var owner = Tenants.in(context).signedIn("FACTORY");
        var tenant = Tenant.user(owner.orgId(), owner.userId());
        var locked = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        // another transaction holds the parts table, so reading it waits: the statement outlives its budget
        var holder = CompletableFuture.runAsync(() -> TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(s -> {
                    jdbc.sql("lock table catalog.parts in access exclusive mode")
                            .update();
                    locked.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })));
        try {
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

            for (String list : new String[] {"/api/catalog/parts", "/api/catalog/parts?q=bolt"}) {
                var busy = api.get(list).as(owner).send();
                assertThat(busy.status()).as(list + " " + busy).isEqualTo(503);
                assertThat(busy.header("Content-Type")).startsWith("application/problem+json");
                assertThat(Long.parseLong(busy.header("Retry-After"))).isPositive();
            }
        } finally {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }

        assertThat(api.get("/api/catalog/parts").as(owner).send().status()).isEqualTo(200);
    }
}
