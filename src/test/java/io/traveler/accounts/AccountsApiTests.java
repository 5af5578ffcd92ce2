package io.traveler.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApplicationTest
class AccountsApiTests {
    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void aBrandInvitesAFactoryWhichAccepts() {
        var brand = api.signUp("BRAND");
        var factory = api.signUp("FACTORY");
        var invited = api.post("/api/partnerships/")
                .as(brand)
                .body(Map.of("factory_org_id", factory.orgId()))
                .send();
        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.text("status")).isEqualTo("PENDING");
        String path = "/api/partnerships/" + invited.id();

        assertThat(api.post(path + "/accept").as(brand).send().status())
                .as("the brand cannot accept")
                .isEqualTo(403);
        assertThat(api.get("/api/partnerships").as(factory).send().json().path("items"))
                .hasSize(1);
        var accepted = api.post(path + "/accept").as(factory).send();
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.text("status")).isEqualTo("ACTIVE");
        assertThat(api.post(path + "/accept").as(factory).send().status()).isEqualTo(409);
        assertThat(api.post("/api/partnerships")
                        .as(brand)
                        .body(Map.of("factory_org_id", factory.orgId()))
                        .send()
                        .status())
                .as("one open partnership per pair")
                .isEqualTo(409);
        var ended = api.post(path + "/end")
                .as(brand)
                .ifMatch(accepted.header("ETag"))
                .send();
        assertThat(ended.text("status")).isEqualTo("ENDED");
        assertThat(api.post("/api/partnerships")
                        .as(brand)
                        .body(Map.of("factory_org_id", factory.orgId()))
                        .send()
                        .status())
                .as("a new invitation after the end")
                .isEqualTo(201);
    }

    @Test
    void onlyABrandInvitesAndOnlyAFactoryIsInvited() {
        var shop = api.signUp("SHOP");
        var brand = api.signUp("BRAND");
        var factory = api.signUp("FACTORY");
        assertThat(api.post("/api/partnerships")
                        .as(shop)
                        .body(Map.of("factory_org_id", factory.orgId()))
                        .send()
                        .status())
                .isEqualTo(409);
        var notAFactory = api.post("/api/partnerships")
                .as(brand)
                .body(Map.of("factory_org_id", shop.orgId()))
                .send();
        assertThat(notAFactory.status()).isEqualTo(422);
        assertThat(notAFactory.json().path("errors").get(0).path("field").asString())
                .isEqualTo("factory_org_id");
    }

    @Test
    void employeesWorkAtStationsOfTheirOwnOrganizationOnly() {
        var factory = api.signUp("FACTORY");
        var other = api.signUp("FACTORY");
        var cutting = api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Cutting"))
                .send();
        var sewing = api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Sewing"))
                .send();
        var foreign = api.post("/api/stations")
                .as(other)
                .body(Map.of("name", "Foreign"))
                .send();

        var employee = api.post("/api/employees/")
                .as(factory)
                .body(Map.of(
                        "name",
                        "Mia Maker",
                        "station_ids",
                        List.of(cutting.id(), sewing.id()),
                        "hourly_rate",
                        "31.50",
                        "skills",
                        List.of("cutting", "sewing")))
                .send();
        assertThat(employee.status()).isEqualTo(201);
        assertThat(employee.json().path("station_ids")).hasSize(2);
        assertThat(employee.json().path("hourly_rate").asDouble()).isEqualTo(31.5);
        assertThat(api.get("/api/stations/" + cutting.id())
                        .as(factory)
                        .send()
                        .json()
                        .path("member_ids")
                        .get(0)
                        .asString())
                .isEqualTo(employee.text("id"));
        assertThat(api.get("/api/employees?station_id=" + sewing.id())
                        .as(factory)
                        .send()
                        .json()
                        .path("items"))
                .hasSize(1);

        var smuggle = api.patch("/api/employees/" + employee.id())
                .as(factory)
                .ifMatch(employee.header("ETag"))
                .body(Map.of("station_ids", List.of(foreign.id())))
                .send();
        assertThat(smuggle.status()).isEqualTo(422);
        assertThat(smuggle.json().path("errors").get(0).path("field").asString())
                .isEqualTo("station_ids");
        assertThat(api.get("/api/employees/" + employee.id())
                        .as(factory)
                        .send()
                        .json()
                        .path("station_ids"))
                .hasSize(2);

        var moved = api.patch("/api/employees/" + employee.id())
                .as(factory)
                .ifMatch(employee.header("ETag"))
                .body(Map.of("station_ids", List.of(sewing.id())))
                .send();
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().path("station_ids").get(0).asString()).isEqualTo(sewing.text("id"));
    }

    @Test
    void stationsHaveALeaderACapacityAndALocation() {
        var factory = api.signUp("FACTORY");
        var site = api.post("/api/locations")
                .as(factory)
                .body(Map.of("code", "P1", "name", "Plant", "kind", "SITE"))
                .send();
        var lead = api.post("/api/employees")
                .as(factory)
                .body(Map.of("name", "Lea Lead"))
                .send();
        var station = api.post("/api/stations")
                .as(factory)
                .body(Map.of(
                        "name",
                        "Finishing",
                        "leader_id",
                        lead.id(),
                        "capacity_hours_per_day",
                        16,
                        "location_id",
                        site.id(),
                        "member_ids",
                        List.of(lead.id())))
                .send();
        assertThat(station.status()).isEqualTo(201);
        assertThat(station.text("leader_id")).isEqualTo(lead.text("id"));
        assertThat(station.json().path("capacity_hours_per_day").asInt()).isEqualTo(16);
        var tooMuch = api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "X", "capacity_hours_per_day", 25))
                .send();
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(api.post("/api/stations")
                        .as(factory)
                        .body(Map.of("name", "Finishing"))
                        .send()
                        .status())
                .as("station names are unique per organization")
                .isEqualTo(409);
    }

    @Test
    void patchClearsAFieldSentAsNullAndKeepsTheOnesLeftOut() {
        var factory = api.signUp("FACTORY");
        var lead = api.post("/api/employees")
                .as(factory)
                .body(Map.of("name", "Lou Lead", "hourly_rate", 30))
                .send();
        var station = api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Welding", "leader_id", lead.id(), "description", "Sparks"))
                .send();
        var body = new java.util.HashMap<String, Object>();
        body.put("leader_id", null);
        var cleared = api.patch("/api/stations/" + station.id())
                .as(factory)
                .ifMatch(station.header("ETag"))
                .body(body)
                .send();
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().path("leader_id").isNull()).isTrue();
        assertThat(cleared.text("description")).as("left out, so kept").isEqualTo("Sparks");

        var rate = new java.util.HashMap<String, Object>();
        rate.put("hourly_rate", null);
        var unpaid = api.patch("/api/employees/" + lead.id())
                .as(factory)
                .ifMatch(lead.header("ETag"))
                .body(rate)
                .send();
        assertThat(unpaid.json().path("hourly_rate").isNull()).isTrue();
        assertThat(unpaid.text("name")).isEqualTo("Lou Lead");
    }

    @Test
    void locationsFormASiteAreaBinTree() {
        var factory = api.signUp("FACTORY");
        var site = api.post("/api/locations")
                .as(factory)
                .body(Map.of("code", "MAIN", "name", "Main", "kind", "SITE"))
                .send();
        var area = api.post("/api/locations")
                .as(factory)
                .body(Map.of("code", "MAIN-A", "name", "Area A", "kind", "AREA", "parent_id", site.id()))
                .send();
        var bin = api.post("/api/locations")
                .as(factory)
                .body(Map.of("code", "MAIN-A-1", "name", "Bin 1", "kind", "BIN", "parent_id", area.id()))
                .send();
        assertThat(List.of(site.status(), area.status(), bin.status())).containsOnly(201);
        var binUnderSite = api.post("/api/locations")
                .as(factory)
                .body(Map.of("code", "BAD", "name", "Bad", "kind", "BIN", "parent_id", site.id()))
                .send();
        assertThat(binUnderSite.status()).isEqualTo(422);
        assertThat(binUnderSite.json().path("errors").get(0).path("field").asString())
                .isEqualTo("parent_id");
        assertThat(api.post("/api/locations")
                        .as(factory)
                        .body(Map.of("code", "ORPHAN", "name", "O", "kind", "AREA"))
                        .send()
                        .status())
                .isEqualTo(422);
        assertThat(api.delete("/api/locations/" + site.id())
                        .as(factory)
                        .ifMatch(site.header("ETag"))
                        .send()
                        .status())
                .as("a location that still holds others")
                .isEqualTo(409);
        List<String> children = new ArrayList<>();
        api.get("/api/locations?parent_id=" + site.id())
                .as(factory)
                .send()
                .json()
                .path("items")
                .forEach(l -> children.add(l.path("code").asString()));
        assertThat(children).containsExactly("MAIN-A");
    }

    @Test
    void everyNewOrganizationGetsTheBuiltInRolesAndCustomRolesAreItsOwn() {
        var factory = api.signUp("FACTORY");
        List<String> builtIn = new ArrayList<>();
        api.get("/api/roles").as(factory).send().json().path("items").forEach(r -> {
            if (!r.path("built_in").isNull()) {
                builtIn.add(r.path("built_in").asString());
            }
        });
        assertThat(builtIn)
                .containsExactlyInAnyOrder(
                        "ADMINISTRATOR",
                        "SALES_MANAGER",
                        "PRODUCTION_MANAGER",
                        "QC_INSPECTOR",
                        "TECHNICIAN",
                        "CUSTOMER_SERVICE",
                        "FINANCE",
                        "DESIGNER",
                        "BRAND_USER");
        var custom = api.post("/api/roles")
                .as(factory)
                .body(Map.of("name", "Night shift lead", "permissions", List.of("stations:read", "employees:read")))
                .send();
        assertThat(custom.status()).isEqualTo(201);
        var unknown = api.post("/api/roles")
                .as(factory)
                .body(Map.of("name", "Bad", "permissions", List.of("rockets:launch")))
                .send();
        assertThat(unknown.status()).isEqualTo(422);
        String adminRole = api.builtInRoleId(factory, "ADMINISTRATOR");
        var admin = api.get("/api/roles/" + adminRole).as(factory).send();
        assertThat(api.patch("/api/roles/" + adminRole)
                        .as(factory)
                        .ifMatch(admin.header("ETag"))
                        .body(Map.of("permissions", List.of()))
                        .send()
                        .status())
                .as("built-in roles are fixed")
                .isEqualTo(409);
    }

    @Test
    void theLastAdministratorCannotBeRemoved() {
        var shop = api.signUp("SHOP");
        var me = api.get("/api/users/" + shop.userId()).as(shop).send();
        String technicianRole = api.builtInRoleId(shop, "TECHNICIAN");
        var demoted = api.patch("/api/users/" + shop.userId())
                .as(shop)
                .ifMatch(me.header("ETag"))
                .body(Map.of("role_ids", List.of(technicianRole)))
                .send();
        assertThat(demoted.status()).isEqualTo(409);
        assertThat(api.get("/api/stations").as(shop).send().status()).isEqualTo(200);
    }

    @Test
    void anAdministratorRenamesTheirOrganizationOnly() {
        var shop = api.signUp("SHOP");
        var other = api.signUp("SHOP");
        var current = api.get("/api/shops/" + shop.orgId()).as(shop).send();
        assertThat(current.text("kind")).isEqualTo("SHOP");
        var renamed = api.patch("/api/shops/" + shop.orgId())
                .as(shop)
                .ifMatch(current.header("ETag"))
                .body(Map.of("name", "Maple & Sons"))
                .send();
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(api.get("/api/shops")
                        .as(shop)
                        .send()
                        .json()
                        .path("items")
                        .get(0)
                        .path("name")
                        .asString())
                .isEqualTo("Maple & Sons");
        assertThat(api.get("/api/shops/" + other.orgId()).as(shop).send().status())
                .isEqualTo(404);
    }

    @Test
    void settingsValidateTimezoneCurrencyAndRate() {
        var shop = api.signUp("SHOP");
        var current = api.get("/api/settings").as(shop).send();
        assertThat(current.text("timezone")).isEqualTo("UTC");
        var bad = api.patch("/api/settings")
                .as(shop)
                .ifMatch(current.header("ETag"))
                .body(Map.of("timezone", "Mars/Olympus", "currency", "EUR"))
                .send();
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("timezone");
        var good = api.patch("/api/settings")
                .as(shop)
                .ifMatch(current.header("ETag"))
                .body(Map.of("timezone", "Europe/Berlin", "currency", "EUR", "default_hourly_rate", "42.5"))
                .send();
        assertThat(good.status()).isEqualTo(200);
        assertThat(good.text("currency")).isEqualTo("EUR");
        assertThat(api.get("/api/settings").as(shop).send().text("timezone")).isEqualTo("Europe/Berlin");
    }
}
