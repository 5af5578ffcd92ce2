package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every endpoint, called by every kind of caller who must not succeed: nobody signed in (401), a member of the
 * owning organization whose role lacks the permission, as a user and as an API key (403), and an administrator of
 * another organization naming the owner's ids (404, or a list that never shows them). The owner's administrator
 * then succeeds on each, so the matrix is known to exercise real endpoints. Zero unauthorised 2xx.
 */
@ApplicationTest
class TenantRoleMatrixTests {
    private static final String PARTS_CSV = "part_number,name,kind,unit_of_measure,unit_cost\nIN-I,In,HARDWARE,ea,1\n";
    private static final String CATEGORIES_JSON = "[{\"code\": \"IN-C\", \"name\": \"Imported\"}]";
    private static final String VARIANTS_CSV = "product_sku,sku,name\nMX-P,IN-V,Imported variant\n";
    private static final String BOM_LINES_CSV = "parent_sku,component_number,quantity,waste_factor\nMX-P,MX-1,1,0\n";

    @LocalServerPort
    int port;

    record Call(String method, String path, Object body, String permission, String contentType) {
        Call(String method, String path, Object body, String permission) {
            this(method, path, body, permission, null);
        }

        boolean namesAnId() {
            return path.matches(".*/[0-9a-f]{8}-[0-9a-f]{4}-.*") || path.contains("/numbering-series/");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void noCallerOutsideTheRulesGetsA2xx() {
        var api = new Api(port);
        var owner = api.signUp("BRAND");
        var stranger = api.signUp("BRAND");
        var factory = api.signUp("FACTORY");
        var secondFactory = api.signUp("FACTORY");

        var location = api.post("/api/locations")
                .as(owner)
                .body(Map.of("code", "S1", "name", "Site", "kind", "SITE"))
                .send();
        var station = api.post("/api/stations")
                .as(owner)
                .body(Map.of("name", "Matrix station"))
                .send();
        var employee = api.post("/api/employees")
                .as(owner)
                .body(Map.of("name", "Matrix employee"))
                .send();
        var role = api.post("/api/roles")
                .as(owner)
                .body(Map.of("name", "Nobody", "permissions", List.of()))
                .send();
        var disposable = api.post("/api/roles")
                .as(owner)
                .body(Map.of("name", "Disposable", "permissions", List.of()))
                .send();
        var added = api.addMember(owner, role.text("id"));
        String nobody = added.token();
        var member = api.get("/api/users/" + added.userId()).as(owner).send();
        var invitation = api.invite(owner, Api.uniqueEmail("invitee"), role.text("id"));
        assertThat(invitation.status()).isEqualTo(202);
        var key = api.post("/api/api-keys")
                .as(owner)
                .body(Map.of("name", "narrow", "permissions", List.of("audit:read")))
                .send();
        String narrowKey = key.text("key");
        var partnership = api.post("/api/partnerships")
                .as(owner)
                .body(Map.of("factory_org_id", factory.orgId()))
                .send();
        var series = api.post("/api/settings/numbering-series")
                .as(owner)
                .body(Map.of("key", "matrix", "prefix", "MX-"))
                .send();
        var category = api.post("/api/catalog/categories")
                .as(owner)
                .body(Map.of("code", "MX", "name", "Matrix category"))
                .send();
        var part = api.post("/api/catalog/parts")
                .as(owner)
                .body(Map.of(
                        "part_number", "MX-1", "name", "Matrix part", "kind", "COMPONENT", "unit_of_measure", "ea"))
                .send();
        var unusedPart = api.post("/api/catalog/parts")
                .as(owner)
                .body(Map.of(
                        "part_number", "MX-2", "name", "Unused part", "kind", "COMPONENT", "unit_of_measure", "ea"))
                .send();
        var product = api.post("/api/products/templates")
                .as(owner)
                .body(Map.of("sku", "MX-P", "name", "Matrix product"))
                .send();
        Map<String, Object> bomBody =
                Map.of("lines", List.of(Map.of("component_type", "PART", "component_id", part.id(), "quantity", 2)));
        var bom = api.post("/api/products/templates/" + product.id() + "/boms")
                .as(owner)
                .body(bomBody)
                .send();
        var draft = api.post("/api/products/templates/" + product.id() + "/boms")
                .as(owner)
                .body(bomBody)
                .send();
        var disposableCategory = api.post("/api/catalog/categories")
                .as(owner)
                .body(Map.of("code", "MX-D", "name", "Disposable category"))
                .send();
        var disposableProduct = api.post("/api/products/templates")
                .as(owner)
                .body(Map.of("sku", "MX-DEL", "name", "Disposable product"))
                .send();
        var variant = api.post("/api/products/templates/" + product.id() + "/variants")
                .as(owner)
                .body(Map.of("name", "Matrix variant", "sku", "MX-V"))
                .send();
        var unmappedVariant = api.post("/api/products/templates/" + product.id() + "/variants")
                .as(owner)
                .body(Map.of("name", "Unmapped variant"))
                .send();
        var disposableVariant = api.post("/api/products/templates/" + product.id() + "/variants")
                .as(owner)
                .body(Map.of("name", "Disposable variant"))
                .send();
        var accepted = api.post("/api/partnerships/" + partnership.id() + "/accept")
                .as(factory)
                .send();
        assertThat(accepted.status()).isEqualTo(200);
        var supplierVariant = api.post("/api/catalog/variants/" + variant.id() + "/supplier-variants")
                .as(owner)
                .body(Map.of("factory_org_id", factory.orgId(), "supplier_sku", "F-MX"))
                .send();
        var disposableSupplierVariant = api.post(
                        "/api/catalog/variants/" + disposableVariant.id() + "/supplier-variants")
                .as(owner)
                .body(Map.of("factory_org_id", factory.orgId()))
                .send();
        var importJob = api.post("/api/imports/products")
                .as(owner)
                .csv("sku,name\nMX-I,Imported\n")
                .send();
        assertThat(importJob.status()).isEqualTo(202);
        assertThat(List.of(
                        location,
                        station,
                        employee,
                        role,
                        disposable,
                        member,
                        invitation,
                        key,
                        partnership,
                        series,
                        category,
                        part,
                        unusedPart,
                        product,
                        bom,
                        draft,
                        disposableCategory,
                        disposableProduct,
                        variant,
                        unmappedVariant,
                        disposableVariant,
                        supplierVariant,
                        disposableSupplierVariant))
                .allMatch(r -> r.status() / 100 == 2, "fixtures created");

        List<Call> calls = List.of(
                new Call("GET", "/api/stations", null, "stations:read"),
                new Call("POST", "/api/stations", Map.of("name", "Intruder station"), "stations:create"),
                new Call("GET", "/api/stations/" + station.id(), null, "stations:read"),
                new Call("PATCH", "/api/stations/" + station.id(), Map.of("name", "Hijacked"), "stations:update"),
                new Call("GET", "/api/employees", null, "employees:read"),
                new Call("POST", "/api/employees", Map.of("name", "Intruder"), "employees:create"),
                new Call("GET", "/api/employees/" + employee.id(), null, "employees:read"),
                new Call("PATCH", "/api/employees/" + employee.id(), Map.of("hourly_rate", 1), "employees:update"),
                new Call("GET", "/api/locations", null, "locations:read"),
                new Call(
                        "POST", "/api/locations", Map.of("code", "X", "name", "X", "kind", "SITE"), "locations:create"),
                new Call("GET", "/api/locations/" + location.id(), null, "locations:read"),
                new Call("PATCH", "/api/locations/" + location.id(), Map.of("name", "Moved"), "locations:update"),
                new Call("GET", "/api/users", null, "users:read"),
                new Call(
                        "POST",
                        "/api/users",
                        Map.of("email", Api.uniqueEmail("x"), "role_ids", List.of(role.text("id"))),
                        "users:manage"),
                new Call("GET", "/api/invitations", null, "users:read"),
                new Call("GET", "/api/invitations/" + invitation.id(), null, "users:read"),
                new Call("POST", "/api/invitations/" + invitation.id() + "/resend", null, "users:manage"),
                new Call("GET", "/api/users/" + member.id(), null, "users:read"),
                new Call(
                        "PATCH",
                        "/api/users/" + member.id(),
                        Map.of("role_ids", List.of(role.text("id"))),
                        "users:manage"),
                new Call("POST", "/api/users/" + member.id() + "/end-sessions", null, "users:manage"),
                new Call("GET", "/api/roles", null, "roles:read"),
                new Call("POST", "/api/roles", Map.of("name", "Sneaky", "permissions", List.of()), "roles:manage"),
                new Call("GET", "/api/roles/" + role.id(), null, "roles:read"),
                new Call(
                        "PATCH",
                        "/api/roles/" + role.id(),
                        Map.of("permissions", List.of("audit:read")),
                        "roles:manage"),
                new Call("GET", "/api/api-keys", null, "api_keys:read"),
                new Call(
                        "POST",
                        "/api/api-keys",
                        Map.of("name", "k", "permissions", List.of("stations:read")),
                        "api_keys:manage"),
                new Call("GET", "/api/api-keys/" + key.id(), null, "api_keys:read"),
                new Call("GET", "/api/partnerships", null, "partnerships:read"),
                new Call(
                        "POST",
                        "/api/partnerships",
                        Map.of("factory_org_id", secondFactory.orgId()),
                        "partnerships:manage"),
                new Call("GET", "/api/partnerships/" + partnership.id(), null, "partnerships:read"),
                new Call("GET", "/api/settings", null, "settings:read"),
                new Call("PATCH", "/api/settings", Map.of("currency", "EUR"), "settings:update"),
                new Call("GET", "/api/settings/numbering-series", null, "settings:read"),
                new Call("POST", "/api/settings/numbering-series", Map.of("key", "intruder"), "settings:update"),
                new Call("GET", "/api/settings/numbering-series/matrix", null, "settings:read"),
                new Call("PATCH", "/api/settings/numbering-series/matrix", Map.of("prefix", "HI-"), "settings:update"),
                new Call("GET", "/api/audit", null, "audit:read"),
                new Call("GET", "/api/audit?entity_id=" + station.id(), null, "audit:read"),
                new Call("GET", "/api/shops", null, null),
                new Call("GET", "/api/shops/" + owner.orgId(), null, "organizations:read"),
                new Call(
                        "PATCH",
                        "/api/shops/" + owner.orgId(),
                        Map.of("name", "Renamed brand"),
                        "organizations:update"),
                new Call("GET", "/api/me", null, null),
                new Call("GET", "/api/catalog/categories", null, "catalog:read"),
                new Call("POST", "/api/catalog/categories", Map.of("code", "IN", "name", "Intruder"), "catalog:manage"),
                new Call("GET", "/api/catalog/categories/" + category.id(), null, "catalog:read"),
                new Call(
                        "PATCH", "/api/catalog/categories/" + category.id(), Map.of("name", "Moved"), "catalog:manage"),
                new Call("GET", "/api/catalog/parts", null, "catalog:read"),
                new Call(
                        "POST",
                        "/api/catalog/parts",
                        Map.of("part_number", "IN-1", "name", "Intruder", "kind", "HARDWARE", "unit_of_measure", "ea"),
                        "catalog:manage"),
                new Call("GET", "/api/catalog/parts/" + part.id(), null, "catalog:read"),
                new Call("PATCH", "/api/catalog/parts/" + part.id(), Map.of("unit_cost", 2), "catalog:manage"),
                new Call("GET", "/api/catalog/parts/" + part.id() + "/where-used", null, "catalog:read"),
                new Call("GET", "/api/inventory/materials/", null, "catalog:read"),
                new Call(
                        "POST",
                        "/api/inventory/materials/",
                        Map.of("part_number", "IN-M", "name", "Intruder", "unit_of_measure", "kg"),
                        "catalog:manage"),
                new Call("GET", "/api/products/templates/", null, "catalog:read"),
                new Call(
                        "POST",
                        "/api/products/templates/",
                        Map.of("sku", "IN-P", "name", "Intruder"),
                        "catalog:manage"),
                new Call("GET", "/api/products/templates/" + product.id(), null, "catalog:read"),
                new Call(
                        "PATCH",
                        "/api/products/templates/" + product.id(),
                        Map.of("name", "Renamed"),
                        "catalog:manage"),
                new Call("POST", "/api/products/templates/" + product.id() + "/boms", bomBody, "catalog:manage"),
                new Call("GET", "/api/products/templates/" + product.id() + "/boms", null, "catalog:read"),
                new Call("GET", "/api/products/templates/" + product.id() + "/where-used", null, "catalog:read"),
                new Call("GET", "/api/boms/" + bom.id(), null, "catalog:read"),
                new Call("PUT", "/api/boms/" + draft.id() + "/lines", bomBody, "catalog:manage"),
                new Call("POST", "/api/boms/" + bom.id() + "/submit", null, "catalog:manage"),
                new Call("POST", "/api/boms/" + bom.id() + "/approve", null, "boms:approve"),
                new Call("POST", "/api/boms/" + bom.id() + "/activate", null, "catalog:manage"),
                new Call("GET", "/api/products/templates/" + product.id() + "/bom", null, "catalog:read"),
                new Call("GET", "/api/boms/" + bom.id() + "/explosion?quantity=2", null, "catalog:read"),
                new Call("POST", "/api/boms/" + bom.id() + "/revise", null, "catalog:manage"),
                new Call("GET", "/api/boms/compare?from=" + bom.id() + "&to=" + draft.id(), null, "catalog:read"),
                new Call("DELETE", "/api/catalog/parts/" + unusedPart.id(), null, "catalog:manage"),
                new Call("POST", "/api/imports/parts", PARTS_CSV, "catalog:manage", "text/csv"),
                new Call("POST", "/api/imports/bom-lines?activate=true", BOM_LINES_CSV, "catalog:manage", "text/csv"),
                new Call("GET", "/api/imports/" + importJob.id(), null, "catalog:read"),
                new Call("GET", "/api/catalog/parts/export", null, "catalog:read"),
                new Call("GET", "/api/products/templates/export", null, "catalog:read"),
                new Call("GET", "/api/products/templates/" + product.id() + "/variants", null, "catalog:read"),
                new Call(
                        "POST",
                        "/api/products/templates/" + product.id() + "/variants",
                        Map.of("name", "Intruder variant"),
                        "catalog:manage"),
                new Call("GET", "/api/catalog/variants", null, "catalog:read"),
                new Call("GET", "/api/catalog/variants?code=" + variant.text("code"), null, "catalog:read"),
                new Call("GET", "/api/catalog/variants/" + variant.id(), null, "catalog:read"),
                new Call("PATCH", "/api/catalog/variants/" + variant.id(), Map.of("price", 5), "catalog:manage"),
                new Call("GET", "/api/catalog/variants/" + variant.id() + "/supplier-variants", null, "catalog:read"),
                new Call(
                        "POST",
                        "/api/catalog/variants/" + unmappedVariant.id() + "/supplier-variants",
                        Map.of("factory_org_id", factory.orgId()),
                        "catalog:manage"),
                new Call("GET", "/api/catalog/supplier-variants/" + supplierVariant.id(), null, "catalog:read"),
                new Call(
                        "PATCH",
                        "/api/catalog/supplier-variants/" + supplierVariant.id(),
                        Map.of("lead_time_days", 9),
                        "catalog:manage"),
                new Call(
                        "DELETE",
                        "/api/catalog/supplier-variants/" + disposableSupplierVariant.id(),
                        null,
                        "catalog:manage"),
                new Call("DELETE", "/api/catalog/variants/" + disposableVariant.id(), null, "catalog:manage"),
                new Call("GET", "/api/catalog/variants/export", null, "catalog:read"),
                new Call("GET", "/api/catalog/categories/export", null, "catalog:read"),
                new Call("GET", "/api/boms/export", null, "catalog:read"),
                new Call("DELETE", "/api/catalog/categories/" + disposableCategory.id(), null, "catalog:manage"),
                new Call("DELETE", "/api/products/templates/" + disposableProduct.id(), null, "catalog:manage"),
                new Call("POST", "/api/imports/categories", CATEGORIES_JSON, "catalog:manage", "application/json"),
                new Call("POST", "/api/imports/variants", VARIANTS_CSV, "catalog:manage", "text/csv"),
                new Call("POST", "/api/api-keys/" + key.id() + "/revoke", null, "api_keys:manage"),
                new Call("POST", "/api/partnerships/" + partnership.id() + "/end", null, "partnerships:manage"),
                new Call("DELETE", "/api/stations/" + station.id(), null, "stations:delete"),
                new Call("DELETE", "/api/employees/" + employee.id(), null, "employees:delete"),
                new Call("DELETE", "/api/locations/" + location.id(), null, "locations:delete"),
                new Call("DELETE", "/api/invitations/" + invitation.id(), null, "users:manage"),
                new Call("DELETE", "/api/roles/" + disposable.id(), null, "roles:manage"));

        List<String> violations = new ArrayList<>();
        int checks = 0;
        for (Call call : calls) {
            var anonymous = send(api, call, null, null);
            checks++;
            if (anonymous.status() != 401) {
                violations.add(call + " anonymous → " + anonymous.status());
            }
            if (call.permission() != null) {
                var withoutRole = send(api, call, nobody, null);
                var withNarrowKey = send(api, call, null, narrowKey);
                checks += 2;
                if (withoutRole.status() != 403) {
                    violations.add(call + " member without " + call.permission() + " → " + withoutRole.status());
                }
                boolean keyMayRead = "audit:read".equals(call.permission());
                if (!keyMayRead && withNarrowKey.status() != 403) {
                    violations.add(call + " narrow API key → " + withNarrowKey.status());
                }
            }
            var foreign = send(api, call, stranger.token(), null);
            checks++;
            if (call.namesAnId() && foreign.status() != 404) {
                violations.add(call + " other organization → " + foreign.status() + " "
                        + foreign.raw().body());
            }
            if (!call.namesAnId() && call.method().equals("GET") && foreign.status() == 200) {
                for (var fixture : List.of(
                        station,
                        employee,
                        location,
                        role,
                        member,
                        invitation,
                        key,
                        partnership,
                        category,
                        part,
                        product,
                        variant,
                        supplierVariant)) {
                    if (foreign.raw().body().contains(fixture.text("id"))) {
                        violations.add(call + " other organization sees " + fixture.text("id"));
                    }
                }
            }
        }
        assertThat(violations)
                .as("unauthorised answers out of %d checks", checks)
                .isEmpty();

        List<String> ownerFailures = new ArrayList<>();
        for (Call call : calls) {
            var response = send(api, call, owner.token(), null);
            if (response.status() / 100 != 2) {
                ownerFailures.add(call + " → " + response);
            }
        }
        assertThat(ownerFailures)
                .as("the owner's administrator succeeds everywhere")
                .isEmpty();
    }

    /** Changing calls carry the resource's current ETag, so only the caller's rights decide the answer. */
    private static Api.Response send(Api api, Call call, String token, String apiKey) {
        var request = api.request(call.method(), call.path());
        if (token != null) {
            request.token(token);
        }
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        if (call.body() != null) {
            request.body(call.body());
        }
        if (List.of("PATCH", "PUT", "DELETE").contains(call.method())) {
            request.ifMatch("*");
        }
        return request.send();
    }
}
