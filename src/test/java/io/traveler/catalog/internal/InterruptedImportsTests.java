package io.traveler.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.Ids;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Eventually;
import java.time.Duration;
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

        var failed = api.get("/api/import-jobs/" + orphan).as(owner).send().json();
        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("finished_at").isNull()).isFalse();
        assertThat(failed.path("error_count").asInt()).isEqualTo(1);
        assertThat(failed.path("errors").get(0).path("row").asInt()).isZero();
        assertThat(failed.path("errors").get(0).path("message").asString()).isEqualTo(InterruptedImports.MESSAGE);
        assertThat(api.get("/api/import-jobs/" + ours)
                        .as(owner)
                        .send()
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("RUNNING");
    }

    /** Each batch commits its rows with its progress, so a worker whose job was failed stores nothing more. */
    @Test
    void aWorkerWhoseJobWasFailedStopsAndItsStoredRowsMatchTheProgress() {
        var api = new Api(port);
        var owner = api.signUp("FACTORY");
        var csv = new StringBuilder("part_number,name,kind,unit_of_measure,unit_cost\n");
        for (int i = 0; i < 60_000; i++) {
            csv.append("STOP-").append(i).append(",Part ").append(i).append(",COMPONENT,ea,1\n");
        }
        var started =
                api.post("/api/imports/parts").as(owner).csv(csv.toString()).send();
        UUID job = started.id();
        var tenant = Tenant.user(owner.orgId(), owner.userId());
        Eventually.until(
                "the import's first batch to commit", Duration.ofSeconds(20), () -> processed(tenant, job) > 0);
        TenantContext.runAs(
                tenant,
                () -> transactions.executeWithoutResult(s -> jdbc.sql(
                                "update catalog.import_jobs set status = 'FAILED', finished_at = now() where id = :id")
                        .param("id", job)
                        .update()));
        Eventually.until(
                "the worker to stop",
                Duration.ofSeconds(20),
                () -> jdbc.sql(
                                        "select count(*) from scheduled_tasks where task_name = 'catalog-import' and task_instance = :id")
                                .param("id", job.toString())
                                .query(Long.class)
                                .single()
                        == 0);

        var failed = api.get("/api/import-jobs/" + job).as(owner).send().json();
        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        int processed = failed.path("processed_rows").asInt();
        assertThat(processed).isBetween(1, 59_999);
        long stored = TenantContext.callAs(
                tenant,
                () -> transactions.execute(s -> jdbc.sql("select count(*) from catalog.parts")
                        .query(Long.class)
                        .single()));
        assertThat(stored).isEqualTo(processed);
    }

    private int processed(Tenant tenant, UUID job) {
        return TenantContext.callAs(
                tenant,
                () -> transactions.execute(
                        s -> jdbc.sql("select processed_rows from catalog.import_jobs where id = :id")
                                .param("id", job)
                                .query(Integer.class)
                                .single()));
    }

    private UUID runningJob(Api.Tenant owner, UUID runner) {
        UUID id = Ids.newId();
        TenantContext.runAs(
                Tenant.user(owner.orgId(), owner.userId()),
                () -> transactions.executeWithoutResult(s -> jdbc.sql("""
                                insert into catalog.import_jobs (org_id, id, kind, status, file, runner, created_by,
                                                                 created_at, updated_at)
                                values (:org, :id, 'parts', 'RUNNING', :file, :runner, :by, now(), now())
                                """)
                        .param("file", Ids.newId() + ".import")
                        .param("org", owner.orgId())
                        .param("id", id)
                        .param("runner", runner)
                        .param("by", owner.userId())
                        .update()));
        return id;
    }
}
