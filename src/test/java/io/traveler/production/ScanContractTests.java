package io.traveler.production;

import static io.traveler.production.ShopFloor.idOf;
import static io.traveler.production.ShopFloor.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/scan} as the issue writes it: a unit walked through its stages by scans at their stations. */
@ApplicationTest
class ScanContractTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    Tenants tenants;
    Tenants.Member organization;
    ShopFloor floor;
    UUID cutting;
    UUID packing;
    UUID checklist;
    UUID width;
    UUID project;
    JsonNode workflow;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        tenants = Tenants.in(context);
        organization = tenants.organization("FACTORY");
        floor = new ShopFloor(api, tenants.signedIn(organization));
        cutting = floor.station("Cutting");
        packing = floor.station("Packing");
        workflow = floor.workflow(List.of(
                stage(
                        "Cut",
                        cutting,
                        Map.of(
                                "kind",
                                "checklist",
                                "label",
                                "Blade checked",
                                "required",
                                true,
                                "checklist_items",
                                List.of("Blade")),
                        Map.of(
                                "kind",
                                "measurement",
                                "label",
                                "Width",
                                "required",
                                true,
                                "unit",
                                "mm",
                                "target_value",
                                600,
                                "tolerance",
                                0.5),
                        Map.of("kind", "photo", "label", "Photo", "required", false)),
                stage("Pack", packing)));
        checklist = idOf(workflow.path("stages").get(0).path("actions").get(0));
        width = idOf(workflow.path("stages").get(0).path("actions").get(1));
        project = floor.startedProject(idOf(workflow), 2);
    }

    @Test
    void aUnitIsWalkedThroughItsStagesByScansAndItsPassportTellsEveryStep() {
        List<JsonNode> units = floor.units(project);
        assertThat(units).hasSize(2);
        JsonNode first = units.getFirst();
        String serial = first.path("serial").asString();
        assertThat(first.path("status").asString()).isEqualTo("QUEUED");
        assertThat(first.path("stage").path("name").asString()).isEqualTo("Cut");
        assertThat(first.path("stage").path("station_id").asString()).isEqualTo(cutting.toString());
        UUID cutStage = UUID.fromString(first.path("stage").path("id").asString());

        var started = floor.scan("https://traveler.example/s/" + serial, cutting, "START");
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().path("unit").path("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(started.json().path("stage").path("id").asString()).isEqualTo(cutStage.toString());
        assertThat(labels(started.json().path("next").path("missing"))).containsExactly("Blade checked", "Width");
        assertThat(started.json().path("next").path("station_id").asString()).isEqualTo(packing.toString());
        assertThat(started.json().path("next").path("stage").path("name").asString())
                .isEqualTo("Pack");

        var early = floor.scan(serial, cutting, "complete");
        assertThat(early.status()).as(early.toString()).isEqualTo(409);
        assertThat(early.header("Content-Type")).startsWith("application/problem+json");
        assertThat(early.text("detail")).contains("Blade checked").contains("Width");

        var outside = floor.scan(serial, cutting, "record_action", "action_id", width, "measured_value", 601);
        assertThat(outside.status()).as(outside.toString()).isEqualTo(200);
        assertThat(labels(outside.json().path("next").path("missing")))
                .containsExactly("Blade checked", "Width (out of tolerance)");
        assertThat(floor.scan(serial, cutting, "complete").text("detail")).contains("Width (out of tolerance)");
        assertThat(floor.scan(serial, cutting, "record_action", "action_id", width, "measured_value", 600.2)
                        .status())
                .isEqualTo(200);
        var ticked = floor.scan(serial, cutting, "record_action", "action_id", checklist);
        assertThat(ticked.status()).as(ticked.toString()).isEqualTo(200);
        assertThat(ticked.json().path("next").path("missing")).isEmpty();
        assertThat(ticked.json().path("next").path("action").asString()).isEqualTo("complete");

        var completed = floor.scan(serial, cutting, "complete");
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.json().path("unit").path("status").asString()).isEqualTo("QUEUED");
        assertThat(completed.json().path("stage").path("name").asString()).isEqualTo("Pack");
        assertThat(completed.json().path("stage").path("station_id").asString()).isEqualTo(packing.toString());

        var wrongStation = floor.scan(serial, cutting, "start");
        assertThat(wrongStation.status()).as(wrongStation.toString()).isEqualTo(409);
        assertThat(wrongStation.text("detail")).contains("Pack").contains("not at this station");

        assertThat(floor.scan(serial, packing, "start").status()).isEqualTo(200);
        var done = floor.scan(serial, packing, "complete");
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().path("unit").path("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.json().path("next").path("done").asBoolean()).isTrue();
        assertThat(floor.scan(serial, packing, "start").status()).isEqualTo(409);

        var passport = api.get("/api/units/" + idOf(first) + "/events")
                .as(floor.tenant())
                .send();
        assertThat(passport.status()).isEqualTo(200);
        List<String> kinds = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        passport.json().path("items").forEach(e -> {
            kinds.add(e.path("kind").asString());
            seqs.add(e.path("seq").asInt());
            assertThat(e.path("at").asString()).isNotBlank();
        });
        assertThat(kinds)
                .containsExactly(
                        "CREATED",
                        "STARTED",
                        "ACTION_RECORDED",
                        "ACTION_RECORDED",
                        "ACTION_RECORDED",
                        "COMPLETED_STAGE",
                        "MOVED",
                        "STARTED",
                        "COMPLETED_STAGE",
                        "COMPLETED");
        assertThat(seqs).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(passport.json().path("next_cursor").isNull()).isTrue();

        List<Integer> paged = new ArrayList<>();
        String cursor = null;
        do {
            var page = api.get("/api/units/" + idOf(first) + "/events?limit=4"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .as(floor.tenant())
                    .send();
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().path("items").size()).isBetween(1, 4);
            page.json().path("items").forEach(e -> paged.add(e.path("seq").asInt()));
            cursor = page.json().path("next_cursor").isNull()
                    ? null
                    : page.json().path("next_cursor").asString();
        } while (cursor != null);
        assertThat(paged).as("pages of 4, in order, nothing twice").isEqualTo(seqs);

        String unitsCursor = api.get("/api/projects/" + project + "/units?limit=1")
                .as(floor.tenant())
                .send()
                .json()
                .path("next_cursor")
                .asString();
        for (String query : List.of("?limit=0", "?limit=501", "?cursor=nonsense", "?cursor=" + unitsCursor)) {
            var refused = api.get("/api/units/" + idOf(first) + "/events" + query)
                    .as(floor.tenant())
                    .send();
            assertThat(refused.status()).as(query).isEqualTo(422);
            assertThat(refused.json().path("errors").path(0).path("field").asString())
                    .as(query)
                    .isIn("limit", "cursor");
        }
    }

    @Test
    void anotherOrganizationsCodeIsNotFoundAndItsStationIsRefused() {
        var other = new ShopFloor(api, tenants.signedIn(tenants.organization("FACTORY")));
        UUID theirStation = other.station("Their cutting");
        UUID theirProject = other.startedProject(idOf(other.workflow(List.of(stage("Cut", theirStation)))), 3);
        String theirs = other.units(theirProject).getLast().path("serial").asString();
        assertThat(floor.units(project))
                .extracting(u -> u.path("serial").asString())
                .doesNotContain(theirs);

        var foreign = floor.scan(theirs, cutting, "start");
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);

        String mine = floor.units(project).getFirst().path("serial").asString();
        var foreignStation = floor.scan(mine, theirStation, "start");
        assertThat(foreignStation.status()).as(foreignStation.toString()).isEqualTo(404);
        assertThat(floor.units(project).getFirst().path("status").asString()).isEqualTo("QUEUED");
    }

    private static List<String> labels(JsonNode missing) {
        List<String> labels = new ArrayList<>();
        missing.forEach(m -> labels.add(m.path("label").asString()));
        return labels;
    }
}
