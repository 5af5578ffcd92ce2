package io.traveler.shared.db;

import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts the embedded PostgreSQL as soon as the configuration is known, before Spring reads its configuration
 * classes: the server's start (its own processes, mostly waiting) then overlaps the busiest part of the
 * application's, instead of the application waiting for it when Flyway first needs a connection. Registered in
 * {@code META-INF/spring.factories}, since it runs before there is a context.
 */
class EmbeddedPostgresEarlyStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        var env = event.getEnvironment();
        Path dataDir = DatabaseConfiguration.embeddedDataDir(env);
        if (dataDir != null) {
            EmbeddedPostgresServer.startInBackground(dataDir, DatabaseConfiguration.freshEmbeddedDatabase(env));
        }
    }
}
