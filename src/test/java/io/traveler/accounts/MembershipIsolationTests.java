package io.traveler.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Point 2 of issue 7: an organization acts on its membership of a person, never on their account or elsewhere. */
@ApplicationTest
class MembershipIsolationTests {
    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void anotherOrganizationDisablingAPersonLeavesTheirOwnOrganizationAlone() {
        var person = api.verified(api.signUp("FACTORY"));
        var hostile = api.signUp("SHOP");
        assertThat(api.join(hostile, person, "TECHNICIAN").status()).isEqualTo(200);
        var refresh = api.post("/api/auth/token")
                .body(Map.of("email", person.email(), "password", Api.PASSWORD, "organization_id", person.orgId()))
                .send()
                .text("refresh_token");
        String inHostile = api.token(person.email(), Api.PASSWORD, hostile.orgId());

        var seen = api.get("/api/users/" + person.userId()).as(hostile).send();
        var disabled = api.patch("/api/users/" + person.userId())
                .as(hostile)
                .ifMatch(seen.header("ETag"))
                .body(Map.of("status", "DISABLED"))
                .send();
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(api.post("/api/users/" + person.userId() + "/end-sessions")
                        .as(hostile)
                        .send()
                        .status())
                .isEqualTo(204);

        assertThat(api.get("/api/shops/").as(person).send().status())
                .as("their token for their own organization still works")
                .isEqualTo(200);
        assertThat(api.get("/api/stations").token(inHostile).send().status())
                .as("but not in the organization that disabled them")
                .isEqualTo(401);
        assertThat(api.post("/api/auth/refresh")
                        .body(Map.of("refresh_token", refresh))
                        .send()
                        .status())
                .as("their refresh token for their own organization still works")
                .isEqualTo(200);
        var signIn = api.post("/api/auth/token")
                .body(Map.of("email", person.email(), "password", Api.PASSWORD))
                .send();
        assertThat(signIn.status()).as("they can still sign in").isEqualTo(200);
        assertThat(signIn.text("organization_id")).isEqualTo(person.orgId().toString());
        assertThat(api.post("/api/auth/token")
                        .body(Map.of(
                                "email", person.email(), "password", Api.PASSWORD, "organization_id", hostile.orgId()))
                        .send()
                        .status())
                .isEqualTo(403);
    }

    @Test
    void anotherOrganizationEndingAPersonsSessionsEndsOnlyItsOwn() {
        var person = api.verified(api.signUp("FACTORY"));
        var other = api.signUp("BRAND");
        assertThat(api.join(other, person, "TECHNICIAN").status()).isEqualTo(200);
        String inOther = api.token(person.email(), Api.PASSWORD, other.orgId());

        assertThat(api.post("/api/users/" + person.userId() + "/end-sessions")
                        .as(other)
                        .send()
                        .status())
                .isEqualTo(204);

        assertThat(api.get("/api/shops/").as(person).send().status()).isEqualTo(200);
        assertThat(api.get("/api/shops/").token(inOther).send().status()).isEqualTo(401);
        assertThat(api.token(person.email(), Api.PASSWORD, other.orgId()))
                .as("a new sign-in into that organization works again")
                .isNotBlank();
    }

    @Test
    void anOrganizationSeesOnlyItsOwnSignInsAndNotTheAccountsSettings() throws Exception {
        var person = api.verified(api.signUp("FACTORY"));
        var other = api.signUp("BRAND");
        assertThat(api.join(other, person, "TECHNICIAN").status()).isEqualTo(200);
        api.token(person.email(), Api.PASSWORD, person.orgId());

        var seen = api.get("/api/users/" + person.userId()).as(other).send();
        assertThat(seen.json().has("mfa_enabled")).isFalse();
        assertThat(seen.json().path("last_login_at").isNull())
                .as("signing in to their own organization is not this organization's business")
                .isTrue();
        api.token(person.email(), Api.PASSWORD, other.orgId());
        var after = api.get("/api/users/" + person.userId()).as(other).send();
        assertThat(after.json().path("last_login_at").isNull()).isFalse();
        List<String> fields = new java.util.ArrayList<>();
        after.json().propertyNames().forEach(fields::add);
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "id", "email", "name", "status", "roles", "mfa_enrolment_pending", "last_login_at");
    }
}
