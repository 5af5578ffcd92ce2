package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import io.traveler.shared.db.CommitOutcomeUnknownException;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Eventually;
import io.traveler.testing.Tenants;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database closes the application's connections (a restart; here its backends are terminated): the first request
 * that meets a closed connection is answered 503 with a Retry-After (never 500), the pool drops its other idle
 * connections, the requests after it are served on new ones, and no connection is left out of the pool.
 */
@ApplicationTest
class DatabaseConnectionLossTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void requestsAfterTheDatabaseClosedThePoolsConnectionsAreAnswered503OnceThenServedOnNewConnections()
            throws Exception {
        Api api = new Api(port);
        Api.Tenant caller = Tenants.in(context).signedIn("FACTORY");
        UUID station = api.post("/api/stations")
                .as(caller)
                .body(Map.of("name", "Cutting"))
                .send()
                .id();
        HikariDataSource pool = (HikariDataSource) dataSource;
        for (int i = 0; i < 4; i++) {
            assertThat(api.get("/api/stations/" + station).as(caller).send().status())
                    .isEqualTo(200);
        }

        // Connections used in the last half second are handed out without a check: these are.
        int terminated = terminateThePoolsConnections(pool);
        assertThat(terminated).isPositive();
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            var response = api.get("/api/stations/" + station).as(caller).send();
            if (response.status() == 503) {
                refused++;
                assertThat(response.header("Retry-After")).isNotBlank();
                assertThat(response.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(response.text("detail")).contains("database");
            } else {
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
            }
        }
        // the first refusal drops the pool's other idle connections: the next requests get new ones
        assertThat(refused)
                .as("requests refused after the connections were closed")
                .isLessThanOrEqualTo(1);
        var created = api.post("/api/stations")
                .as(caller)
                .body(Map.of("name", "Packing"))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        int out = Eventually.poll(
                "connections still out of the pool",
                Duration.ofSeconds(5),
                () -> pool.getHikariPoolMXBean().getActiveConnections(),
                active -> active == 0);
        assertThat(out).as("connections still out of the pool").isZero();
    }

    /**
     * A worker thread (a job's, a scheduler's) whose transaction could not begin must be left clean: without the
     * clean-up, the abandoned entity manager stayed bound to the thread and its next transaction was refused.
     */
    @Test
    void aThreadWhoseTransactionCouldNotBeginRunsItsNextOne() throws Exception {
        HikariDataSource pool = (HikariDataSource) dataSource;
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Callable<Integer> oneTransaction = () -> transactions.execute(status -> JdbcClient.create(dataSource)
                    .sql("select 1")
                    .query(Integer.class)
                    .single());
            assertThat(worker.submit(oneTransaction).get()).isEqualTo(1);

            assertThat(terminateThePoolsConnections(pool)).isPositive();
            Future<Integer> first = worker.submit(oneTransaction);
            assertThatThrownBy(first::get)
                    .as("the worker's own connection was closed a moment ago")
                    .hasRootCauseInstanceOf(java.sql.SQLException.class)
                    .cause()
                    .isInstanceOf(CannotCreateTransactionException.class);
            assertThat(worker.submit(oneTransaction).get()).isEqualTo(1);
        } finally {
            worker.shutdownNow();
        }
    }

    /**
     * A connection lost while committing leaves the outcome unknown: it is told apart from a connection lost before
     * anything ran (the answer then says the change may have been saved), and the thread's next transaction runs.
     */
    @Test
    void aTransactionWhoseConnectionWasLostAtCommitIsAnsweredAsPerhapsSaved() throws Exception {
        HikariDataSource pool = (HikariDataSource) dataSource;
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        JdbcClient jdbc = JdbcClient.create(dataSource);

        Throwable failure = catchThrowable(() -> transactions.executeWithoutResult(status -> {
            int backend =
                    jdbc.sql("select pg_backend_pid()").query(Integer.class).single();
            terminate(pool, backend);
        }));

        // answered 503 "may have been saved" (TransientFailureProblemTests)
        assertThat(failure)
                .as("the commit met the terminated backend")
                .isInstanceOf(CommitOutcomeUnknownException.class)
                .hasRootCauseInstanceOf(SQLException.class);
        Integer next = transactions.execute(
                status -> jdbc.sql("select 1").query(Integer.class).single());
        assertThat(next).as("the thread's next transaction").isEqualTo(1);
    }

    private static void terminate(HikariDataSource pool, int backend) {
        try (Connection own = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
                Statement statement = own.createStatement()) {
            statement.execute("select pg_terminate_backend(" + backend + ", 5000)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Terminates every idle backend of the pool's role from a connection of its own, the listeners' too: the
     * principal listener then drops its cached callers, so the next request loads its caller in a filter, on a
     * closed connection if it gets one (a 503 from the error controller, not from a controller's advice).
     */
    private static int terminateThePoolsConnections(HikariDataSource pool) throws SQLException {
        try (Connection own = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
                Statement statement = own.createStatement();
                ResultSet terminated = statement.executeQuery("""
                        select count(pg_terminate_backend(pid)) from pg_stat_activity
                         where usename = current_user and pid <> pg_backend_pid() and state = 'idle'""")) {
            terminated.next();
            return terminated.getInt(1);
        }
    }
}
