package io.traveler.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.Ids;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@ApplicationTest
class InterruptedImportsTests {
    @LocalServerPort
    int port;

    @Autowired
    InterruptedImports interrupted;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aJobLeftRunningByAnEarlierRunFailsAtStartUpAndOneOfThisRunIsLeftAlone() {
        var api = new Api(port);
        var owner = api.signUp("FACTORY");
        UUID orphan = runningJob(owner, Ids.newId());
        UUID ours = runningJob(owner, ImportService.RUNNER);

        interrupted.failInterruptedJobs();

        var failed = api.get("/api/imports/" + orphan).as(owner).send().json();
        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("finished_at").isNull()).isFalse();
        assertThat(failed.path("error_count").asInt()).isEqualTo(1);
        assertThat(failed.path("errors").get(0).path("row").asInt()).isZero();
        assertThat(failed.path("errors").get(0).path("message").asString()).isEqualTo(InterruptedImports.MESSAGE);
        assertThat(api.get("/api/imports/" + ours)
                        .as(owner)
                        .send()
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("RUNNING");
    }

    private UUID runningJob(Api.Tenant owner, UUID runner) {
        UUID id = Ids.newId();
        TenantContext.runAs(
                Tenant.user(owner.orgId(), owner.userId()),
                () -> transactions.executeWithoutResult(s -> jdbc.sql("""
                                insert into catalog.import_jobs (org_id, id, kind, status, content, runner, created_by,
                                                                 created_at, updated_at)
                                values (:org, :id, 'parts', 'RUNNING', '\\x', :runner, :by, now(), now())
                                """)
                        .param("org", owner.orgId())
                        .param("id", id)
                        .param("runner", runner)
                        .param("by", owner.userId())
                        .update()));
        return id;
    }
}
