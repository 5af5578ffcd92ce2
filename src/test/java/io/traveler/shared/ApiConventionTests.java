package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

@ApplicationTest
class ApiConventionTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Environment environment;

    Api api;
    Api.Tenant tenant;

    @BeforeEach
    void signUp() {
        api = new Api(port);
        tenant = api.signUp("FACTORY");
    }

    @Test
    void answersSeedPathsWithAndWithoutTrailingSlash() {
        assertThat(api.get("/api/shops/").as(tenant).send().status()).isEqualTo(200);
        assertThat(api.get("/api/shops").as(tenant).send().status()).isEqualTo(200);
        assertThat(api.post("/api/stations/")
                        .as(tenant)
                        .body(Map.of("name", "Slash"))
                        .send()
                        .status())
                .isEqualTo(201);
        assertThat(api.get("/api/employees/").as(tenant).send().status()).isEqualTo(200);
    }

    @Test
    void listsTheCallersOrganizations() {
        var shops = api.get("/api/shops/").as(tenant).send();
        assertThat(shops.json().path("items")).hasSize(1);
        assertThat(shops.json().path("items").get(0).path("id").asString())
                .isEqualTo(tenant.orgId().toString());
    }

    @Test
    void requiresIfMatchToChangeAndRejectsAStaleOne() {
        var created = api.post("/api/stations")
                .as(tenant)
                .body(Map.of("name", "Sewing"))
                .send();
        String path = "/api/stations/" + created.id();
        var missing =
                api.patch(path).as(tenant).body(Map.of("name", "Sewing 2")).send();
        assertThat(missing.status()).isEqualTo(428);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        var changed = api.patch(path)
                .as(tenant)
                .ifMatch("\"0\"")
                .body(Map.of("name", "Sewing 2"))
                .send();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"1\"");
        var stale = api.patch(path)
                .as(tenant)
                .ifMatch("\"0\"")
                .body(Map.of("name", "Sewing 3"))
                .send();
        assertThat(stale.status()).isEqualTo(412);
        assertThat(api.get(path).as(tenant).send().text("name")).isEqualTo("Sewing 2");
        assertThat(api.delete(path).as(tenant).send().status()).isEqualTo(428);
        assertThat(api.delete(path).as(tenant).ifMatch("\"1\"").send().status()).isEqualTo(204);
        assertThat(api.get(path).as(tenant).send().status()).isEqualTo(404);
    }

    @Test
    void namesTheFieldAndReasonOfInvalidInput() {
        var response = api.post("/api/employees")
                .as(tenant)
                .body(Map.of("name", " ", "hourly_rate", -5))
                .send();
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("https://traveler.io/problems/validation");
        Set<String> fields = new HashSet<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("name", "hourly_rate");
    }

    @Test
    void answersMalformedJsonWith400AndUnknownIdsWith404() {
        var malformed = api.post("/api/stations").as(tenant).body("{\"name\": ").send();
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("detail")).doesNotContain("Exception");
        var wrongType = api.post("/api/stations")
                .as(tenant)
                .body(Map.of("name", "X", "capacity_hours_per_day", "many"))
                .send();
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("errors").get(0).path("field").asString())
                .isEqualTo("capacity_hours_per_day");
        assertThat(api.get("/api/stations/" + java.util.UUID.randomUUID())
                        .as(tenant)
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/stations/not-a-uuid").as(tenant).send().status())
                .isEqualTo(400);
    }

    @Test
    void rejectsOversizedBodiesWith413() {
        String huge = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        var response = api.post("/api/stations").as(tenant).body(huge).send();
        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void pagesListsWithKeysetCursorsInTheRequestedOrder() {
        for (int i = 0; i < 7; i++) {
            api.post("/api/stations")
                    .as(tenant)
                    .body(Map.of("name", "Station " + i))
                    .send();
        }
        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = api.get("/api/stations?limit=3&sort=-name" + (cursor == null ? "" : "&cursor=" + cursor))
                    .as(tenant)
                    .send();
            assertThat(page.status()).isEqualTo(200);
            page.json()
                    .path("items")
                    .forEach(item -> names.add(item.path("name").asString()));
            cursor = page.text("next_cursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(names)
                .containsExactly(
                        "Station 6", "Station 5", "Station 4", "Station 3", "Station 2", "Station 1", "Station 0");
        assertThat(api.get("/api/stations?limit=0").as(tenant).send().status()).isEqualTo(422);
        assertThat(api.get("/api/stations?limit=501").as(tenant).send().status())
                .isEqualTo(422);
        assertThat(api.get("/api/stations?sort=secret").as(tenant).send().status())
                .isEqualTo(422);
        assertThat(api.get("/api/stations?cursor=garbage").as(tenant).send().status())
                .isEqualTo(422);
    }

    @Test
    void filtersListsByQueryParameters() {
        api.post("/api/stations").as(tenant).body(Map.of("name", "Painting")).send();
        api.post("/api/stations").as(tenant).body(Map.of("name", "Packing")).send();
        var found = api.get("/api/stations?q=paint").as(tenant).send();
        assertThat(found.json().path("items")).hasSize(1);
        assertThat(found.json().path("items").get(0).path("name").asString()).isEqualTo("Painting");
    }

    @Test
    void documentsTheApiAsOpenApi31AndReportsHealth() {
        var docs = api.get("/v3/api-docs").send();
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.text("openapi")).startsWith("3.1");
        assertThat(docs.json().path("paths").has("/api/stations")).isTrue();
        assertThat(docs.json().path("paths").has("/api/auth/token")).isTrue();
        var health = api.get("/actuator/health").send();
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(api.get("/actuator/prometheus").as(tenant).send().raw().body())
                .contains("jvm_memory_used_bytes", "traveler_requests_working", "traveler_requests_waiting");
    }

    @Test
    void servesALoginPageWithAPasswordField() {
        var login = api.get("/login").send();
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("Content-Type")).startsWith("text/html");
        assertThat(login.raw().body()).contains("type=\"password\"");
    }

    @Test
    void answersUnauthenticatedCallsWith401Problems() {
        var response = api.get("/api/stations").send();
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/stations").token("not-a-jwt").send().status()).isEqualTo(401);
    }

    /**
     * Micrometer keeps at most {@code max-uri-tags} distinct request patterns in {@code http_server_requests} and
     * silently drops the requests of every later one: the limit must leave room for every mapping, with a margin.
     */
    @Test
    void recordsTheRequestsOfEveryMappingInItsOwnMetric() {
        Set<String> patterns = new HashSet<>();
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()
                .forEach(mapping ->
                        mapping.getHandlerMethods().keySet().forEach(info -> patterns.addAll(info.getPatternValues())));
        int limit = environment.getRequiredProperty("management.metrics.web.server.max-uri-tags", Integer.class);

        assertThat(patterns).hasSizeGreaterThan(100);
        assertThat(limit)
                .as("max-uri-tags for %d request patterns", patterns.size())
                .isGreaterThanOrEqualTo(patterns.size() + 100);
    }
}
