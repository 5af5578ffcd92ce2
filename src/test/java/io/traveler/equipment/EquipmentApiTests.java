package io.traveler.equipment;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The equipment API as a client uses it: versioned changes (428 without If-Match, 412 when stale), plans and the
 * maintenance that moves them, the due list, a product's equipment replaced as a whole, and another organization's
 * ids refused.
 */
@ApplicationTest
class EquipmentApiTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void onlyAMemberWhoManagesEquipmentRetiresItOrBringsItBack() {
        var api = new Api(port);
        var factory = Tenants.in(context).signedIn("FACTORY");
        var technician = api.addMember(factory, "TECHNICIAN");
        var created = api.post("/api/equipment")
                .as(factory)
                .body(Map.of("code", "OVEN-9", "name", "Oven", "kind", "MACHINE"))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String status = "/api/equipment/" + created.id() + "/status";
        assertThat(api.post(status)
                        .as(technician)
                        .body(Map.of("status", "MAINTENANCE"))
                        .send()
                        .status())
                .isEqualTo(200);
        var retiring = api.post(status)
                .as(technician)
                .body(Map.of("status", "RETIRED"))
                .send();
        assertThat(retiring.status()).as(retiring.toString()).isEqualTo(403);
        assertThat(api.post(status)
                        .as(factory)
                        .body(Map.of("status", "RETIRED"))
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.post(status)
                        .as(technician)
                        .body(Map.of("status", "AVAILABLE"))
                        .send()
                        .status())
                .as("bringing it back is the manager's call too")
                .isEqualTo(403);
        assertThat(api.get("/api/equipment/" + created.id()).as(factory).send().text("status"))
                .isEqualTo("RETIRED");
    }

    @Test
    void equipmentChangesNeedTheCurrentVersionAndLoggingMaintenanceMovesThePlansNextDue() {
        var api = new Api(port);
        var factory = Tenants.in(context).signedIn("FACTORY");
        var created = api.post("/api/equipment")
                .as(factory)
                .body(Map.of("code", "LATHE-1", "name", "Lathe", "kind", "MACHINE", "serial_number", "L-77"))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(created.text("status")).isEqualTo("AVAILABLE");
        String path = "/api/equipment/" + created.id();
        assertThat(api.post("/api/equipment")
                        .as(factory)
                        .body(Map.of("code", "LATHE-1", "name", "Twin", "kind", "TOOL"))
                        .send()
                        .status())
                .as("the code names one piece of equipment")
                .isEqualTo(409);

        assertThat(api.patch(path)
                        .as(factory)
                        .body(Map.of("name", "Lathe A"))
                        .send()
                        .status())
                .isEqualTo(428);
        assertThat(api.patch(path)
                        .as(factory)
                        .ifMatch("\"7\"")
                        .body(Map.of("name", "Lathe A"))
                        .send()
                        .status())
                .isEqualTo(412);
        var changed = api.patch(path)
                .as(factory)
                .ifMatch("\"0\"")
                .body(withNull("name", "Lathe A", "serial_number"))
                .send();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("serial_number").isNull()).isTrue();
        assertThat(changed.header("ETag")).isEqualTo("\"1\"");

        var plan = api.post(path + "/plans")
                .as(factory)
                .body(Map.of(
                        "name",
                        "Chuck service",
                        "interval_days",
                        10,
                        "last_done_on",
                        LocalDate.now().minusDays(20).toString()))
                .send();
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        assertThat(api.post(path + "/plans")
                        .as(factory)
                        .body(Map.of("name", "No interval"))
                        .send()
                        .status())
                .isEqualTo(422);
        var due = api.get("/api/equipment/maintenance/due?within_days=0")
                .as(factory)
                .send();
        assertThat(due.json().path("items").get(0).path("state").asString()).isEqualTo("OVERDUE");
        assertThat(due.json().path("items").get(0).path("plan_id").asString())
                .isEqualTo(plan.id().toString());

        var logged = api.post(path + "/maintenance")
                .as(factory)
                .body(Map.of("plan_id", plan.id(), "notes", "Cleaned the chuck", "cost", "40.00", "hours_used", 12))
                .send();
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        assertThat(api.get("/api/equipment/maintenance/due?within_days=0")
                        .as(factory)
                        .send()
                        .json()
                        .path("items")
                        .size())
                .isZero();
        var moved = api.get(path + "/plans/" + plan.id()).as(factory).send();
        assertThat(moved.json().path("last_done_hours").decimalValue()).isEqualByComparingTo("12");
        assertThat(api.get(path).as(factory).send().json().path("hours_used").decimalValue())
                .as("a reading above the meter moves it")
                .isEqualByComparingTo("12");
        assertThat(api.get(path + "/maintenance")
                        .as(factory)
                        .send()
                        .json()
                        .path("items")
                        .get(0)
                        .path("notes")
                        .asString())
                .isEqualTo("Cleaned the chuck");
        assertThat(api.post(path + "/usage")
                        .as(factory)
                        .body(Map.of("hours", 3))
                        .send()
                        .json()
                        .path("hours_used")
                        .decimalValue())
                .isEqualByComparingTo("15");
        assertThat(api.post(path + "/usage").as(factory).body(Map.of()).send().status())
                .isEqualTo(422);
        assertThat(api.delete(path).as(factory).ifMatch("*").send().status())
                .as("maintenance on record: retire it")
                .isEqualTo(409);
    }

    private static Map<String, Object> withNull(String field, Object value, String cleared) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put(field, value);
        body.put(cleared, null);
        return body;
    }

    @Test
    void aProductsEquipmentIsReplacedAsAWholeUnderItsVersionAndNamesOnlyTheOrganizationsOwn() {
        var api = new Api(port);
        var tenants = Tenants.in(context);
        var factory = tenants.signedIn("FACTORY");
        var other = tenants.signedIn("FACTORY");
        var product = api.post("/api/products/templates")
                .as(factory)
                .body(Map.of("sku", "P-EQ", "name", "Bag"))
                .send();
        String requirements = "/api/products/" + product.id() + "/equipment";
        var press = api.post("/api/equipment")
                .as(factory)
                .body(Map.of("code", "PRS", "name", "Press", "kind", "MACHINE"))
                .send();
        var foreign = api.post("/api/equipment")
                .as(other)
                .body(Map.of("code", "PRS", "name", "Their press", "kind", "MACHINE"))
                .send();

        var none = api.get(requirements).as(factory).send();
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.header("ETag")).isEqualTo("\"0\"");
        assertThat(none.json().path("items").size()).isZero();

        var put = api.request("PUT", requirements)
                .as(factory)
                .ifMatch("\"0\"")
                .body(Map.of("items", List.of(Map.of("equipment_id", press.id(), "quantity", 2, "notes", "Snaps"))))
                .send();
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.header("ETag")).isEqualTo("\"1\"");
        assertThat(put.json().path("items").get(0).path("equipment_code").asString())
                .isEqualTo("PRS");
        assertThat(put.json().path("items").get(0).path("quantity").asInt()).isEqualTo(2);

        assertThat(api.request("PUT", requirements)
                        .as(factory)
                        .ifMatch("\"0\"")
                        .body(Map.of("items", List.of()))
                        .send()
                        .status())
                .as("stale")
                .isEqualTo(412);
        var theirs = api.request("PUT", requirements)
                .as(factory)
                .ifMatch("\"1\"")
                .body(Map.of("items", List.of(Map.of("equipment_id", foreign.id()))))
                .send();
        assertThat(theirs.status()).isEqualTo(422);
        assertThat(theirs.raw().body()).contains("items[0].equipment_id");
        assertThat(api.get(requirements).as(other).send().status())
                .as("another organization's product")
                .isEqualTo(404);
        assertThat(api.get("/api/equipment/" + press.id()).as(other).send().status())
                .isEqualTo(404);
        assertThat(api.delete("/api/equipment/" + press.id())
                        .as(factory)
                        .ifMatch("*")
                        .send()
                        .status())
                .as("required by a product")
                .isEqualTo(409);
    }
}
