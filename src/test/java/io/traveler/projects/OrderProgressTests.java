package io.traveler.projects;

import static io.traveler.projects.ProjectFixtures.idOf;
import static io.traveler.projects.ProjectFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Eventually;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An order's projects are made from its lines, its progress is derived from them, and the order follows them:
 * APPROVAL → PRODUCTION when the first starts, PRODUCTION → QUALITY_CONTROL when all are complete.
 */
@ApplicationTest
class OrderProgressTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Projects projects;

    @Autowired
    JdbcClient jdbc;

    Api api;
    ProjectFixtures fixtures;
    Tenants.Member member;
    Api.Tenant factory;
    UUID workflow;
    UUID order;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new ProjectFixtures(api);
        var tenants = Tenants.in(context);
        member = tenants.organization("FACTORY");
        factory = tenants.signedIn(member);
        UUID customer = fixtures.customer(factory, "Harbour Store");
        UUID cutting = fixtures.station(factory, "Cutting");
        UUID assembly = fixtures.station(factory, "Assembly");
        workflow = idOf(fixtures.workflow(
                factory, "Cabinet", List.of(stage("Cut", cutting, 240), stage("Assemble", assembly, 480))));
        UUID chair = fixtures.product(factory, "CHAIR");
        UUID table = fixtures.product(factory, "TABLE");
        order = ProjectFixtures.created(api.post("/api/orders/")
                .as(factory)
                .body(Map.of(
                        "customer_id",
                        customer,
                        "lines",
                        List.of(
                                Map.of("product_id", chair, "quantity", new BigDecimal("4")),
                                Map.of("product_id", table, "quantity", 1))))
                .send());
    }

    private void moveOrder(String phase) {
        var moved = api.post("/api/orders/" + order + "/transition")
                .as(factory)
                .body(Map.of("to_phase", phase))
                .send();
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    }

    private String phase() {
        return api.get("/api/orders/" + order).as(factory).send().text("phase");
    }

    private Api.Response fromOrder(boolean onePerLine) {
        return api.post("/api/projects/from-order")
                .as(factory)
                .body(Map.of("order_id", order, "one_per_line", onePerLine, "workflow_id", workflow))
                .send();
    }

    private List<UUID> ids(Api.Response response) {
        List<UUID> ids = new ArrayList<>();
        response.json().path("items").forEach(p -> ids.add(idOf(p)));
        return ids;
    }

    private Projects.OrderProgress progress() {
        return member.call(() -> projects.progressOfOrder(order));
    }

    private void finish(UUID project) {
        while (!"completed".equals(fixtures.get(factory, project).path("status").asString())) {
            assertThat(fixtures.advance(factory, project).status()).isEqualTo(200);
        }
    }

    @Test
    void projectsAreMadeOncePerLineAndTheOrderFollowsThem() {
        moveOrder("CONFIGURATION");
        moveOrder("APPROVAL");

        var made = fromOrder(true);
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        List<UUID> lines = ids(made);
        assertThat(lines).hasSize(2);
        JsonNode first = made.json().path("items").get(0);
        assertThat(first.path("order_id").asString()).isEqualTo(order.toString());
        assertThat(first.path("order_line_id").asString()).isNotBlank();
        assertThat(first.path("quantity").decimalValue()).isEqualByComparingTo("4");
        assertThat(ids(fromOrder(true))).as("made once").isEqualTo(lines);
        assertThat(fromOrder(false).status()).as("not both kinds").isEqualTo(409);
        assertThat(progress().projects()).isEqualTo(2);
        assertThat(progress().percent()).isZero();

        fixtures.start(factory, lines.get(0));

        Eventually.until("the order moves to PRODUCTION", Duration.ofSeconds(20), () -> "PRODUCTION".equals(phase()));
        var history = api.get("/api/orders/" + order + "/history")
                .as(factory)
                .send()
                .json()
                .path("items");
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.path("reason").asString()).matches("Project PRJ-.+ started");
        assertThat(last.path("actor_id").isNull()).as("the SYSTEM moved it").isTrue();

        fixtures.advance(factory, lines.get(0));
        var halfway = progress();
        assertThat(halfway.percent()).as("one of four stages done").isEqualTo(25);
        assertThat(halfway.currentStages()).hasSize(1);
        assertThat(halfway.currentStages().getFirst()).endsWith(" · Assemble");
        assertThat(halfway.expectedCompletion()).isNotNull();

        fixtures.advance(factory, lines.get(0));
        assertThat(member.call(() -> projects.allProjectsComplete(order))).isFalse();
        fixtures.start(factory, lines.get(1));
        finish(lines.get(1));

        Eventually.until(
                "the order moves to QUALITY_CONTROL", Duration.ofSeconds(20), () -> "QUALITY_CONTROL".equals(phase()));
        var done = progress();
        assertThat(done.completed()).isEqualTo(2);
        assertThat(done.percent()).isEqualTo(100);
        assertThat(done.currentStages()).isEmpty();
        assertThat(member.call(() -> projects.allProjectsComplete(order))).isTrue();
    }

    @Test
    void aProjectForTheWholeOrderAndAnOrderNotYetApprovedIsLeftAlone() {
        var made = fromOrder(false);
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        List<UUID> whole = ids(made);
        assertThat(whole).hasSize(1);
        assertThat(made.json().path("items").get(0).path("order_line_id").isNull())
                .isTrue();
        assertThat(ids(fromOrder(false))).isEqualTo(whole);

        fixtures.start(factory, whole.getFirst());
        finish(whole.getFirst());
        moveOrder("CONFIGURATION");

        assertThat(phase()).as("a DRAFT order is not moved by its projects").isEqualTo("CONFIGURATION");
        var history = api.get("/api/orders/" + order + "/history")
                .as(factory)
                .send()
                .json()
                .path("items");
        assertThat(history).extracting(h -> h.path("to_phase").asString()).containsExactly("DRAFT", "CONFIGURATION");
    }

    /** The orders listener has handled this project's event (completed publications are deleted). */
    private void awaitListenerOf(Class<?> event, UUID project) {
        Eventually.until(
                "the orders module handled " + event.getSimpleName(),
                Duration.ofSeconds(30),
                () -> jdbc.sql("""
                                        select count(*) from event_publication
                                         where event_type = :type and serialized_event like :project""")
                                .param("type", event.getName())
                                .param("project", "%" + project + "%")
                                .query(Long.class)
                                .single()
                        == 0);
    }

    @Test
    void aMoveTheOrganizationsRulesForbidIsNotMade() {
        var rules = api.get("/api/orders/phase-rules").as(factory).send();
        var disabled = api.request("PUT", "/api/orders/phase-rules")
                .as(factory)
                .ifMatch(rules.header("ETag"))
                .body(Map.of(
                        "rules", List.of(Map.of("from_phase", "APPROVAL", "to_phase", "PRODUCTION", "disabled", true))))
                .send();
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        moveOrder("CONFIGURATION");
        moveOrder("APPROVAL");
        List<UUID> lines = ids(fromOrder(true));

        fixtures.start(factory, lines.get(0));
        awaitListenerOf(ProjectStarted.class, lines.get(0));

        assertThat(phase()).isEqualTo("APPROVAL");
        var history = api.get("/api/orders/" + order + "/history")
                .as(factory)
                .send()
                .json()
                .path("items");
        assertThat(history)
                .extracting(h -> h.path("to_phase").asString())
                .containsExactly("DRAFT", "CONFIGURATION", "APPROVAL");
    }

    @Test
    void anotherOrganizationsOrderMakesNoProjects() {
        var stranger = Tenants.in(context).signedIn("FACTORY");
        var refused = api.post("/api/projects/from-order")
                .as(stranger)
                .body(Map.of("order_id", order, "workflow_id", workflow))
                .send();
        assertThat(refused.status()).isEqualTo(404);
    }
}
