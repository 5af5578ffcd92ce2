package io.traveler.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.Ids;
import io.traveler.shared.jobs.DeadExecutions;
import io.traveler.shared.jobs.JobRunner;
import io.traveler.shared.jobs.TransactionalScheduler;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * An import whose node died while running it: db-scheduler notices the execution's stopped heartbeat and revives it
 * on a live node. Parts and products resume after the rows their committed batches counted; the kinds that read the
 * whole file first end FAILED saying the import was interrupted.
 */
@ApplicationTest
class InterruptedImportsTests {
    private static final String PARTS_HEADER = "part_number,name,kind,unit_of_measure,unit_cost\n";

    @LocalServerPort
    int port;

    @Value("${traveler.data-dir}")
    Path dataDir;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TransactionalScheduler scheduler;

    @Test
    void aPartsImportWhoseNodeDiedResumesAfterTheBatchesItCommitted() throws Exception {
        var api = new Api(port);
        var owner = api.signUp("FACTORY");
        var csv = new StringBuilder(PARTS_HEADER);
        for (int row = 1; row <= 1_200; row++) {
            csv.append("RES-")
                    .append(row)
                    .append(",Part ")
                    .append(row)
                    .append(',')
                    .append(row == 800 ? "NOPE" : "COMPONENT")
                    .append(",ea,1\n");
        }
        UUID job = queuedImport(owner, "catalog.parts-import", csv.toString());
        DeadExecutions.leave(jdbc, transactions, scheduler, tenant(owner), job, 500);

        JsonNode resumed = awaitFinished(api, owner, job);

        assertThat(resumed.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(resumed.path("processed_rows").asLong()).isEqualTo(1_200);
        assertThat(resumed.path("failed_rows").asLong()).isEqualTo(1);
        assertThat(resumed.path("errors").get(0).path("row").asLong()).isEqualTo(800);
        // the first 500 rows were the dead worker's to write (here they never were): the resumed one skips them
        assertThat(count(owner, "select count(*) from catalog.parts where part_number like 'RES-%'"))
                .isEqualTo(699);
        assertThat(count(owner, "select count(*) from catalog.parts where part_number = 'RES-500'"))
                .isZero();
        assertThat(count(owner, "select count(*) from catalog.parts where part_number = 'RES-501'"))
                .isOne();
    }

    @Test
    void aBomLineImportWhoseNodeDiedEndsFailedAsInterrupted() throws Exception {
        var api = new Api(port);
        var owner = api.signUp("FACTORY");
        UUID job = queuedImport(
                owner, "catalog.bom-lines-import", "parent_sku,component_number,quantity,waste_factor\nX,Y,1,0\n");
        DeadExecutions.leave(jdbc, transactions, scheduler, tenant(owner), job, 0);

        JsonNode failed = awaitFinished(api, owner, job);

        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("finished_at").isNull()).isFalse();
        assertThat(failed.path("error_count").asInt()).isEqualTo(1);
        assertThat(failed.path("errors").get(0).path("row").asInt()).isZero();
        assertThat(failed.path("errors").get(0).path("message").asString()).isEqualTo(JobRunner.INTERRUPTED);
    }

    private UUID queuedImport(Api.Tenant owner, String kind, String content) throws Exception {
        UUID id = Ids.newId();
        String file = Ids.newId() + ".job";
        Files.createDirectories(dataDir.resolve("uploads"));
        Files.writeString(dataDir.resolve("uploads").resolve(file), content);
        TenantContext.runAs(
                tenant(owner),
                () -> transactions.executeWithoutResult(s -> jdbc.sql("""
                        insert into shared.jobs (org_id, id, kind, status, parameters, file, file_bytes, created_by,
                                                 created_by_kind, created_at, updated_at)
                        values (:org, :id, :kind, 'QUEUED', '{"format": "csv", "activate": "false"}', :file,
                                :bytes, :by, 'USER', now(), now())
                        """)
                        .param("org", owner.orgId())
                        .param("id", id)
                        .param("kind", kind)
                        .param("file", file)
                        .param("bytes", content.length())
                        .param("by", owner.userId())
                        .update()));
        return id;
    }

    private static JsonNode awaitFinished(Api api, Api.Tenant owner, UUID job) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode state = api.get("/api/import-jobs/" + job).as(owner).send().json();
            if (!List.of("QUEUED", "RUNNING").contains(state.path("status").asString())) {
                return state;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("import " + job + " unfinished after 30 s");
    }

    private long count(Api.Tenant owner, String sql) {
        return TenantContext.callAs(
                tenant(owner),
                () -> transactions.execute(s -> jdbc.sql(sql).query(Long.class).single()));
    }

    private static Tenant tenant(Api.Tenant owner) {
        return Tenant.user(owner.orgId(), owner.userId());
    }
}
