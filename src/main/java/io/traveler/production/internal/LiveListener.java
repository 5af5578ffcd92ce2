package io.traveler.production.internal;

import com.zaxxer.hikari.HikariDataSource;
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
 * Hears every node's committed unit changes on a connection of its own, outside the pool (a LISTEN holds its
 * connection for good, which the pool's budget must not pay for): {@code LISTEN traveler_shop_floor}, then each
 * notification goes to this node's {@link LiveSubscribers}. PostgreSQL delivers a {@code NOTIFY} only when its
 * transaction commits, so a rolled-back scan never reaches a board. A lost connection is retried every second;
 * changes made meanwhile are not heard (a board re-reads its whole fragment on the next one).
 */
@Component
class LiveListener implements SmartLifecycle {
    static final String APPLICATION_NAME = "traveler-shop-floor-listener";
    private static final Logger log = LoggerFactory.getLogger(LiveListener.class);
    private static final int WAIT_MILLIS = 10_000;
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final HikariDataSource pool;
    private final LiveSubscribers subscribers;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Thread thread;
    private volatile Connection connection;

    LiveListener(DataSource dataSource, LiveSubscribers subscribers) throws SQLException {
        this.pool = dataSource.unwrap(HikariDataSource.class);
        this.subscribers = subscribers;
    }

    /** Whether the connection is open and listening now. */
    boolean listening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name(APPLICATION_NAME).start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        Thread listeningThread = thread;
        closeQuietly();
        if (listeningThread != null) {
            listeningThread.interrupt();
            try {
                listeningThread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
                    statement.execute("LISTEN " + LiveFeed.CHANNEL);
                }
                listening = true;
                if (failedBefore) {
                    log.info("Listening to the shop floor again; changes made meanwhile were not shown live");
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
                        hand(notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                if (!failedBefore) {
                    log.warn(
                            "Not listening to the shop floor (boards are not updated live meanwhile): {}",
                            e.toString());
                }
                failedBefore = true;
                try {
                    Thread.sleep(RETRY);
                } catch (InterruptedException interrupted) {
                    return;
                }
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    private void hand(String payload) {
        LiveFeed.UnitChange change;
        try {
            change = LiveFeed.read(payload);
        } catch (RuntimeException unreadable) {
            log.warn("Ignored a shop-floor notification that is not a unit change: {}", unreadable.toString());
            return;
        }
        if (change.orgId() != null) {
            subscribers.deliver(change);
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
