package io.traveler.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApplicationTest
class FirstStepsTests {
    @LocalServerPort
    int port;

    @Test
    void signsUpSignsInAndCreatesAStation() {
        var api = new Api(port);
        var tenant = api.signUp("FACTORY");
        var created = api.post("/api/stations/")
                .as(tenant)
                .body(Map.of("name", "Cutting"))
                .send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        var list = api.get("/api/stations").as(tenant).send();
        assertThat(list.json().path("items").get(0).path("name").asString()).isEqualTo("Cutting");
        assertThat(list.json().has("next_cursor")).isTrue();
    }
}
