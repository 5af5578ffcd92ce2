package io.traveler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import tools.jackson.databind.JsonNode;

/**
 * The demo catalog that {@code traveler.demo-data=true} adds once the demo organizations exist: the catalog module's
 * reaction to the accounts module's event, published by a {@link Scenario} in the shared application context (no
 * context of its own), then read through the API.
 */
@ApplicationTest
@EnableScenarios
class DemoCatalogTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoFactoryHasADaypackToExplodeAndTheBrandItsVariantsMappedToTheFactoryEvenWhenTheEventComesTwice(
            Scenario scenario) {
        var api = new Api(port);
        var tenants = Tenants.in(context);
        var factory = tenants.signedIn("FACTORY");
        var brand = tenants.signedIn("BRAND");
        var partnership = api.post("/api/partnerships")
                .as(brand)
                .body(Map.of("factory_org_id", factory.orgId()))
                .send();
        api.post("/api/partnerships/" + partnership.id() + "/accept")
                .as(factory)
                .send();

        var loaded = new DemoOrganizationsLoaded(factory.orgId(), factory.userId(), brand.orgId(), brand.userId());
        scenario.publish(loaded).andWaitAtMost(Duration.ofSeconds(30)).andWaitForStateChange(this::listenersCompleted);
        scenario.publish(loaded).andWaitAtMost(Duration.ofSeconds(30)).andWaitForStateChange(this::listenersCompleted);

        String daypack = only(api.get("/api/products/templates/?q=BP-20")
                        .as(factory)
                        .send()
                        .json())
                .path("id")
                .asString();
        String bom = api.get("/api/products/templates/" + daypack + "/bom")
                .as(factory)
                .send()
                .text("id");
        var exploded = api.get("/api/boms/" + bom + "/explosion?quantity=1")
                .as(factory)
                .send()
                .json();
        // fabric 1.1 × 1.08 × 8.40 + lining 0.9 × 1.05 × 3.10 + zippers 2 × 0.85 + two straps (webbing 1.2 × 1.05
        // × 0.60, the preferred buckle 0.40) + thread 45 × 1.1 × 0.002 + the optional key clip 0.35
        assertThat(exploded.path("total_cost").decimalValue()).isEqualByComparingTo("17.3697");
        assertThat(exploded.path("lines")).anyMatch(l -> l.path("substitute").asBoolean());

        var brandProducts = api.get("/api/products/templates/?q=BB-DAYPACK")
                .as(brand)
                .send()
                .json();
        String brandDaypack = only(brandProducts).path("id").asString();
        JsonNode variants = api.get("/api/products/templates/" + brandDaypack + "/variants")
                .as(brand)
                .send()
                .json()
                .path("items");
        assertThat(variants).hasSize(2);
        for (JsonNode variant : variants) {
            JsonNode mappings = api.get(
                            "/api/catalog/variants/" + variant.path("id").asString() + "/supplier-variants")
                    .as(brand)
                    .send()
                    .json()
                    .path("items");
            assertThat(mappings).singleElement().satisfies(m -> assertThat(
                            m.path("factory_org_id").asString())
                    .isEqualTo(factory.orgId().toString()));
        }
        assertThat(api.get("/api/products/templates/?q=BP-20")
                        .as(brand)
                        .send()
                        .json()
                        .path("items"))
                .as("the factory's catalog stays the factory's")
                .isEmpty();
    }

    /** The demo catalog's listener has completed (a failed one stays in the registry and times the scenario out). */
    private boolean listenersCompleted() {
        return jdbc.sql("select count(*) from event_publication where event_type = :type")
                        .param("type", DemoOrganizationsLoaded.class.getName())
                        .query(Long.class)
                        .single()
                == 0;
    }

    private static JsonNode only(JsonNode list) {
        assertThat(list.path("items")).hasSize(1);
        return list.path("items").get(0);
    }
}
