package io.traveler.projects;

import io.traveler.testing.Api;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Customers, stations, workflows, projects and their moves made through the API, failing loudly when refused. */
record ProjectFixtures(Api api) {
    UUID customer(Api.Tenant tenant, String name) {
        return created(
                api.post("/api/customers").as(tenant).body(Map.of("name", name)).send());
    }

    UUID station(Api.Tenant tenant, String name) {
        return created(
                api.post("/api/stations").as(tenant).body(Map.of("name", name)).send());
    }

    UUID employee(Api.Tenant tenant, String name, String hourlyRate) {
        var body = new HashMap<String, Object>(Map.of("name", name));
        if (hourlyRate != null) {
            body.put("hourly_rate", new BigDecimal(hourlyRate));
        }
        return created(api.post("/api/employees").as(tenant).body(body).send());
    }

    UUID template(Api.Tenant tenant, UUID station, String title, int sequence) {
        return created(api.post("/api/stations/" + station + "/task-templates")
                .as(tenant)
                .body(Map.of("title", title, "sequence", sequence))
                .send());
    }

    UUID product(Api.Tenant tenant, String sku) {
        return created(api.post("/api/products/templates")
                .as(tenant)
                .body(Map.of("sku", sku, "name", "Product " + sku, "base_price", 100))
                .send());
    }

    static Map<String, Object> stage(String name, UUID station, int minutes, Map<?, ?>... actions) {
        var stage =
                new HashMap<String, Object>(Map.of("name", name, "station_id", station, "expected_minutes", minutes));
        if (actions.length > 0) {
            stage.put("actions", List.of(actions));
        }
        return stage;
    }

    /** An ACTIVE workflow; its JSON (with the stages' and actions' ids). */
    JsonNode workflow(Api.Tenant tenant, String name, List<Map<String, Object>> stages) {
        var made = api.post("/api/workflows/")
                .as(tenant)
                .body(Map.of("name", name, "stages", stages))
                .send();
        created(made);
        return made.json();
    }

    UUID project(Api.Tenant tenant, String name, UUID customer, UUID workflow) {
        return created(api.post("/api/projects/")
                .as(tenant)
                .body(Map.of("name", name, "customer_id", customer, "workflow_id", workflow, "quantity", 2))
                .send());
    }

    Api.Response start(Api.Tenant tenant, UUID project) {
        return api.post("/api/projects/" + project + "/start/").as(tenant).send();
    }

    Api.Response advance(Api.Tenant tenant, UUID project) {
        return api.post("/api/projects/" + project + "/move_stage/").as(tenant).send();
    }

    Api.Response rework(Api.Tenant tenant, UUID project, UUID toStage, String reason) {
        var body = new HashMap<String, Object>(Map.of("to_stage_id", toStage));
        if (reason != null) {
            body.put("reason", reason);
        }
        return api.post("/api/projects/" + project + "/move_stage/")
                .as(tenant)
                .body(body)
                .send();
    }

    JsonNode get(Api.Tenant tenant, UUID project) {
        var read = api.get("/api/projects/" + project).as(tenant).send();
        if (read.status() != 200) {
            throw new IllegalStateException("project unreadable: " + read);
        }
        return read.json();
    }

    List<JsonNode> tasks(Api.Tenant tenant, UUID project) {
        var read = api.get("/api/projects/" + project + "/tasks/").as(tenant).send();
        if (read.status() != 200) {
            throw new IllegalStateException("tasks unreadable: " + read);
        }
        List<JsonNode> tasks = new ArrayList<>();
        read.json().path("items").forEach(tasks::add);
        return tasks;
    }

    /** Starts and completes every open task of the project. */
    void completeOpenTasks(Api.Tenant tenant, UUID project) {
        for (JsonNode task : tasks(tenant, project)) {
            if (!"done".equals(task.path("status").asString())) {
                complete(tenant, UUID.fromString(task.path("id").asString()));
            }
        }
    }

    void complete(Api.Tenant tenant, UUID task) {
        var started = api.post("/api/tasks/" + task + "/start/").as(tenant).send();
        if (started.status() != 200) {
            throw new IllegalStateException("task start refused: " + started);
        }
        var completed = api.post("/api/tasks/" + task + "/complete/").as(tenant).send();
        if (completed.status() != 200) {
            throw new IllegalStateException("task completion refused: " + completed);
        }
    }

    static UUID idOf(JsonNode node) {
        return UUID.fromString(node.path("id").asString());
    }

    static UUID created(Api.Response response) {
        if (response.status() != 201) {
            throw new IllegalStateException("fixture refused: " + response);
        }
        return response.id();
    }
}
