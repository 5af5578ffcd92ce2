package io.traveler.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kept embedded database acknowledges a commit only once it is on disk: zonky's defaults (fsync and synchronous
 * commit off) would let a crash of the machine lose acknowledged scans or corrupt the cluster.
 */
class EmbeddedPostgresDurabilityTests {
    @TempDir
    Path dataDir;

    @Test
    void aKeptDatabaseFlushesEveryCommitToDisk() throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.lease(dataDir, false);
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + server.port() + "/" + EmbeddedPostgresServer.DATABASE,
                        "postgres",
                        "");
                Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(statement, "full_page_writes")).isEqualTo("on");
        } finally {
            server.release();
        }
    }

    private static String setting(Statement statement, String name) throws Exception {
        try (ResultSet rs = statement.executeQuery("select current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
