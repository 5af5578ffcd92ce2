package io.traveler.catalog;

import static io.traveler.catalog.CatalogFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.catalog.internal.BomService;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.ImportJobs;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
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
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Explosion reads an in-memory BOM graph per organization, kept until the catalog changes: every kind of change is
 * seen by the very next explosion, and no organization ever sees another's graph.
 */
@ApplicationTest
class ExplosionCacheTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    BomService boms;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    Api api;
    Api.Tenant owner;
    CatalogFixtures fixtures;
    UUID bolt;
    UUID plate;
    UUID frame;
    UUID machine;
    UUID machineBom;

    /** MACHINE = 2 × FRAME (+5 % waste) + 1 plate; FRAME = 4 bolts. */
    @BeforeEach
    void buildMachine() {
        api = new Api(port);
        owner = Tenants.in(context).signedIn("FACTORY");
        fixtures = new CatalogFixtures(api, owner);
        bolt = fixtures.part("BOLT", new BigDecimal("0.50"), null);
        plate = fixtures.part("PLATE", new BigDecimal("10.00"), null);
        frame = fixtures.product("FRAME");
        machine = fixtures.product("MACHINE");
        fixtures.activeBom(frame, List.of(line("PART", bolt, "4", "0")));
        machineBom = fixtures.activeBom(
                machine, List.of(line("PRODUCT", frame, "2", "0.05"), line("PART", plate, "1", "0")));
    }

    @Test
    void aChangedPartCostIsPricedByTheNextExplosion() {
        // 2 × 1.05 × 4 × 0.50 + 10.00
        assertThat(totalCost(machineBom)).isEqualByComparingTo("14.20");
        var part = api.get("/api/catalog/parts/" + bolt).as(owner).send();
        var changed = api.patch("/api/catalog/parts/" + bolt)
                .as(owner)
                .ifMatch(part.header("ETag"))
                .body(Map.of("unit_cost", new BigDecimal("1.00")))
                .send();
        assertThat(changed.status()).isEqualTo(200);

        assertThat(totalCost(machineBom)).isEqualByComparingTo("18.40");
    }

    @Test
    void aNewlyActivatedSubAssemblyVersionIsExplodedAtOnce() {
        assertThat(numbers(machineBom)).containsExactly("FRAME", "BOLT", "PLATE");
        UUID revision = fixtures.draft(frame, List.of(line("PART", bolt, "6", "0"), line("PART", plate, "1", "0")));
        assertThat(numbers(machineBom)).as("a DRAFT changes nothing yet").containsExactly("FRAME", "BOLT", "PLATE");

        assertThat(api.post("/api/boms/" + revision + "/activate")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(200);

        assertThat(numbers(machineBom)).containsExactly("FRAME", "BOLT", "PLATE", "PLATE");
        // 2.1 × (6 × 0.50 + 10.00) + 10.00
        assertThat(totalCost(machineBom)).isEqualByComparingTo("37.30");
    }

    @Test
    void editedDraftLinesAndRenamedComponentsShowAtOnce() {
        UUID draft = fixtures.draft(machine, List.of(line("PART", plate, "1", "0")));
        assertThat(numbers(draft)).containsExactly("PLATE");
        var current = api.get("/api/boms/" + draft).as(owner).send();
        assertThat(api.request("PUT", "/api/boms/" + draft + "/lines")
                        .as(owner)
                        .ifMatch(current.header("ETag"))
                        .body(Map.of("lines", List.of(line("PRODUCT", frame, "1", "0"))))
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(numbers(draft)).containsExactly("FRAME", "BOLT");

        var part = api.get("/api/catalog/parts/" + bolt).as(owner).send();
        api.patch("/api/catalog/parts/" + bolt)
                .as(owner)
                .ifMatch(part.header("ETag"))
                .body(Map.of("part_number", "BOLT-M8"))
                .send();
        assertThat(numbers(draft)).containsExactly("FRAME", "BOLT-M8");
    }

    @Test
    void anImportedCostChangeIsPricedByTheNextExplosion() {
        assertThat(totalCost(machineBom)).isEqualByComparingTo("14.20");
        var started = api.post("/api/imports/parts")
                .as(owner)
                .csv("part_number,name,kind,unit_of_measure,unit_cost\nPLATE,Part PLATE,COMPONENT,ea,20.00\n")
                .send();
        awaitCompleted(started.text("id"));

        assertThat(totalCost(machineBom)).isEqualByComparingTo("24.20");
    }

    @Test
    void eachOrganizationExplodesOnlyItsOwnCatalog() {
        var other = Tenants.in(context).signedIn("FACTORY");
        var theirs = new CatalogFixtures(api, other);
        UUID theirBolt = theirs.part("BOLT", new BigDecimal("3.00"), null);
        UUID theirFrame = theirs.product("FRAME");
        UUID theirBom = theirs.activeBom(theirFrame, List.of(line("PART", theirBolt, "1", "0")));

        assertThat(totalCost(machineBom)).isEqualByComparingTo("14.20");
        assertThat(api.get("/api/boms/" + theirBom + "/explosion?quantity=1")
                        .as(other)
                        .send()
                        .json()
                        .path("total_cost")
                        .decimalValue())
                .isEqualByComparingTo("3.00");
        assertThat(api.get("/api/boms/" + machineBom + "/explosion?quantity=1")
                        .as(other)
                        .send()
                        .status())
                .as("another organization's BOM, though its graph is cached")
                .isEqualTo(404);
        assertThat(api.get("/api/boms/" + theirBom + "/explosion?quantity=1")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(404);

        var part = api.get("/api/catalog/parts/" + theirBolt).as(other).send();
        api.patch("/api/catalog/parts/" + theirBolt)
                .as(other)
                .ifMatch(part.header("ETag"))
                .body(Map.of("unit_cost", new BigDecimal("7.00")))
                .send();
        assertThat(totalCost(machineBom)).as("untouched by the other's change").isEqualByComparingTo("14.20");
    }

    @Test
    void aTransactionSeesItsOwnUncommittedChangeButNobodyKeepsIt() {
        assertThat(totalCost(machineBom)).isEqualByComparingTo("14.20");
        Tenant tenant = Tenant.user(owner.orgId(), owner.userId());
        BigDecimal insideTheRolledBackChange = TenantContext.callAs(
                tenant,
                () -> transactions.execute(status -> {
                    jdbc.sql("update catalog.parts set unit_cost = 100 where id = :id")
                            .param("id", plate)
                            .update();
                    status.setRollbackOnly();
                    return boms.explode(machineBom, BigDecimal.ONE, true).totalCost();
                }));

        assertThat(insideTheRolledBackChange).isEqualByComparingTo("104.20");
        assertThat(totalCost(machineBom)).isEqualByComparingTo("14.20");
        // the next committed change raises the stamp to the value the rolled-back one had
        var part = api.get("/api/catalog/parts/" + bolt).as(owner).send();
        api.patch("/api/catalog/parts/" + bolt)
                .as(owner)
                .ifMatch(part.header("ETag"))
                .body(Map.of("unit_cost", new BigDecimal("1.00")))
                .send();
        assertThat(totalCost(machineBom)).isEqualByComparingTo("18.40");
    }

    private BigDecimal totalCost(UUID bom) {
        return explosion(bom).path("total_cost").decimalValue();
    }

    private List<String> numbers(UUID bom) {
        List<String> numbers = new ArrayList<>();
        explosion(bom).path("lines").forEach(l -> numbers.add(l.path("number").asString()));
        return numbers;
    }

    private JsonNode explosion(UUID bom) {
        var exploded =
                api.get("/api/boms/" + bom + "/explosion?quantity=1").as(owner).send();
        assertThat(exploded.status()).as(exploded.toString()).isEqualTo(200);
        return exploded.json();
    }

    private void awaitCompleted(String job) {
        assertThat(ImportJobs.awaitFinished(api, owner, job).path("status").asString())
                .isEqualTo("COMPLETED");
    }
}
