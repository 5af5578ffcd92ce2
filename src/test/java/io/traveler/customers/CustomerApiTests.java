package io.traveler.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The customers API as a client sees it: the contract, duplicates, versions, tenants, roles and the search. */
@ApplicationTest
class CustomerApiTests {
    @LocalServerPort
    int port;

    Api api;
    Api.Tenant shop;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        shop = api.signUp("FACTORY");
    }

    private Api.Response create(Api.Tenant as, Map<String, Object> body) {
        return api.post("/api/customers/").as(as).body(body).send();
    }

    private static List<String> fieldsOf(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    @Test
    void aCustomerIsCreatedReadChangedUnderItsEtagAndDeleted() {
        var created = create(shop, Map.of("name", "Harbour Store", "email", "shop@harbour.example"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/customers/" + created.id());
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(created.text("code")).as("a code from the customers series").isNotBlank();
        assertThat(created.text("status")).isEqualTo("ACTIVE");

        String path = "/api/customers/" + created.id();
        var read = api.get(path + "/").as(shop).send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        assertThat(read.text("email")).isEqualTo("shop@harbour.example");

        Map<String, Object> change = Map.of(
                "phone",
                "+351 22 000 0000",
                "billing_address",
                Map.of("city", "Porto", "country", "PT"),
                "tags",
                List.of("retail", "local market"),
                "status",
                "VIP",
                "credit_limit",
                5000);
        assertThat(api.patch(path).as(shop).body(change).send().status()).isEqualTo(428);
        assertThat(api.patch(path).as(shop).ifMatch("\"3\"").body(change).send().status())
                .isEqualTo(412);
        var changed = api.patch(path).as(shop).ifMatch("\"0\"").body(change).send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"1\"");
        assertThat(changed.json().path("billing_address").path("city").asString())
                .isEqualTo("Porto");
        assertThat(changed.json().path("tags")).hasSize(2);
        assertThat(changed.text("status")).isEqualTo("VIP");
        assertThat(changed.text("name")).as("a field left out stays").isEqualTo("Harbour Store");

        Map<String, Object> clear = new HashMap<>();
        clear.put("email", null);
        var cleared = api.patch(path).as(shop).ifMatch("\"1\"").body(clear).send();
        assertThat(cleared.json().path("email").isNull()).isTrue();
        assertThat(cleared.json().path("phone").asString()).isEqualTo("+351 22 000 0000");

        assertThat(api.delete(path).as(shop).send().status()).isEqualTo(428);
        assertThat(api.delete(path).as(shop).ifMatch("\"1\"").send().status()).isEqualTo(412);
        assertThat(api.delete(path).as(shop).ifMatch("\"2\"").send().status()).isEqualTo(204);
        assertThat(api.get(path).as(shop).send().status()).isEqualTo(404);
    }

    @Test
    void aSecondCustomerWithTheSameEmailOrCodeIsAConflict() {
        assertThat(create(shop, Map.of("name", "First", "email", "buyer@alpine.example", "code", "ALP"))
                        .status())
                .isEqualTo(201);

        var sameEmail = create(shop, Map.of("name", "Second", "email", "Buyer@Alpine.example"));
        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameEmail.text("detail")).contains("Buyer@Alpine.example");
        var sameCode = create(shop, Map.of("name", "Third", "code", "ALP"));
        assertThat(sameCode.status()).isEqualTo(409);
        assertThat(sameCode.text("detail")).contains("ALP");

        var other = create(shop, Map.of("name", "Other", "email", "other@alpine.example"));
        var taking = api.patch("/api/customers/" + other.id())
                .as(shop)
                .ifMatch("\"0\"")
                .body(Map.of("email", "BUYER@alpine.example"))
                .send();
        assertThat(taking.status()).isEqualTo(409);

        var elsewhere = api.signUp("BRAND");
        assertThat(create(elsewhere, Map.of("name", "Same in another org", "email", "buyer@alpine.example"))
                        .status())
                .as("uniqueness is per organization")
                .isEqualTo(201);
    }

    @Test
    void invalidFieldsAreRefusedNamingThem() {
        var nameless = create(shop, Map.of("email", "x@example.com"));
        assertThat(nameless.status()).isEqualTo(422);
        assertThat(fieldsOf(nameless)).containsExactly("name");

        var bad = create(
                shop,
                Map.of(
                        "name",
                        "Odd",
                        "email",
                        "not-an-address",
                        "billing_address",
                        List.of("Porto"),
                        "payment_terms",
                        400));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(fieldsOf(bad)).contains("email", "payment_terms");

        var address = create(shop, Map.of("name", "Odd", "shipping_address", "Porto"));
        assertThat(address.status()).isEqualTo(422);
        assertThat(fieldsOf(address)).containsExactly("shipping_address");

        var blankCode = create(shop, Map.of("name", "Odd", "code", "  "));
        assertThat(blankCode.status()).isEqualTo(422);
        assertThat(fieldsOf(blankCode)).containsExactly("code");

        var customer = create(shop, Map.of("name", "Kept"));
        Map<String, Object> unname = new HashMap<>();
        unname.put("name", null);
        var unnamed = api.patch("/api/customers/" + customer.id())
                .as(shop)
                .ifMatch("\"0\"")
                .body(unname)
                .send();
        assertThat(unnamed.status()).isEqualTo(422);
        assertThat(fieldsOf(unnamed)).containsExactly("name");
    }

    @Test
    void aCustomerHasAtMostOnePrimaryContact() {
        var customer = create(shop, Map.of("name", "Trailhead"));
        String contacts = "/api/customers/" + customer.id() + "/contacts";
        var jonas = api.post(contacts)
                .as(shop)
                .body(Map.of("name", "Jonas", "role", "Buyer", "primary", true))
                .send();
        assertThat(jonas.status()).as(jonas.toString()).isEqualTo(201);
        assertThat(jonas.header("Location")).isEqualTo(contacts + "/" + jonas.id());
        assertThat(jonas.header("ETag")).isEqualTo("\"0\"");
        var ida = api.post(contacts)
                .as(shop)
                .body(Map.of("name", "Ida", "email", "ida@trailhead.example"))
                .send();
        assertThat(ida.json().path("primary").asBoolean()).isFalse();

        String idaPath = contacts + "/" + ida.id();
        assertThat(api.patch(idaPath)
                        .as(shop)
                        .body(Map.of("primary", true))
                        .send()
                        .status())
                .isEqualTo(428);
        var promoted = api.patch(idaPath)
                .as(shop)
                .ifMatch("\"0\"")
                .body(Map.of("primary", true))
                .send();
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(promoted.json().path("primary").asBoolean()).isTrue();

        var list = api.get(contacts).as(shop).send().json().path("items");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("name").asString()).as("the primary first").isEqualTo("Ida");
        assertThat(list.get(1).path("primary").asBoolean())
                .as("Jonas was demoted")
                .isFalse();

        var stale = api.delete(contacts + "/" + jonas.id())
                .as(shop)
                .ifMatch("\"0\"")
                .send();
        assertThat(stale.status()).as("demoting changed Jonas's version").isEqualTo(412);
        assertThat(api.delete(contacts + "/" + jonas.id())
                        .as(shop)
                        .ifMatch("\"1\"")
                        .send()
                        .status())
                .isEqualTo(204);

        var other = create(shop, Map.of("name", "Elsewhere"));
        assertThat(api.get("/api/customers/" + other.id() + "/contacts/" + ida.id())
                        .as(shop)
                        .send()
                        .status())
                .as("a contact is found only under its own customer")
                .isEqualTo(404);

        assertThat(api.delete("/api/customers/" + customer.id())
                        .as(shop)
                        .ifMatch("\"0\"")
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.get(idaPath).as(shop).send().status()).isEqualTo(404);
        assertThat(actionsOf(ida.id().toString()))
                .as("the contact deleted with its customer is in the audit trail")
                .containsExactly("DELETE", "UPDATE", "CREATE");
        assertThat(actionsOf(customer.id().toString())).containsExactly("DELETE", "CREATE");
    }

    private List<String> actionsOf(String entityId) {
        List<String> actions = new ArrayList<>();
        api.get("/api/audit?entity_id=" + entityId)
                .as(shop)
                .send()
                .json()
                .path("items")
                .forEach(entry -> actions.add(entry.path("action").asString()));
        return actions;
    }

    @Test
    void anotherOrganizationsCustomerAndContactsAreNotFound() {
        var customer = create(shop, Map.of("name", "Private", "email", "private@example.com"));
        String path = "/api/customers/" + customer.id();
        var contact = api.post(path + "/contacts")
                .as(shop)
                .body(Map.of("name", "Hidden"))
                .send();
        var stranger = api.signUp("FACTORY");

        assertThat(api.get(path).as(stranger).send().status()).isEqualTo(404);
        assertThat(api.patch(path)
                        .as(stranger)
                        .ifMatch("\"0\"")
                        .body(Map.of("name", "Mine"))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.delete(path).as(stranger).ifMatch("\"0\"").send().status())
                .isEqualTo(404);
        assertThat(api.get(path + "/contacts").as(stranger).send().status()).isEqualTo(404);
        assertThat(api.post(path + "/contacts")
                        .as(stranger)
                        .body(Map.of("name", "Spy"))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get(path + "/contacts/" + contact.id())
                        .as(stranger)
                        .send()
                        .status())
                .isEqualTo(404);
        var theirs = api.get("/api/customers?q=private").as(stranger).send();
        assertThat(theirs.json().path("items")).isEmpty();
        assertThat(api.get(path).as(shop).send().text("name")).isEqualTo("Private");
    }

    @Test
    void theBuiltInRolesDecideWhoReadsAndWhoWrites() {
        var sales = api.addMember(shop, "SALES_MANAGER");
        var finance = api.addMember(shop, "FINANCE");
        var technician = api.addMember(shop, "TECHNICIAN");

        var bySales = create(sales, Map.of("name", "Sold by sales"));
        assertThat(bySales.status()).isEqualTo(201);
        assertThat(api.get("/api/customers/" + bySales.id()).as(finance).send().status())
                .isEqualTo(200);
        assertThat(create(finance, Map.of("name", "Finance may not")).status()).isEqualTo(403);
        assertThat(api.get("/api/customers").as(technician).send().status()).isEqualTo(403);
    }

    @Test
    void theGlobalSearchAsksOnlyTheProvidersTheCallerMayUse() {
        var customer = create(shop, Map.of("name", "Zephyr Outfitters", "email", "zephyr@example.com"));
        var part = api.post("/api/catalog/parts")
                .as(shop)
                .body(Map.of(
                        "part_number", "ZEPH-1", "name", "Zephyr buckle", "kind", "COMPONENT", "unit_of_measure", "ea"))
                .send();
        assertThat(part.status()).isEqualTo(201);

        var all = api.get("/api/search?q=zephyr").as(shop).send();
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        Map<String, String> hrefs = new HashMap<>();
        for (JsonNode hit : all.json().path("items")) {
            hrefs.put(hit.path("kind").asString(), hit.path("href").asString());
        }
        assertThat(hrefs)
                .containsEntry("customers", "/api/customers/" + customer.id())
                .containsEntry("parts", "/api/catalog/parts/" + part.id());
        assertThat(api.get(hrefs.get("customers")).as(shop).send().text("name")).isEqualTo("Zephyr Outfitters");

        var finance = api.addMember(shop, "FINANCE");
        assertThat(kindsFound(api.get("/api/search?q=zephyr").as(finance).send()))
                .as("finance reads customers, not the catalog")
                .containsExactly("customers");
        var technician = api.addMember(shop, "TECHNICIAN");
        assertThat(kindsFound(api.get("/api/search?q=zephyr").as(technician).send()))
                .containsExactly("parts");
        var stranger = api.signUp("FACTORY");
        assertThat(api.get("/api/search?q=zephyr").as(stranger).send().json().path("items"))
                .isEmpty();

        var blank = api.get("/api/search?q=%20").as(shop).send();
        assertThat(blank.status()).isEqualTo(422);
        assertThat(fieldsOf(blank)).containsExactly("q");
        var wordy = api.get("/api/search?q=" + "a+".repeat(11)).as(shop).send();
        assertThat(wordy.status()).isEqualTo(422);
        assertThat(api.get("/api/search?q=zephyr&limit=51").as(shop).send().status())
                .isEqualTo(422);
    }

    private static List<String> kindsFound(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> kinds = new ArrayList<>();
        response.json().path("items").forEach(hit -> kinds.add(hit.path("kind").asString()));
        return kinds.stream().distinct().toList();
    }
}
