package io.traveler.accounts.internal.security;

import com.zaxxer.hikari.HikariDataSource;
import io.traveler.shared.security.PrincipalChanges;
import io.traveler.shared.security.PrincipalChanges.Change;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hears the changes of every node (and of anyone writing the database directly) on a connection of its own, outside
 * the pool: {@code LISTEN traveler_principals}, then each notification drops the cached callers it reaches. A lost
 * connection stops the caching until it is back (changes in between are unheard), and is retried every second.
 */
@Component
class PrincipalChangeListener implements SmartLifecycle {
    static final String APPLICATION_NAME = "traveler-principal-listener";
    private static final Logger log = LoggerFactory.getLogger(PrincipalChangeListener.class);
    private static final int WAIT_MILLIS = 10_000;
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final HikariDataSource pool;
    private final PrincipalCache cache;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;

    PrincipalChangeListener(DataSource dataSource, PrincipalCache cache) throws SQLException {
        this.pool = dataSource.unwrap(HikariDataSource.class);
        this.cache = cache;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name(APPLICATION_NAME).start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        Thread listening = thread;
        closeQuietly();
        if (listening != null) {
            listening.interrupt();
            try {
                listening.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        cache.listening(false);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean failedBefore = false;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement statement = c.createStatement()) {
                    statement.execute("LISTEN " + PrincipalChanges.CHANNEL);
                }
                cache.listening(true);
                if (failedBefore) {
                    log.info("Listening to principal changes again; cached callers were dropped");
                    failedBefore = false;
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications == null || notifications.length == 0) {
                        try (Statement statement = c.createStatement()) {
                            statement.execute("select 1"); // a connection that died quietly fails here
                        }
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        Change.parse(notification.getParameter()).ifPresent(cache::changed);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                cache.listening(false);
                if (!running) {
                    return;
                }
                if (!failedBefore) {
                    log.warn("Not listening to principal changes (callers are not cached meanwhile): {}", e.toString());
                }
                failedBefore = true;
                try {
                    Thread.sleep(RETRY);
                } catch (InterruptedException interrupted) {
                    return;
                }
            } finally {
                connection = null;
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", pool.getUsername());
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    private void closeQuietly() {
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the thread sees the closed connection and ends
            }
        }
    }
}
