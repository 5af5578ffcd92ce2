package io.traveler.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.Ids;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.ImportJobs;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Imports are files on disk, queued on a bounded pool and limited per organization, in jobs and in stored bytes. */
@ApplicationTest
class ImportLimitsTests {
    private static final String PARTS_HEADER = "part_number,name,kind,unit_of_measure,unit_cost\n";

    @LocalServerPort
    int port;

    @Value("${traveler.data-dir}")
    Path dataDir;

    @Value("${traveler.jobs.max-queued-per-organization}")
    int maxQueued;

    @Value("${traveler.jobs.max-stored-bytes-per-organization}")
    org.springframework.util.unit.DataSize maxStoredBytesSize;

    long maxStoredBytes;

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
        maxStoredBytes = maxStoredBytesSize.toBytes();
    }

    @Test
    void aChunkedImportBeyondTheImportLimitIs413AndLeavesNoJobAndNoFile() throws Exception {
        long before = uploads();
        byte[] header = PARTS_HEADER.getBytes(StandardCharsets.US_ASCII);
        InputStream body = new SequenceInputStream(
                new java.io.ByteArrayInputStream(header), repeated((byte) 'x', (64L << 20) + 1));

        var response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports/parts"))
                                .timeout(Duration.ofSeconds(120))
                                .header("Authorization", "Bearer " + owner.token())
                                .header("Content-Type", "text/csv")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(jobCount(owner)).isZero();
        assertThat(uploads()).isEqualTo(before);
    }

    @Test
    void theImportedFileLiesOnDiskAndTheDatabaseKeepsOnlyItsName() throws Exception {
        String csv = PARTS_HEADER + "DISK-1,Bolt,HARDWARE,ea,0.10\n";
        JsonNode job = importAndWait(owner, csv);

        assertThat(job.path("status").asString()).isEqualTo("COMPLETED");
        String file = fileOf(owner, UUID.fromString(job.path("id").asString()));
        assertThat(Files.readString(dataDir.resolve("uploads").resolve(file))).isEqualTo(csv);
        long byteColumns = jdbc.sql("""
                        select count(*) from information_schema.columns
                         where table_schema = 'shared' and table_name = 'jobs' and data_type = 'bytea'
                        """).query(Long.class).single();
        assertThat(byteColumns).isZero();
    }

    @Test
    void anOrganizationWithItsLimitOfUnfinishedImportsGets429WhileAnotherCanStillImport() {
        for (int i = 0; i < maxQueued; i++) {
            queuedJob(owner);
        }

        var refused = api.post("/api/imports/parts")
                .as(owner)
                .csv(PARTS_HEADER + "MANY-1,Bolt,HARDWARE,ea,1\n")
                .send();

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(jobCount(owner)).isEqualTo(maxQueued);

        var other = api.signUp("FACTORY");
        JsonNode theirs = importAndWait(other, PARTS_HEADER + "MANY-1,Bolt,HARDWARE,ea,1\n");
        assertThat(theirs.path("status").asString()).isEqualTo("COMPLETED");
    }

    /**
     * A loop of failing uploads must not fill the disk: files of finished jobs are kept until their retention ends,
     * and count toward the organization's limit until then.
     */
    @Test
    void theKeptFilesOfFinishedJobsCountTowardTheOrganizationsStorageLimit() {
        UUID failed = finishedJobKeeping(owner, maxStoredBytes);

        var refused = api.post("/api/imports/parts")
                .as(owner)
                .csv(PARTS_HEADER + "FULL-1,Bolt,HARDWARE,ea,1\n")
                .send();

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.json().path("detail").asString()).contains("job files");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        as(owner, () -> jdbc.sql("update shared.jobs set file_purged_at = now() where id = :id")
                .param("id", failed)
                .update());
        assertThat(importAndWait(owner, PARTS_HEADER + "FULL-1,Bolt,HARDWARE,ea,1\n")
                        .path("status")
                        .asString())
                .isEqualTo("COMPLETED");
    }

    private JsonNode importAndWait(Api.Tenant tenant, String csv) {
        var started = api.post("/api/imports/parts").as(tenant).csv(csv).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return ImportJobs.awaitFinished(api, tenant, started.text("id"));
    }

    /** A job waiting for a worker, as one of a busy organization would (no execution is scheduled for it). */
    private UUID queuedJob(Api.Tenant tenant) {
        UUID id = Ids.newId();
        String file = Ids.newId() + ".import";
        as(tenant, () -> {
            try {
                Files.createDirectories(dataDir.resolve("uploads"));
                Files.writeString(upload(file), PARTS_HEADER);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return jdbc.sql("""
                            insert into shared.jobs (org_id, id, kind, status, parameters, file, created_by,
                                                     created_by_kind, created_at, updated_at)
                            values (:org, :id, 'catalog.parts-import', 'QUEUED', '{"format": "csv"}', :file, :by,
                                    'USER', now(), now())
                            """)
                    .param("org", tenant.orgId())
                    .param("id", id)
                    .param("file", file)
                    .param("by", tenant.userId())
                    .update();
        });
        return id;
    }

    /** A FAILED job whose file of {@code bytes} is still kept (the file itself need not exist for the count). */
    private UUID finishedJobKeeping(Api.Tenant tenant, long bytes) {
        UUID id = Ids.newId();
        as(tenant, () -> jdbc.sql("""
                        insert into shared.jobs (org_id, id, kind, status, file, file_bytes, created_by,
                                                 created_by_kind, created_at, updated_at, finished_at)
                        values (:org, :id, 'catalog.parts-import', 'FAILED', :file, :bytes, :by, 'USER', now(), now(),
                                now())
                        """)
                .param("org", tenant.orgId())
                .param("id", id)
                .param("file", Ids.newId() + ".job")
                .param("bytes", bytes)
                .param("by", tenant.userId())
                .update());
        return id;
    }

    private String fileOf(Api.Tenant tenant, UUID job) {
        return as(tenant, () -> jdbc.sql("select file from shared.jobs where id = :id")
                .param("id", job)
                .query(String.class)
                .single());
    }

    private long jobCount(Api.Tenant tenant) {
        return as(tenant, () -> jdbc.sql("select count(*) from shared.jobs")
                .query(Long.class)
                .single());
    }

    private Path upload(String file) {
        return dataDir.resolve("uploads").resolve(file);
    }

    private long uploads() throws java.io.IOException {
        Path directory = dataDir.resolve("uploads");
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (var files = Files.list(directory)) {
            return files.count();
        }
    }

    private <T> T as(Api.Tenant tenant, java.util.function.Supplier<T> work) {
        return TenantContext.callAs(
                Tenant.user(tenant.orgId(), tenant.userId()), () -> transactions.execute(s -> work.get()));
    }

    private static InputStream repeated(byte b, long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? b : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                Arrays.fill(buffer, offset, offset + n, b);
                left -= n;
                return n;
            }
        };
    }
}
