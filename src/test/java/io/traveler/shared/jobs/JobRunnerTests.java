package io.traveler.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.Ids;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The job runner's contract, for any kind: progress, errors, cancellation, dead workers, retention, tenancy. */
@ApplicationTest
class JobRunnerTests {
    @LocalServerPort
    int port;

    @Value("${traveler.data-dir}")
    Path dataDir;

    @Autowired
    JobRunner jobs;

    @Autowired
    JobRetention retention;

    @Autowired
    TransactionalScheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    Api api;
    Api.Tenant owner;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        owner = api.signUp("FACTORY");
    }

    @Test
    void aJobThatFailsMidwayKeepsItsErrorsAndTheBatchesItCommitted() throws Exception {
        UUID job =
                start(owner, SteppedJobHandler.KIND, steps("MID", 10, 2, Map.of("error_every", "3", "fail_at", "7")));

        JsonNode failed = awaitFinished(owner, job);

        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("total_units").asLong()).isEqualTo(10);
        assertThat(failed.path("processed_units").asLong()).isEqualTo(6);
        assertThat(categories(owner, "MID-")).isEqualTo(6);
        // units 3 and 6 were committed with their batches; the fatal error of the failing batch is row 0
        assertThat(failed.path("error_count").asLong()).isEqualTo(3);
        assertThat(failed.path("failed_units").asLong()).isEqualTo(2);
        var errors = api.get("/api/jobs/" + job + "/errors").as(owner).send();
        assertThat(errors.status()).isEqualTo(200);
        assertThat(errors.json().path("errors").valueStream().map(e -> e.path("row")
                        .asLong()))
                .containsExactly(3L, 6L, 0L);
        assertThat(errors.json().path("errors").get(2).path("message").asString())
                .isEqualTo("unit 7 cannot be done");
        var csv = api.get("/api/jobs/" + job + "/errors?format=csv").as(owner).send();
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<CSVRecord> records = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new java.io.StringReader(csv.raw().body()))
                .getRecords();
        assertThat(records).hasSize(3);
        // a message starting like a formula is quoted for spreadsheets
        assertThat(records.get(0).get("message")).isEqualTo("'=unit 3 is odd");
    }

    @Test
    void cancellingARunningJobStopsItAfterTheBatchItIsInAndKeepsWhatItCommitted() {
        UUID job = start(owner, SteppedJobHandler.KIND, steps("CAN", 20, 2, Map.of("gated", "true")));
        SteppedJobHandler.allow(job, 1);
        await(() -> processed(owner, job) == 2, "the first batch");

        var cancelling = api.post("/api/jobs/" + job + "/cancel").as(owner).send();
        assertThat(cancelling.status()).as(cancelling.toString()).isEqualTo(200);
        assertThat(cancelling.json().path("status").asString()).isEqualTo("RUNNING");
        assertThat(cancelling.json().path("cancel_requested").asBoolean()).isTrue();
        SteppedJobHandler.allow(job, 10);
        JsonNode cancelled = awaitFinished(owner, job);

        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("processed_units").asLong()).isEqualTo(4);
        assertThat(categories(owner, "CAN-")).isEqualTo(4);
        assertThat(cancelled.path("finished_at").isNull()).isFalse();
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndItsExecutionDoesNothing() {
        UUID job = queued(owner, SteppedJobHandler.KIND, steps("QUE", 4, 2, Map.of()));

        var cancelled = api.post("/api/jobs/" + job + "/cancel").as(owner).send();
        assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLED");
        as(owner, () -> {
            scheduler.schedule(JobRunner.TASK
                    .instance(job.toString())
                    .data(new JobRunner.Order(owner.orgId(), owner.userId(), Tenant.ActorKind.USER, job))
                    .scheduledTo(Instant.now()));
            return null;
        });
        await(() -> DeadExecutions.executionDone(jdbc, job), "the execution of the cancelled job");

        JsonNode after = api.get("/api/jobs/" + job).as(owner).send().json();
        assertThat(after.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(after.path("processed_units").asLong()).isZero();
        assertThat(categories(owner, "QUE-")).isZero();
        var again = api.post("/api/jobs/" + job + "/cancel").as(owner).send();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("status").asString()).isEqualTo("CANCELLED");
    }

    /** The node running it died: db-scheduler revives its execution on a live node, which resumes after the done units. */
    @Test
    void aJobWhoseNodeDiedIsResumedAfterTheUnitsItCommitted() {
        UUID job = queued(owner, SteppedJobHandler.KIND, steps("RES", 10, 2, Map.of()));
        DeadExecutions.leave(jdbc, transactions, scheduler, tenant(owner), job, 4);

        JsonNode resumed = awaitFinished(owner, job);

        assertThat(resumed.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(resumed.path("processed_units").asLong()).isEqualTo(10);
        assertThat(categories(owner, "RES-")).isEqualTo(6);
        assertThat(attempts(owner, job)).isEqualTo(2);
    }

    @Test
    void aJobWhoseNodeDiedIsFailedWhenItsKindCannotResume() {
        UUID job = queued(owner, FragileJobHandler.KIND, steps("FRA", 10, 2, Map.of()));
        DeadExecutions.leave(jdbc, transactions, scheduler, tenant(owner), job, 4);

        JsonNode failed = awaitFinished(owner, job);

        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("processed_units").asLong()).isEqualTo(4);
        assertThat(failed.path("errors").get(0).path("row").asLong()).isZero();
        assertThat(failed.path("errors").get(0).path("message").asString()).isEqualTo(JobRunner.INTERRUPTED);
        assertThat(categories(owner, "FRA-")).isZero();
    }

    /** A worker thought dead but alive (its job taken over by another attempt) can no longer write. */
    @Test
    void aWorkerWhoseJobWasTakenOverStopsAndCommitsNothingMore() {
        UUID job = start(owner, SteppedJobHandler.KIND, steps("TAK", 10, 2, Map.of("gated", "true")));
        SteppedJobHandler.allow(job, 1);
        await(() -> processed(owner, job) == 2, "the first batch");
        as(owner, () -> jdbc.sql("update shared.jobs set worker = gen_random_uuid() where id = :id")
                .param("id", job)
                .update());

        SteppedJobHandler.allow(job, 10);
        await(() -> DeadExecutions.executionDone(jdbc, job), "the old worker to stop");

        assertThat(processed(owner, job)).isEqualTo(2);
        assertThat(categories(owner, "TAK-")).isEqualTo(2);
        assertThat(api.get("/api/jobs/" + job).as(owner).send().text("status")).isEqualTo("RUNNING");
    }

    @Test
    void retentionForgetsOldFilesAndDeletesOldJobsWithTheirErrorsInEveryOrganization() throws Exception {
        var other = api.signUp("FACTORY");
        String csv = "part_number,name,kind,unit_of_measure,unit_cost\nRET-1,Bolt,NOPE,ea,1\n";
        UUID ancient = importAndWait(owner, csv);
        UUID old = importAndWait(owner, csv);
        UUID othersAncient = importAndWait(other, csv);
        UUID recent = importAndWait(owner, csv);
        UUID stillQueued = queued(owner, SteppedJobHandler.KIND, steps("RQ", 1, 1, Map.of()));
        Path ancientFile = file(owner, ancient);
        Path oldFile = file(owner, old);
        Path othersFile = file(other, othersAncient);
        Path recentFile = file(owner, recent);
        finishedAgo(owner, ancient, Duration.ofDays(100));
        finishedAgo(other, othersAncient, Duration.ofDays(100));
        finishedAgo(owner, old, Duration.ofDays(8));
        as(owner, () -> jdbc.sql("update shared.jobs set created_at = now() - interval '200 days' where id = :id")
                .param("id", stillQueued)
                .update());

        var purged = retention.purgeFinishedBefore(
                Instant.now().minus(Duration.ofDays(7)), Instant.now().minus(Duration.ofDays(90)));

        assertThat(purged).extracting(JobRetention.Purged::jobId).contains(ancient, othersAncient, old);
        assertThat(api.get("/api/jobs/" + ancient).as(owner).send().status()).isEqualTo(404);
        assertThat(api.get("/api/jobs/" + othersAncient).as(other).send().status())
                .isEqualTo(404);
        assertThat(as(owner, () -> jdbc.sql("select count(*) from shared.job_errors where job_id = :id")
                        .param("id", ancient)
                        .query(Long.class)
                        .single()))
                .isZero();
        assertThat(ancientFile).doesNotExist();
        assertThat(othersFile).doesNotExist();
        assertThat(oldFile).doesNotExist();
        JsonNode kept = api.get("/api/jobs/" + old).as(owner).send().json();
        assertThat(kept.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(kept.path("error_count").asLong()).isEqualTo(1);
        assertThat(recentFile).exists();
        assertThat(api.get("/api/jobs/" + stillQueued).as(owner).send().text("status"))
                .isEqualTo("QUEUED");
    }

    @Test
    void anotherOrganizationsJobIsNotFoundAndAMemberWithoutItsKindsPermissionIsRefused() {
        UUID job = importAndWait(owner, "part_number,name,kind,unit_of_measure,unit_cost\nTEN-1,Bolt,HARDWARE,ea,1\n");
        var stranger = api.signUp("FACTORY");
        for (var request : List.of(
                api.get("/api/jobs/" + job),
                api.get("/api/jobs/" + job + "/errors"),
                api.post("/api/jobs/" + job + "/cancel"))) {
            assertThat(request.as(stranger).send().status()).isEqualTo(404);
        }
        assertThat(api.get("/api/jobs").as(stranger).send().raw().body()).doesNotContain(job.toString());

        var jobsOnly = member(owner, "jobs:read", "jobs:cancel");
        assertThat(api.get("/api/jobs/" + job).as(jobsOnly).send().status()).isEqualTo(403);
        assertThat(api.get("/api/jobs/" + job + "/errors").as(jobsOnly).send().status())
                .isEqualTo(403);
        assertThat(api.get("/api/jobs?kind=catalog.parts-import")
                        .as(jobsOnly)
                        .send()
                        .status())
                .isEqualTo(403);
        var listed = api.get("/api/jobs").as(jobsOnly).send();
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").size()).isZero();

        var reader = member(owner, "jobs:read", "jobs:cancel", "catalog:read");
        assertThat(api.get("/api/jobs/" + job).as(reader).send().status()).isEqualTo(200);
        assertThat(api.get("/api/jobs").as(reader).send().raw().body()).contains(job.toString());
        var cancel = api.post("/api/jobs/" + job + "/cancel").as(reader).send();
        assertThat(cancel.status()).isEqualTo(403);
        assertThat(cancel.json().path("detail").asString()).contains("catalog:manage");
    }

    @Test
    void theListIsNewestFirstFilteredByKindAndStatusAndPaged() {
        UUID first = importAndWait(owner, "sku,name\nL-1,One\n", "products");
        UUID second = importAndWait(owner, "sku,name\nL-2,Two\n", "products");
        UUID queued = queued(owner, SteppedJobHandler.KIND, steps("LQ", 1, 1, Map.of()));

        var page = api.get("/api/jobs?limit=2").as(owner).send().json();
        assertThat(page.path("items").valueStream().map(j -> j.path("id").asString()))
                .containsExactly(queued.toString(), second.toString());
        var next = api.get(
                        "/api/jobs?limit=2&cursor=" + page.path("next_cursor").asString())
                .as(owner)
                .send()
                .json();
        assertThat(next.path("items").valueStream().map(j -> j.path("id").asString()))
                .containsExactly(first.toString());
        var imports = api.get("/api/jobs?kind=catalog.products-import&status=completed")
                .as(owner)
                .send()
                .json();
        assertThat(imports.path("items").valueStream().map(j -> j.path("id").asString()))
                .containsExactly(second.toString(), first.toString());
        var badStatus = api.get("/api/jobs?status=LOST").as(owner).send();
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.raw().body()).contains("status");
        var badKind = api.get("/api/jobs?kind=nothing.known").as(owner).send();
        assertThat(badKind.status()).isEqualTo(422);
        assertThat(badKind.raw().body()).contains("kind");
    }

    /** What a restart finds: a job QUEUED with its execution stored; the scheduler takes it like any other. */
    @Test
    void aQueuedJobWithItsStoredExecutionIsTakenByAWorkerAndAJobRolledBackLeavesNoExecution() {
        UUID job = queued(owner, SteppedJobHandler.KIND, steps("RST", 2, 2, Map.of()));
        UUID rolledBack = Ids.newId();
        as(owner, () -> {
            scheduler.schedule(JobRunner.TASK
                    .instance(job.toString())
                    .data(new JobRunner.Order(owner.orgId(), owner.userId(), Tenant.ActorKind.USER, job))
                    .scheduledTo(Instant.now()));
            return null;
        });
        TenantContext.runAs(
                tenant(owner),
                () -> transactions.executeWithoutResult(s -> {
                    scheduler.schedule(JobRunner.TASK
                            .instance(rolledBack.toString())
                            .data(new JobRunner.Order(owner.orgId(), owner.userId(), Tenant.ActorKind.USER, rolledBack))
                            .scheduledTo(Instant.now().plusSeconds(3600)));
                    s.setRollbackOnly();
                }));

        assertThat(awaitFinished(owner, job).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(DeadExecutions.executionDone(jdbc, rolledBack)).isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Map<String, String> steps(String prefix, int units, int batch, Map<String, String> more) {
        Map<String, String> parameters = new HashMap<>(more);
        parameters.put("prefix", prefix + "-" + Ids.newId().toString().substring(0, 8));
        parameters.put("units", Integer.toString(units));
        parameters.put("batch", Integer.toString(batch));
        return parameters;
    }

    private UUID start(Api.Tenant tenant, String kind, Map<String, String> parameters) {
        return TenantContext.callAs(tenant(tenant), () -> jobs.start(kind, parameters, null));
    }

    /** A job stored QUEUED with no execution, as one waiting behind others would be. */
    private UUID queued(Api.Tenant tenant, String kind, Map<String, String> parameters) {
        UUID id = Ids.newId();
        as(tenant, () -> jdbc.sql("""
                        insert into shared.jobs (org_id, id, kind, status, parameters, created_by, created_by_kind,
                                                 created_at, updated_at)
                        values (:org, :id, :kind, 'QUEUED', cast(:parameters as jsonb), :by, 'USER', now(), now())
                        """)
                .param("org", tenant.orgId())
                .param("id", id)
                .param("kind", kind)
                .param(
                        "parameters",
                        tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(parameters))
                .param("by", tenant.userId())
                .update());
        return id;
    }

    private UUID importAndWait(Api.Tenant tenant, String csv) {
        return importAndWait(tenant, csv, "parts");
    }

    private UUID importAndWait(Api.Tenant tenant, String csv, String kind) {
        var started = api.post("/api/imports/" + kind).as(tenant).csv(csv).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        awaitFinished(tenant, started.id());
        return started.id();
    }

    private JsonNode awaitFinished(Api.Tenant tenant, UUID job) {
        JsonNode[] last = {null};
        await(
                () -> {
                    last[0] = api.get("/api/jobs/" + job).as(tenant).send().json();
                    return !List.of("QUEUED", "RUNNING")
                            .contains(last[0].path("status").asString());
                },
                "job " + job + " to finish");
        return last[0];
    }

    /** Polls until the condition holds, for at most 30 s. */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private Api.Tenant member(Api.Tenant admin, String... permissions) {
        var role = api.post("/api/roles")
                .as(admin)
                .body(Map.of("name", "Jobs " + UUID.randomUUID(), "permissions", List.of(permissions)))
                .send();
        assertThat(role.status()).as(role.toString()).isEqualTo(201);
        return api.addMember(admin, role.text("id"));
    }

    private long processed(Api.Tenant tenant, UUID job) {
        return as(tenant, () -> jdbc.sql("select processed_units from shared.jobs where id = :id")
                .param("id", job)
                .query(Long.class)
                .single());
    }

    private int attempts(Api.Tenant tenant, UUID job) {
        return as(tenant, () -> jdbc.sql("select attempts from shared.jobs where id = :id")
                .param("id", job)
                .query(Integer.class)
                .single());
    }

    private long categories(Api.Tenant tenant, String prefix) {
        return as(tenant, () -> jdbc.sql("select count(*) from catalog.categories where code like :prefix")
                .param("prefix", prefix + "%")
                .query(Long.class)
                .single());
    }

    private void finishedAgo(Api.Tenant tenant, UUID job, Duration ago) {
        as(tenant, () -> jdbc.sql("""
                        update shared.jobs set created_at = now() - cast(:ago as interval),
                                               finished_at = now() - cast(:ago as interval)
                         where id = :id
                        """)
                .param("ago", ago.toSeconds() + " seconds")
                .param("id", job)
                .update());
    }

    private Path file(Api.Tenant tenant, UUID job) {
        String name = as(tenant, () -> jdbc.sql("select file from shared.jobs where id = :id")
                .param("id", job)
                .query(String.class)
                .single());
        Path path = dataDir.resolve("uploads").resolve(name);
        assertThat(Files.exists(path)).isTrue();
        return path;
    }

    private static Tenant tenant(Api.Tenant tenant) {
        return Tenant.user(tenant.orgId(), tenant.userId());
    }

    private <T> T as(Api.Tenant tenant, Supplier<T> work) {
        return TenantContext.callAs(tenant(tenant), () -> transactions.execute(s -> work.get()));
    }
}
