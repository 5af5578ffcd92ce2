package io.traveler.shared.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Two connection pools on one database: the owner's, used by Flyway only, and the application's, whose role
 * owns no table and so is always subject to row-level security. Without {@code spring.datasource.url} both
 * point at the embedded PostgreSQL under {@code traveler.data-dir}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /** Closing it (after the pools, which depend on it) returns the embedded server's lease. */
    record Connections(
            String url,
            String ownerUser,
            String ownerPassword,
            String appUser,
            String appPassword,
            EmbeddedPostgresServer embedded)
            implements AutoCloseable {
        @Override
        public void close() {
            if (embedded != null) {
                embedded.release();
            }
        }
    }

    /** The data directory of the embedded PostgreSQL, or null when an external database is configured. */
    static Path embeddedDataDir(Environment env) {
        return StringUtils.hasText(env.getProperty("spring.datasource.url"))
                ? null
                : Path.of(env.getProperty("traveler.data-dir", "./data"));
    }

    static boolean freshEmbeddedDatabase(Environment env) {
        return env.getProperty("traveler.db.fresh", Boolean.class, false);
    }

    @Bean
    Connections databaseConnections(Environment env) {
        String url = env.getProperty("spring.datasource.url");
        if (embeddedDataDir(env) == null) {
            String user = env.getProperty("spring.datasource.username");
            String password = env.getProperty("spring.datasource.password");
            return new Connections(
                    url,
                    env.getProperty("spring.flyway.user", user),
                    env.getProperty("spring.flyway.password", password),
                    env.getProperty("traveler.db.app-username", user),
                    env.getProperty("traveler.db.app-password", password),
                    null);
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.lease(embeddedDataDir(env), freshEmbeddedDatabase(env));
        String embeddedUrl = "jdbc:postgresql://localhost:" + server.port() + "/" + EmbeddedPostgresServer.DATABASE;
        return new Connections(
                embeddedUrl, EmbeddedPostgresServer.OWNER_ROLE, "", EmbeddedPostgresServer.APP_ROLE, "", server);
    }

    @Bean
    @Primary
    DataSource dataSource(Connections connections, Environment env) {
        var config = new HikariConfig();
        config.setPoolName("traveler-app");
        config.setJdbcUrl(connections.url());
        config.setUsername(connections.appUser());
        config.setPassword(connections.appPassword());
        config.setMaximumPoolSize(env.getProperty("traveler.db.pool-size", Integer.class, 20));
        config.setMinimumIdle(2);
        return new HikariDataSource(config);
    }

    @Bean
    @FlywayDataSource
    DataSource ownerDataSource(Connections connections) {
        var config = new HikariConfig();
        config.setPoolName("traveler-owner");
        config.setJdbcUrl(connections.url());
        config.setUsername(connections.ownerUser());
        config.setPassword(connections.ownerPassword());
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }

    /**
     * Refuses to run, as soon as Flyway has migrated, when the application's role escapes row-level security; static,
     * as a post-processor, and so given the pool lazily.
     */
    @Bean
    static DatabaseRoleCheck databaseRoleCheck(ObjectProvider<DataSource> dataSource) {
        return new DatabaseRoleCheck(dataSource);
    }

    @Bean
    FlywayConfigurationCustomizer applicationRolePlaceholder(Connections connections) {
        return flyway -> flyway.placeholders(java.util.Map.of("app_role", connections.appUser()));
    }
}
