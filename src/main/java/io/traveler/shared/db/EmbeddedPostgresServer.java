package io.traveler.shared.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded PostgreSQL that Traveler runs on when no external database is configured. One server per
 * data directory and JVM: every Spring context of a test run shares it. It creates the database, an owner
 * role (migrations) and an application role that owns nothing and cannot bypass row-level security.
 */
public final class EmbeddedPostgresServer {
    static final String DATABASE = "traveler";
    static final String OWNER_ROLE = "traveler_owner";
    static final String APP_ROLE = "traveler_app";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new ConcurrentHashMap<>();
    /** Servers started ahead of their first lease ({@link #startInBackground}), by data directory. */
    private static final Map<Path, CompletableFuture<EmbeddedPostgresServer>> STARTING = new ConcurrentHashMap<>();

    private final Path dataDir;
    private final EmbeddedPostgres postgres;
    private int leases;

    private EmbeddedPostgresServer(Path dataDir, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.postgres = postgres;
    }

    /**
     * Leases the server for {@code dataDir}, starting it on first use ({@code fresh} wipes its database first, for
     * tests). Every Spring context holds one lease and returns it when it closes, after its connection pools; the
     * last one returned stops PostgreSQL, so shutdown never races the application's own.
     */
    public static synchronized EmbeddedPostgresServer lease(Path dataDir, boolean fresh) {
        Path key = key(dataDir);
        EmbeddedPostgresServer server = RUNNING.get(key);
        if (server == null) {
            CompletableFuture<EmbeddedPostgresServer> starting = STARTING.remove(key);
            server = starting == null ? start(key, fresh) : startedInBackground(starting);
            RUNNING.put(key, server);
        }
        server.leases++;
        return server;
    }

    /**
     * Starts the server for {@code dataDir} on a thread of its own, as {@link #lease} would, unless it runs or starts
     * already: PostgreSQL then comes up while Spring is still reading its configuration (see
     * {@link EmbeddedPostgresEarlyStart}), and the first lease takes it over. One never leased (the context failed
     * first) is stopped when the JVM exits.
     */
    static synchronized void startInBackground(Path dataDir, boolean fresh) {
        Path key = key(dataDir);
        if (RUNNING.containsKey(key) || STARTING.containsKey(key)) {
            return;
        }
        var starting = new CompletableFuture<EmbeddedPostgresServer>();
        STARTING.put(key, starting);
        Thread.ofPlatform().name("embedded-postgres-start").daemon().start(() -> {
            try {
                starting.complete(start(key, fresh));
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        });
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            if (STARTING.remove(key, starting)) {
                try {
                    starting.join().close();
                } catch (CompletionException didNotStart) {
                    // nothing to stop
                }
            }
        }));
    }

    private static EmbeddedPostgresServer startedInBackground(CompletableFuture<EmbeddedPostgresServer> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static Path key(Path dataDir) {
        return dataDir.toAbsolutePath().normalize();
    }

    public void release() {
        synchronized (EmbeddedPostgresServer.class) {
            if (--leases > 0) {
                return;
            }
        }
        stop();
    }

    private static EmbeddedPostgresServer start(Path dataDir, boolean fresh) {
        try {
            Path pgData = dataDir.resolve("postgres");
            Path runtime = dataDir.resolve("postgres-runtime");
            if (fresh) {
                stopLeftoverPostmaster(pgData);
                FileSystemUtils.deleteRecursively(pgData);
            }
            Files.createDirectories(runtime);
            stopLeftoverPostmaster(pgData);
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(runtime.toFile())
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("synchronous_commit", "on")
                    // zonky turns fsync off: a commit would then be acknowledged before it is on disk, and a crash of
                    // the machine could lose it or corrupt the cluster. Only a database wiped at every start (tests)
                    // has nothing to keep.
                    .setServerConfig("fsync", fresh ? "off" : "on")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "localhost")
                    .start();
            var server = new EmbeddedPostgresServer(dataDir, postgres);
            server.createDatabaseAndRoles();
            server.letSearchUseIndexesUnderRowSecurity();
            log.info(
                    "Embedded PostgreSQL on port {} with data in {} ({} ms)",
                    postgres.getPort(),
                    pgData,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start in " + dataDir, e);
        }
    }

    /** After a {@code kill -9} the old postmaster outlives the JVM and holds the data directory. */
    private static void stopLeftoverPostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid = Long.parseLong(lines.getFirst().trim());
        ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                .ifPresent(p -> {
                    log.warn("Stopping a PostgreSQL left running on {} (pid {})", pgData, pid);
                    p.destroy();
                    try {
                        p.onExit().get(20, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
    }

    private void createDatabaseAndRoles() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("do $$ begin "
                    + "if not exists (select from pg_roles where rolname = '" + OWNER_ROLE + "') then "
                    + "create role " + OWNER_ROLE + " login; end if; "
                    + "if not exists (select from pg_roles where rolname = '" + APP_ROLE + "') then "
                    + "create role " + APP_ROLE + " login nosuperuser nocreatedb nocreaterole nobypassrls; end if; "
                    + "end $$");
            boolean exists;
            try (ResultSet rs =
                    statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                statement.execute("create database " + DATABASE + " owner " + OWNER_ROLE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded database", e);
        }
    }

    /**
     * Under row-level security PostgreSQL evaluates the policy before any condition whose function is not LEAKPROOF,
     * so such a condition cannot use an index: full-text ({@code @@}), trigram ({@code %}, {@code <%}) and
     * {@code ilike} searches would read every row of the organization. These functions raise no error that depends
     * on a row's value (ilike's one error is about a malformed pattern, and Traveler's patterns are parameters), so
     * the superuser declares them LEAKPROOF (only a superuser may; an external database
     * needs the same statements from its administrator, see docs/architecture.md). pg_trgm is created here first,
     * as the migrations would.
     */
    private void letSearchUseIndexesUnderRowSecurity() {
        try (Connection connection = postgres.getDatabase("postgres", DATABASE).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_trgm");
            for (String function : List.of(
                    "ts_match_vq(tsvector, tsquery)",
                    "similarity_op(text, text)",
                    "word_similarity_op(text, text)",
                    "word_similarity_commutator_op(text, text)",
                    "texticlike(text, text)")) {
                statement.execute("alter function " + function + " leakproof");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded database for indexed search", e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(OWNER_ROLE, DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    private void stop() {
        if (RUNNING.remove(key(dataDir)) == null) {
            return;
        }
        close();
    }

    private void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
