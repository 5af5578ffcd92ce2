package io.traveler;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Stopping and starting Traveler on the same data directory keeps the data and the tokens already issued. */
class RestartTests {
    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsDataAndIssuedTokens() throws Exception {
        String token;
        Api.Tenant tenant;
        try (var first = start()) {
            var api = new Api(port(first));
            tenant = api.signUp("FACTORY");
            assertThat(api.post("/api/stations")
                            .as(tenant)
                            .body(Map.of("name", "Survivor"))
                            .send()
                            .status())
                    .isEqualTo(201);
            token = tenant.token();
        }
        assertThat(Files.exists(dataDir.resolve("postgres/PG_VERSION"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid")))
                .as("PostgreSQL stopped")
                .isFalse();
        try (var second = start()) {
            var api = new Api(port(second));
            var stations = api.get("/api/stations").token(token).send();
            assertThat(stations.status()).isEqualTo(200);
            assertThat(stations.json().path("items").get(0).path("name").asString())
                    .isEqualTo("Survivor");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TravelerApplication.class)
                .run("--server.port=0", "--traveler.data-dir=" + dataDir, "--traveler.db.fresh=false");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
