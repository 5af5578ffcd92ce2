package io.traveler.production;

import io.traveler.testing.Api;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Stations, workflows, started projects and scans made through the API, failing loudly when refused. */
public record ShopFloor(Api api, Api.Tenant tenant) {
    public UUID station(String name) {
        return created(
                api.post("/api/stations").as(tenant).body(Map.of("name", name)).send());
    }

    public static Map<String, Object> stage(String name, UUID station, Map<?, ?>... actions) {
        var stage = new HashMap<String, Object>(Map.of("name", name, "station_id", station, "expected_minutes", 10));
        if (actions.length > 0) {
            stage.put("actions", List.of(actions));
        }
        return stage;
    }

    /** An ACTIVE workflow's JSON (with its stages' and actions' ids). */
    public JsonNode workflow(List<Map<String, Object>> stages) {
        var made = api.post("/api/workflows/")
                .as(tenant)
                .body(Map.of("name", "Line " + UUID.randomUUID(), "stages", stages))
                .send();
        created(made);
        return made.json();
    }

    /** A project of {@code quantity} pieces on the workflow, started (its units made); its id. */
    public UUID startedProject(UUID workflow, int quantity) {
        UUID customer = created(api.post("/api/customers")
                .as(tenant)
                .body(Map.of("name", "Harbour"))
                .send());
        UUID project = created(api.post("/api/projects/")
                .as(tenant)
                .body(Map.of(
                        "name",
                        "Chairs",
                        "customer_id",
                        customer,
                        "workflow_id",
                        workflow,
                        "quantity",
                        new BigDecimal(quantity)))
                .send());
        var started =
                api.post("/api/projects/" + project + "/start/").as(tenant).send();
        if (started.status() != 200) {
            throw new IllegalStateException("start refused: " + started);
        }
        return project;
    }

    public JsonNode project(UUID project) {
        return ok(api.get("/api/projects/" + project).as(tenant).send()).json();
    }

    /** The project's units as the API lists them, every page. */
    public List<JsonNode> units(UUID project) {
        List<JsonNode> units = new ArrayList<>();
        String cursor = null;
        do {
            var page = ok(api.get("/api/projects/" + project + "/units?limit=500"
                                    + (cursor == null ? "" : "&cursor=" + cursor))
                            .as(tenant)
                            .send())
                    .json();
            page.path("items").forEach(units::add);
            cursor = page.path("next_cursor").isNull()
                            || page.path("next_cursor").isMissingNode()
                    ? null
                    : page.path("next_cursor").asString();
        } while (cursor != null);
        return units;
    }

    public Api.Response scan(String code, UUID station, String action, Object... more) {
        var body = new HashMap<String, Object>(Map.of("code", code, "station_id", station, "action", action));
        for (int i = 0; i + 1 < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return api.post("/api/scan").as(tenant).body(body).send();
    }

    public static UUID idOf(JsonNode node) {
        return UUID.fromString(node.path("id").asString());
    }

    public static Api.Response ok(Api.Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("refused: " + response);
        }
        return response;
    }

    public static UUID created(Api.Response response) {
        if (response.status() != 201) {
            throw new IllegalStateException("fixture refused: " + response);
        }
        return response.id();
    }
}
