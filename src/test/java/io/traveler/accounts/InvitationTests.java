package io.traveler.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.TestMail;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Point 1 of issue 7: nobody joins an organization without the link mailed to their address. */
@ApplicationTest
class InvitationTests {
    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private int shopsOf(String token) {
        return api.get("/api/shops/").token(token).send().json().path("items").size();
    }

    @Test
    void aSquattersAccountNeverJoinsTheOrganizationThatInvitesItsAddress() {
        String victim = Api.uniqueEmail("victim");
        var squatter = api.post("/api/auth/signup")
                .body(Map.of(
                        "organization_name", "Squat Inc",
                        "organization_kind", "SHOP",
                        "name", "Squatter",
                        "email", victim,
                        "password", Api.PASSWORD))
                .send();
        assertThat(squatter.status()).isEqualTo(201);
        String squatterToken = api.token(victim, Api.PASSWORD);
        var refresh = api.post("/api/auth/token")
                .body(Map.of("email", victim, "password", Api.PASSWORD))
                .send()
                .text("refresh_token");
        var factory = api.signUp("FACTORY");

        var invited = api.invite(factory, victim, "TECHNICIAN");
        assertThat(invited.status()).isEqualTo(202);
        assertThat(invited.text("status")).isEqualTo("PENDING");
        assertThat(api.get("/api/users").as(factory).send().raw().body())
                .as("an invitation is not a membership")
                .doesNotContain(victim);
        assertThat(shopsOf(squatterToken)).isEqualTo(1);

        var acceptedBySquatter = api.post("/api/invitations/accept")
                .token(squatterToken)
                .body(Map.of("token", "not-the-mailed-token-" + "x".repeat(20)))
                .send();
        assertThat(acceptedBySquatter.status()).isEqualTo(404);
        String link = TestMail.invitationToken(victim);
        var signedInUnverified = api.post("/api/invitations/accept")
                .token(squatterToken)
                .body(Map.of("token", link))
                .send();
        assertThat(signedInUnverified.status())
                .as("even with the link, an unverified account cannot accept while signed in")
                .isEqualTo(409);
        assertThat(shopsOf(squatterToken)).isEqualTo(1);

        String ownersPassword = "harbour-lantern-quiet-owl";
        var claimed = api.post("/api/invitations/accept")
                .body(Map.of("token", link, "name", "Real Owner", "password", ownersPassword))
                .send();
        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.json().path("organization").path("id").asString())
                .isEqualTo(factory.orgId().toString());

        assertThat(api.get("/api/shops/").token(squatterToken).send().status())
                .as("the squatter's sessions ended")
                .isEqualTo(401);
        assertThat(api.post("/api/auth/refresh")
                        .body(Map.of("refresh_token", refresh))
                        .send()
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/auth/token")
                        .body(Map.of("email", victim, "password", Api.PASSWORD))
                        .send()
                        .status())
                .as("the squatter's password no longer works")
                .isEqualTo(401);
        String ownerToken = api.token(victim, ownersPassword, factory.orgId());
        assertThat(shopsOf(ownerToken)).isEqualTo(2);
        assertThat(api.post("/api/invitations/accept")
                        .body(Map.of("token", link, "name", "Again", "password", Api.PASSWORD))
                        .send()
                        .status())
                .as("a link works once")
                .isEqualTo(409);
    }

    @Test
    void aNewPersonJoinsOnlyAfterFollowingTheMailedLink() {
        var factory = api.signUp("FACTORY");
        String email = Api.uniqueEmail("newcomer");
        var invited = api.invite(factory, email, "TECHNICIAN");
        assertThat(invited.status()).isEqualTo(202);
        assertThat(api.post("/api/auth/token")
                        .body(Map.of("email", email, "password", Api.PASSWORD))
                        .send()
                        .status())
                .as("no account before the link is followed")
                .isEqualTo(401);
        var pending = api.get("/api/invitations").as(factory).send();
        assertThat(pending.json().path("items").get(0).path("email").asString()).isEqualTo(email);
        String storedHash = asOrganization(
                factory.orgId(), () -> jdbc.sql("select token_hash from accounts.invitations where email = :e")
                        .param("e", email)
                        .query(String.class)
                        .single());
        String token = TestMail.invitationToken(email);
        assertThat(storedHash)
                .as("only the token's hash is stored")
                .isNotEqualTo(token)
                .hasSize(64);

        var accepted = api.acceptInvitation(email, "New Comer");
        assertThat(accepted.status()).isEqualTo(200);
        String memberToken = api.token(email, Api.PASSWORD);
        assertThat(shopsOf(memberToken)).isEqualTo(1);
        assertThat(api.get("/api/stations").token(memberToken).send().status()).isEqualTo(200);
        assertThat(api.get("/api/users").as(factory).send().raw().body()).contains(email);
        assertThat(api.get("/api/invitations").as(factory).send().json().path("items"))
                .isEmpty();
    }

    @Test
    void aReinvitationRenewsTheLinkAndTheOldOneStopsWorking() {
        var factory = api.signUp("FACTORY");
        String email = Api.uniqueEmail("twice");
        api.invite(factory, email, "TECHNICIAN");
        String first = TestMail.invitationToken(email);
        var again = api.invite(factory, email, "DESIGNER");
        assertThat(again.status()).isEqualTo(202);
        String second = TestMail.awaitToken(email, "/invitations/", 1);
        assertThat(second).isNotEqualTo(first);
        assertThat(api.get("/api/invitations").as(factory).send().json().path("items"))
                .hasSize(1);
        assertThat(api.post("/api/invitations/accept")
                        .body(Map.of("token", first, "name", "Old", "password", Api.PASSWORD))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/invitations/accept")
                        .body(Map.of("token", second, "name", "New", "password", Api.PASSWORD))
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aWithdrawnInvitationCannotBeAccepted() {
        var factory = api.signUp("FACTORY");
        String email = Api.uniqueEmail("withdrawn");
        var invited = api.invite(factory, email, "TECHNICIAN");
        var current = api.get("/api/invitations/" + invited.id()).as(factory).send();
        assertThat(api.delete("/api/invitations/" + invited.id())
                        .as(factory)
                        .send()
                        .status())
                .isEqualTo(428);
        assertThat(api.delete("/api/invitations/" + invited.id())
                        .as(factory)
                        .ifMatch(current.header("ETag"))
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.acceptInvitation(email, "Too Late").status()).isEqualTo(409);
    }

    @Test
    void anExpiredInvitationCannotBeAccepted() {
        var factory = api.signUp("FACTORY");
        String email = Api.uniqueEmail("late");
        api.invite(factory, email, "TECHNICIAN");
        String token = TestMail.invitationToken(email);
        expire(factory.orgId(), email);
        assertThat(api.post("/api/invitations/accept")
                        .body(Map.of("token", token, "name", "Late", "password", Api.PASSWORD))
                        .send()
                        .status())
                .isEqualTo(409);
    }

    /** Row-level security lets the test reach the row only as its organization. */
    private void expire(UUID orgId, String email) {
        TenantContext.runAs(
                Tenant.system(orgId),
                () -> transactions.executeWithoutResult(status -> jdbc.sql(
                                "update accounts.invitations set expires_at = now() - interval '1 minute' where email = :e")
                        .param("e", email)
                        .update()));
    }

    private <T> T asOrganization(UUID orgId, java.util.function.Supplier<T> work) {
        return TenantContext.callAs(Tenant.system(orgId), () -> transactions.execute(status -> work.get()));
    }

    @Test
    void aVerifiedAccountJoinsSignedInAndAnUnverifiedOneMustVerifyFirst() {
        var brand = api.signUp("BRAND");
        var factory = api.signUp("FACTORY");
        api.invite(factory, brand.email(), "TECHNICIAN");
        var unverified = api.acceptSignedIn(brand);
        assertThat(unverified.status()).isEqualTo(409);
        assertThat(unverified.text("detail")).contains("Verify your address");

        api.verified(brand);
        var joined = api.acceptSignedIn(brand);
        assertThat(joined.status()).isEqualTo(200);
        assertThat(shopsOf(brand.token())).isEqualTo(2);
        assertThat(api.get("/api/shops/").as(brand).send().status())
                .as("a verified account keeps its sessions when it joins")
                .isEqualTo(200);
    }

    @Test
    void aSignedInAccountCannotAcceptAnotherAddressesInvitation() {
        var factory = api.signUp("FACTORY");
        var other = api.verified(api.signUp("SHOP"));
        String email = Api.uniqueEmail("someone");
        api.invite(factory, email, "TECHNICIAN");
        var stolen = api.post("/api/invitations/accept")
                .as(other)
                .body(Map.of("token", TestMail.invitationToken(email)))
                .send();
        assertThat(stolen.status()).isEqualTo(403);
        assertThat(shopsOf(other.token())).isEqualTo(1);
    }

    @Test
    void signUpMailsAVerificationLinkThatWorksOnce() {
        var shop = api.signUp("SHOP");
        String token = TestMail.verificationToken(shop.email());
        assertThat(api.post("/api/auth/verify-email")
                        .body(Map.of("token", token))
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/auth/verify-email")
                        .body(Map.of("token", token))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/auth/verify-email/resend").as(shop).send().status())
                .as("nothing left to verify")
                .isEqualTo(409);
    }
}
