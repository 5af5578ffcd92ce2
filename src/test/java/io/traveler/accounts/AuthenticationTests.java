package io.traveler.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

@ApplicationTest
class AuthenticationTests {
    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void signUpAnswersTheContract() {
        String email = Api.uniqueEmail("founder");
        var signed = api.post("/api/auth/signup")
                .body(Map.of(
                        "organization_name", "Contract Works",
                        "organization_kind", "FACTORY",
                        "name", "Founder",
                        "email", email,
                        "password", Api.PASSWORD))
                .send();
        assertThat(signed.status()).isEqualTo(201);
        assertThat(signed.json().path("organization").path("id").asString()).isNotBlank();
        assertThat(signed.json().path("user").path("id").asString()).isNotBlank();
        var token = api.post("/api/auth/token")
                .body(Map.of("email", email, "password", Api.PASSWORD))
                .send();
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.text("token_type")).isEqualTo("Bearer");
        assertThat(token.json().path("expires_in").asLong()).isPositive();
        assertThat(token.text("access_token")).isNotBlank();
        assertThat(token.text("refresh_token")).isNotBlank();
        var again = api.post("/api/auth/signup")
                .body(Map.of(
                        "organization_name",
                        "Copy",
                        "organization_kind",
                        "SHOP",
                        "name",
                        "Copy",
                        "email",
                        email,
                        "password",
                        Api.PASSWORD))
                .send();
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void enforcesThePasswordRules() {
        for (String weak : List.of("short", "password1234", "aaaaaaaaaaaaaaaa")) {
            var response = api.post("/api/auth/signup")
                    .body(Map.of(
                            "organization_name",
                            "Weak",
                            "organization_kind",
                            "SHOP",
                            "name",
                            "Weak",
                            "email",
                            Api.uniqueEmail("weak"),
                            "password",
                            weak))
                    .send();
            assertThat(response.status()).as(weak).isEqualTo(422);
            assertThat(response.json().path("errors").get(0).path("field").asString())
                    .isEqualTo("password");
        }
        var longPassphrase = api.post("/api/auth/signup")
                .body(Map.of(
                        "organization_name",
                        "Strong",
                        "organization_kind",
                        "SHOP",
                        "name",
                        "Strong",
                        "email",
                        Api.uniqueEmail("strong"),
                        "password",
                        "no composition rules here"))
                .send();
        assertThat(longPassphrase.status()).isEqualTo(201);
    }

    @Test
    void locksTheAccountAfterTenFailedAttempts() {
        var tenant = api.signUp("SHOP");
        for (int i = 1; i <= 9; i++) {
            var wrong = api.post("/api/auth/token")
                    .body(Map.of("email", tenant.email(), "password", "wrong password " + i))
                    .send();
            assertThat(wrong.status()).isEqualTo(401);
        }
        var tenth = api.post("/api/auth/token")
                .body(Map.of("email", tenant.email(), "password", "wrong password 10"))
                .send();
        assertThat(tenth.status()).isEqualTo(423);
        var right = api.post("/api/auth/token")
                .body(Map.of("email", tenant.email(), "password", Api.PASSWORD))
                .send();
        assertThat(right.status()).isEqualTo(423);
        assertThat(right.text("type")).isEqualTo("https://traveler.io/problems/account-locked");
    }

    @Test
    void aSuccessfulSignInResetsTheFailureCount() {
        var tenant = api.signUp("SHOP");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 6; i++) {
                api.post("/api/auth/token")
                        .body(Map.of("email", tenant.email(), "password", "nope nope nope"))
                        .send();
            }
            assertThat(api.post("/api/auth/token")
                            .body(Map.of("email", tenant.email(), "password", Api.PASSWORD))
                            .send()
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void rejectsTamperedUnsignedAndExpiredTokens() {
        var tenant = api.signUp("FACTORY");
        String[] parts = tenant.token().split("\\.");
        String otherOrgClaims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(tenant.orgId().toString(), java.util.UUID.randomUUID().toString());
        String tampered = parts[0] + "." + b64(otherOrgClaims) + "." + parts[2];
        assertThat(api.get("/api/stations").token(tampered).send().status()).isEqualTo(401);

        String none = b64("{\"alg\":\"none\"}") + "." + parts[1] + ".";
        assertThat(api.get("/api/stations").token(none).send().status()).isEqualTo(401);

        String wrongKey = parts[0] + "." + parts[1] + "." + b64("not the signature");
        assertThat(api.get("/api/stations").token(wrongKey).send().status()).isEqualTo(401);

        Instant past = Instant.now().minusSeconds(3600);
        var claims = JwtClaimsSet.builder()
                .issuer("traveler")
                .subject(tenant.userId().toString())
                .claim("org", tenant.orgId().toString())
                .issuedAt(past.minusSeconds(900))
                .expiresAt(past)
                .build();
        String expired = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        assertThat(api.get("/api/stations").token(expired).send().status()).isEqualTo(401);

        assertThat(api.get("/api/stations").as(tenant).send().status()).isEqualTo(200);
    }

    @Test
    void rotatesRefreshTokensAndRevokesThemOnLogout() {
        var tenant = api.signUp("SHOP");
        var first = api.post("/api/auth/token")
                .body(Map.of("email", tenant.email(), "password", Api.PASSWORD))
                .send();
        String refresh = first.text("refresh_token");
        var second = api.post("/api/auth/refresh")
                .body(Map.of("refresh_token", refresh))
                .send();
        assertThat(second.status()).isEqualTo(200);
        assertThat(api.get("/api/me").token(second.text("access_token")).send().status())
                .isEqualTo(200);
        assertThat(api.post("/api/auth/refresh")
                        .body(Map.of("refresh_token", refresh))
                        .send()
                        .status())
                .as("a spent refresh token")
                .isEqualTo(401);
        String next = second.text("refresh_token");
        assertThat(api.post("/api/auth/logout")
                        .body(Map.of("refresh_token", next))
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.post("/api/auth/refresh")
                        .body(Map.of("refresh_token", next))
                        .send()
                        .status())
                .isEqualTo(401);
    }

    @Test
    void disablingAMemberEndsTheirSessionsInThatOrganizationAtOnce() {
        var admin = api.signUp("FACTORY");
        var tech = api.addMember(admin, "TECHNICIAN");
        String email = tech.email();
        var added = api.get("/api/users/" + tech.userId()).as(admin).send();
        var techTokens = api.post("/api/auth/token")
                .body(Map.of("email", email, "password", Api.PASSWORD))
                .send();
        String access = techTokens.text("access_token");
        assertThat(api.get("/api/stations").token(access).send().status()).isEqualTo(200);

        var disabled = api.patch("/api/users/" + added.id())
                .as(admin)
                .ifMatch(added.header("ETag"))
                .body(Map.of("status", "DISABLED"))
                .send();
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(api.get("/api/stations").token(access).send().status()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh")
                        .body(Map.of("refresh_token", techTokens.text("refresh_token")))
                        .send()
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/auth/token")
                        .body(Map.of("email", email, "password", Api.PASSWORD))
                        .send()
                        .status())
                .as("their only membership is disabled: no organization to sign in to")
                .isEqualTo(403);
    }

    @Test
    void twoFactorSignInNeedsTheCurrentCode() throws Exception {
        var tenant = api.signUp("SHOP");
        var started = api.post("/api/me/mfa/totp")
                .as(tenant)
                .body(Map.of("password", Api.PASSWORD))
                .send();
        assertThat(started.status()).isEqualTo(200);
        String secret = started.text("secret");
        assertThat(started.text("otpauth_uri")).startsWith("otpauth://totp/");
        assertThat(api.post("/api/me/mfa/totp/confirm")
                        .as(tenant)
                        .body(Map.of("code", "000000"))
                        .send()
                        .status())
                .isIn(422);
        assertThat(api.post("/api/me/mfa/totp/confirm")
                        .as(tenant)
                        .body(Map.of("code", code(secret)))
                        .send()
                        .status())
                .isEqualTo(204);

        var withoutCode = api.post("/api/auth/token")
                .body(Map.of("email", tenant.email(), "password", Api.PASSWORD))
                .send();
        assertThat(withoutCode.status()).isEqualTo(401);
        assertThat(withoutCode.text("type")).isEqualTo("https://traveler.io/problems/mfa-required");
        var withCode = api.post("/api/auth/token")
                .body(Map.of("email", tenant.email(), "password", Api.PASSWORD, "totp_code", code(secret, 1)))
                .send();
        assertThat(withCode.status())
                .as("the next step's code: the confirming one is spent")
                .isEqualTo(200);
    }

    @Test
    void anOrganizationThatRequiresTwoFactorWithholdsPermissionsUntilEnrolment() throws Exception {
        var admin = api.signUp("FACTORY");
        var settings = api.get("/api/settings").as(admin).send();
        var required = api.patch("/api/settings")
                .as(admin)
                .ifMatch(settings.header("ETag"))
                .body(Map.of("mfa_required", true))
                .send();
        assertThat(required.status()).isEqualTo(200);
        var me = api.get("/api/me").as(admin).send();
        assertThat(me.json().path("mfa_enrolment_required").asBoolean()).isTrue();
        assertThat(me.json().path("permissions")).isEmpty();
        assertThat(api.get("/api/stations").as(admin).send().status()).isEqualTo(403);

        String secret = api.post("/api/me/mfa/totp")
                .as(admin)
                .body(Map.of("password", Api.PASSWORD))
                .send()
                .text("secret");
        api.post("/api/me/mfa/totp/confirm")
                .as(admin)
                .body(Map.of("code", code(secret)))
                .send();
        assertThat(api.get("/api/stations").as(admin).send().status()).isEqualTo(200);
    }

    @Test
    void apiKeysAuthenticateWithTheirScopeOnlyUntilRevoked() {
        var admin = api.signUp("FACTORY");
        var created = api.post("/api/api-keys")
                .as(admin)
                .body(Map.of("name", "ERP sync", "permissions", List.of("stations:read")))
                .send();
        assertThat(created.status()).isEqualTo(201);
        String key = created.text("key");
        assertThat(key).startsWith("tvk_");
        assertThat(api.get("/api/api-keys/" + created.id()).as(admin).send().text("key"))
                .isNull();

        assertThat(api.get("/api/stations").header("X-API-Key", key).send().status())
                .isEqualTo(200);
        assertThat(api.get("/api/stations")
                        .header("Authorization", "ApiKey " + key)
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/stations")
                        .header("X-API-Key", key)
                        .body(Map.of("name", "No"))
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/stations")
                        .header("X-API-Key", key + "x")
                        .send()
                        .status())
                .isEqualTo(401);

        api.post("/api/api-keys/" + created.id() + "/revoke").as(admin).send();
        assertThat(api.get("/api/stations").header("X-API-Key", key).send().status())
                .isEqualTo(401);
    }

    @Test
    void aTokenCanBeIssuedForAnotherOfTheUsersOrganizations() {
        var first = api.signUp("FACTORY");
        var second = api.signUp("BRAND");
        assertThat(api.join(second, api.verified(first), "ADMINISTRATOR").status())
                .isEqualTo(200);
        var shops = api.get("/api/shops").as(first).send();
        assertThat(shops.json().path("items")).hasSize(2);
        var switched = api.post("/api/auth/token")
                .body(Map.of("email", first.email(), "password", Api.PASSWORD, "organization_id", second.orgId()))
                .send();
        assertThat(switched.status()).isEqualTo(200);
        assertThat(api.get("/api/me")
                        .token(switched.text("access_token"))
                        .send()
                        .text("organization_id"))
                .isEqualTo(second.orgId().toString());
        var stranger = api.signUp("SHOP");
        assertThat(api.post("/api/auth/token")
                        .body(Map.of(
                                "email", first.email(), "password", Api.PASSWORD, "organization_id", stranger.orgId()))
                        .send()
                        .status())
                .isEqualTo(403);
    }

    private static String code(String secret) throws Exception {
        return code(secret, 0);
    }

    /** The code of the time step {@code offset} steps from now (one step of drift is accepted). */
    private static String code(String secret, int offset) throws Exception {
        long counter = Instant.now().getEpochSecond() / 30 + offset;
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, counter);
    }

    private static String b64(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
