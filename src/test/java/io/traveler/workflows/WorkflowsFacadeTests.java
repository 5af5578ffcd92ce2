package io.traveler.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.catalog.Catalog;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What the projects module reads of workflows ({@link Workflows}, {@link Catalog#defaultWorkflowOf}): a version as
 * it was, the family's active version from any of its ids, a station's task templates in order, nothing of another
 * organization; and the demo factory's workflows, made once.
 */
@ApplicationTest
class WorkflowsFacadeTests {
    @LocalServerPort
    int port;

    @Autowired
    Workflows workflows;

    @Autowired
    Catalog catalog;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theFacadeGivesAVersionAsItWasTheActiveOneFromAnyIdAndTemplatesInOrder() {
        var api = new Api(port);
        var factory = api.signUp("FACTORY");
        String station = api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Cutting"))
                .send()
                .text("id");
        Map<String, Object> body = Map.of(
                "name",
                "Line",
                "stages",
                List.of(Map.of(
                        "name",
                        "Cut",
                        "station_id",
                        station,
                        "expected_minutes",
                        30,
                        "actions",
                        List.of(Map.of("kind", "sign_off", "label", "Release", "permission", "projects:manage")))));
        var v1 = api.post("/api/workflows").as(factory).body(body).send();
        var v2 = api.request("PUT", "/api/workflows/" + v1.id())
                .as(factory)
                .ifMatch("*")
                .body(body)
                .send();
        String templates = "/api/stations/" + station + "/task-templates";
        api.post(templates)
                .as(factory)
                .body(Map.of("title", "Second", "sequence", 2))
                .send();
        api.post(templates)
                .as(factory)
                .body(Map.of("title", "First", "sequence", 1, "required", false))
                .send();
        var product = api.post("/api/products/templates")
                .as(factory)
                .body(Map.of("sku", "P", "name", "P"))
                .send();
        api.request("PUT", "/api/workflows/" + v2.id() + "/products")
                .as(factory)
                .body(Map.of("product_ids", List.of(product.id())))
                .send();
        var as = Tenant.user(factory.orgId(), factory.userId());

        TenantContext.runAs(as, () -> {
            var first = workflows.workflow(v1.id()).orElseThrow();
            assertThat(first.status()).isEqualTo("SUPERSEDED");
            assertThat(first.versionNo()).isEqualTo(1);
            assertThat(first.stages().getFirst().id().toString())
                    .isEqualTo(v1.json().path("stages").get(0).path("id").asString());
            var action = first.stages().getFirst().actions().getFirst();
            assertThat(action.kind()).isEqualTo(Workflows.ActionKind.SIGN_OFF);
            assertThat(action.permission()).isEqualTo("projects:manage");

            assertThat(workflows.activeVersionOf(v1.id()).orElseThrow().id()).isEqualTo(v2.id());
            assertThat(workflows.activeVersionOf(first.familyId()).orElseThrow().id())
                    .as("from the family's id, as a product names it")
                    .isEqualTo(v2.id());
            UUID named = catalog.defaultWorkflowOf(product.id()).orElseThrow();
            assertThat(workflows.activeVersionOf(named).orElseThrow().id()).isEqualTo(v2.id());

            var ordered = workflows.taskTemplates(UUID.fromString(station));
            assertThat(ordered).extracting(Workflows.TaskTemplate::title).containsExactly("First", "Second");
            assertThat(ordered.getFirst().required()).isFalse();
        });

        var other = api.signUp("FACTORY");
        TenantContext.runAs(Tenant.user(other.orgId(), other.userId()), () -> {
            assertThat(workflows.workflow(v1.id())).isEmpty();
            assertThat(workflows.activeVersionOf(v1.id())).isEmpty();
            assertThat(workflows.taskTemplates(UUID.fromString(station))).isEmpty();
        });
    }

    @Test
    void theDemoFactoryGetsItsWorkflowsProductDefaultsAndStationTemplatesOnceEvenWhenTheEventComesTwice() {
        var api = new Api(port);
        var factory = api.signUp("FACTORY");
        var brand = api.signUp("BRAND");
        var partnership = api.post("/api/partnerships")
                .as(brand)
                .body(Map.of("factory_org_id", factory.orgId()))
                .send();
        api.post("/api/partnerships/" + partnership.id() + "/accept")
                .as(factory)
                .send();
        for (String name : List.of("Cutting", "Sewing", "Assembly", "Finishing", "Quality control")) {
            api.post("/api/stations").as(factory).body(Map.of("name", name)).send();
        }
        var loaded = new DemoOrganizationsLoaded(factory.orgId(), factory.userId(), brand.orgId(), brand.userId());

        transactions.executeWithoutResult(status -> events.publishEvent(loaded));
        awaitListeners();
        transactions.executeWithoutResult(status -> events.publishEvent(loaded));
        awaitListeners();

        JsonNode listed = api.get("/api/workflows").as(factory).send().json().path("items");
        List<String> names = new ArrayList<>();
        listed.forEach(w -> names.add(
                w.path("name").asString() + " " + w.path("stage_count").asInt()));
        assertThat(names).containsExactly("Daypack line 5", "Strap line 3");
        String daypackLine = listed.get(0).path("id").asString();
        JsonNode made = api.get("/api/workflows/" + daypackLine + "/products")
                .as(factory)
                .send()
                .json();
        assertThat(made.path("items").get(0).path("sku").asString()).isEqualTo("BP-20");
        for (JsonNode station :
                api.get("/api/stations").as(factory).send().json().path("items")) {
            assertThat(api.get("/api/stations/" + station.path("id").asString() + "/task-templates")
                            .as(factory)
                            .send()
                            .json()
                            .path("items"))
                    .as("templates of %s", station.path("name").asString())
                    .isNotEmpty();
        }
    }

    /** Every listener of the event has completed (a failed one stays in the registry and times this out). */
    private void awaitListeners() {
        await().atMost(Duration.ofSeconds(90))
                .until(() -> jdbc.sql("select count(*) from event_publication where event_type = :type")
                                .param("type", DemoOrganizationsLoaded.class.getName())
                                .query(Long.class)
                                .single()
                        == 0);
    }
}
