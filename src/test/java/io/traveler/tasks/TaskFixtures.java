package io.traveler.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * An organization to work in: its administrator as a member (for calls of the {@link Tasks} facade, as the projects
 * module makes them) and signed in (for the API), with stations, employees and tasks of made-up projects (project ids
 * are opaque to this module).
 */
final class TaskFixtures {
    final Api api;
    final Tenants tenants;
    final Tasks tasks;
    final Tenants.Member admin;
    final Api.Tenant signedIn;

    TaskFixtures(ApplicationContext context, Api api) {
        this.api = api;
        this.tenants = Tenants.in(context);
        this.tasks = context.getBean(Tasks.class);
        this.admin = tenants.organization("FACTORY");
        this.signedIn = tenants.signedIn(admin);
    }

    UUID station(String name) {
        var created = api.post("/api/stations")
                .as(signedIn)
                .body(Map.of("name", name))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    /** An employee with this hourly rate (null: none of their own), linked to {@code userId} when given. */
    UUID employee(String name, BigDecimal rate, UUID userId, UUID... stations) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        if (rate != null) {
            body.put("hourly_rate", rate);
        }
        if (userId != null) {
            body.put("user_id", userId);
        }
        body.put("station_ids", List.of(stations));
        var created = api.post("/api/employees").as(signedIn).body(body).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    Tasks.TaskView task(UUID projectId, String title) {
        return task(projectId, newTask(title));
    }

    Tasks.TaskView task(UUID projectId, Tasks.NewTask task) {
        return admin.call(() -> tasks.create(projectId, task));
    }

    static Tasks.NewTask newTask(String title) {
        return newTask(title, null, null, List.of(), List.of(), null);
    }

    static Tasks.NewTask newTask(
            String title, UUID stationId, UUID employeeId, List<UUID> dependsOn, List<String> checklist, String rule) {
        return new Tasks.NewTask(
                null,
                null,
                title,
                null,
                null,
                null,
                stationId,
                employeeId,
                null,
                null,
                null,
                rule,
                dependsOn,
                checklist);
    }

    Api.Response post(String path, Object body) {
        var request = api.post(path).as(signedIn);
        return body == null ? request.send() : request.body(body).send();
    }

    Api.Response get(String path) {
        return api.get(path).as(signedIn).send();
    }
}
