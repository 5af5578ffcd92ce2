package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.traveler.TravelerApplication;
import io.traveler.testing.ApplicationTest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Row-level security cannot be configured away: started against the test run's PostgreSQL as a role that escapes it,
 * Traveler refuses to run and says why.
 */
@ApplicationTest
class DatabaseRoleCheckTests {
    @Autowired
    DataSource dataSource;

    @Test
    void refusesToRunAsTheOwnerOfTheTables() {
        assertThatThrownBy(() -> startAs("traveler_owner"))
                .hasStackTraceContaining("Traveler refuses to start")
                .hasStackTraceContaining("\"traveler_owner\"")
                .hasStackTraceContaining("owns accounts.");
    }

    /**
     * The acceptance check as an operator would meet it: the process ends non-zero and its log names the reason. It
     * is also the superuser case's only test: an in-process start as {@code postgres} would prove nothing more.
     */
    @Test
    void theProcessExitsNonZeroNamingTheReasonWhenItsRoleIsASuperuser() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // the application as an operator runs it: without the test classes (whose initializers start test servers)
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, TravelerApplication.class.getName()));
        command.addAll(arguments("postgres"));
        Path log = Files.createTempFile("traveler-refused-", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // about 25 s on an idle 2-core machine; minutes when other builds load it
            boolean ended = process.waitFor(300, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            assertThat(ended)
                    .as("the refused application ends: " + Files.readString(log, StandardCharsets.UTF_8))
                    .isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isNotZero();
            assertThat(output)
                    .contains("APPLICATION FAILED TO START")
                    .contains("database role \"postgres\"")
                    .contains("is a superuser");
        } finally {
            deleteQuietly(log);
        }
    }

    private void startAs(String role) {
        var app = new SpringApplicationBuilder(TravelerApplication.class)
                .run(arguments(role).toArray(String[]::new));
        app.close();
    }

    /** The external-database configuration, pointed at the embedded server this test run already migrated. */
    private List<String> arguments(String role) {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        return List.of(
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + role,
                "--spring.datasource.password=",
                "--spring.flyway.user=traveler_owner",
                "--spring.flyway.password=",
                "--traveler.db.app-username=" + role,
                "--traveler.db.app-password=",
                "--traveler.data-dir=target/test-data/refused",
                "--logging.level.root=warn");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary log is harmless
        }
    }
}
