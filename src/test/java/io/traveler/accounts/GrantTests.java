package io.traveler.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Point 3 of issue 7: nobody grants more than they hold, people and API keys alike. */
@ApplicationTest
class GrantTests {
    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private String role(Api.Tenant admin, String name, List<String> permissions) {
        var created = api.post("/api/roles")
                .as(admin)
                .body(Map.of("name", name, "permissions", permissions))
                .send();
        assertThat(created.status()).isEqualTo(201);
        return created.text("id");
    }

    @Test
    void aRoleManagerCannotCreateOrWidenARoleBeyondWhatTheyHold() {
        var admin = api.signUp("FACTORY");
        var manager = api.addMember(admin, role(admin, "Role manager", List.of("roles:manage", "roles:read")));

        var broader = api.post("/api/roles")
                .as(manager)
                .body(Map.of("name", "Escalation", "permissions", List.of("roles:read", "users:manage")))
                .send();
        assertThat(broader.status()).isEqualTo(403);
        assertThat(broader.text("detail")).contains("users:manage");
        assertThat(api.post("/api/roles")
                        .as(manager)
                        .body(Map.of("name", "Reader", "permissions", List.of("roles:read")))
                        .send()
                        .status())
                .isEqualTo(201);

        String target = role(admin, "Target", List.of("roles:read"));
        var current = api.get("/api/roles/" + target).as(manager).send();
        assertThat(api.patch("/api/roles/" + target)
                        .as(manager)
                        .ifMatch(current.header("ETag"))
                        .body(Map.of("permissions", List.of("roles:read", "api_keys:manage")))
                        .send()
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aUserManagerCannotInviteOrPromoteAnAdministrator() {
        var admin = api.signUp("FACTORY");
        var manager = api.addMember(admin, role(admin, "People", List.of("users:manage", "users:read")));
        String administrator = api.builtInRoleId(admin, "ADMINISTRATOR");

        var invite = api.post("/api/users/")
                .as(manager)
                .body(Map.of("email", Api.uniqueEmail("accomplice"), "role_ids", List.of(administrator)))
                .send();
        assertThat(invite.status()).isEqualTo(403);
        assertThat(invite.header("Content-Type")).startsWith("application/problem+json");

        var self = api.get("/api/users/" + manager.userId()).as(manager).send();
        assertThat(api.patch("/api/users/" + manager.userId())
                        .as(manager)
                        .ifMatch(self.header("ETag"))
                        .body(Map.of("role_ids", List.of(administrator)))
                        .send()
                        .status())
                .as("nor promote themselves")
                .isEqualTo(403);

        var key = api.post("/api/api-keys")
                .as(admin)
                .body(Map.of("name", "provisioning", "permissions", List.of("users:manage", "users:read")))
                .send();
        assertThat(key.status()).isEqualTo(201);
        assertThat(api.post("/api/users/")
                        .header("X-API-Key", key.text("key"))
                        .body(Map.of("email", Api.uniqueEmail("by-key"), "role_ids", List.of(administrator)))
                        .send()
                        .status())
                .as("an API key holding users:manage cannot hand out administrator either")
                .isEqualTo(403);
    }

    @Test
    void anApiKeyCannotBeCreatedWithPermissionsTheCallerLacks() {
        var admin = api.signUp("FACTORY");
        var keeper = api.addMember(admin, role(admin, "Keys", List.of("api_keys:manage", "stations:read")));
        var wide = api.post("/api/api-keys")
                .as(keeper)
                .body(Map.of("name", "wide", "permissions", List.of("stations:read", "stations:delete")))
                .send();
        assertThat(wide.status()).isEqualTo(403);
        assertThat(wide.text("detail")).contains("stations:delete");
    }

    @Test
    void aKeyWhoseCreatorWasDemotedLosesTheDroppedPermission() {
        var admin = api.signUp("FACTORY");
        String readsStations = role(admin, "Station reader", List.of("stations:read", "api_keys:manage"));
        String readsEmployees = role(admin, "Employee reader", List.of("employees:read"));
        var creator = api.addMember(admin, readsStations, readsEmployees);
        var key = api.post("/api/api-keys")
                .as(creator)
                .body(Map.of("name", "sync", "permissions", List.of("stations:read", "employees:read")))
                .send();
        assertThat(key.status()).isEqualTo(201);
        String secret = key.text("key");
        assertThat(api.get("/api/employees").header("X-API-Key", secret).send().status())
                .isEqualTo(200);

        var member = api.get("/api/users/" + creator.userId()).as(admin).send();
        assertThat(api.patch("/api/users/" + creator.userId())
                        .as(admin)
                        .ifMatch(member.header("ETag"))
                        .body(Map.of("role_ids", List.of(readsStations)))
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/employees").header("X-API-Key", secret).send().status())
                .as("the creator lost employees:read, so their key did too")
                .isEqualTo(403);
        assertThat(api.get("/api/stations").header("X-API-Key", secret).send().status())
                .isEqualTo(200);

        var demoted = api.get("/api/users/" + creator.userId()).as(admin).send();
        api.patch("/api/users/" + creator.userId())
                .as(admin)
                .ifMatch(demoted.header("ETag"))
                .body(Map.of("status", "DISABLED"))
                .send();
        assertThat(api.get("/api/stations").header("X-API-Key", secret).send().status())
                .as("a disabled creator's key can do nothing")
                .isEqualTo(403);
    }
}
