package io.traveler.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Point 7 of the hardening: stolen refresh tokens, replayed codes, credentials changed by whoever holds a session. */
@ApplicationTest
class SessionAttackTests {
    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void aReplayedRefreshTokenEndsTheWholeChain() {
        var tenant = api.signUp("SHOP");
        var stolen = signIn(tenant.email(), null);
        var rightful = api.post("/api/auth/refresh")
                .body(Map.of("refresh_token", stolen.text("refresh_token")))
                .send();
        assertThat(rightful.status()).isEqualTo(200);
        assertThat(me(rightful.text("access_token"))).isEqualTo(200);
        var otherDevice = signIn(tenant.email(), null);

        var replay = api.post("/api/auth/refresh")
                .body(Map.of("refresh_token", stolen.text("refresh_token")))
                .send();
        assertThat(replay.status()).as("the spent refresh token").isEqualTo(401);

        assertThat(api.post("/api/auth/refresh")
                        .body(Map.of("refresh_token", rightful.text("refresh_token")))
                        .send()
                        .status())
                .as("the refresh token it was exchanged for")
                .isEqualTo(401);
        assertThat(me(rightful.text("access_token")))
                .as("the chain's access token")
                .isEqualTo(401);
        assertThat(me(stolen.text("access_token"))).isEqualTo(401);
        assertThat(me(otherDevice.text("access_token")))
                .as("another sign-in is another chain")
                .isEqualTo(200);
        assertThat(api.post("/api/auth/refresh")
                        .body(Map.of("refresh_token", otherDevice.text("refresh_token")))
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aSessionEndedFromTheListStopsItsAccessToken() {
        var tenant = api.signUp("FACTORY");
        var laptop = signIn(tenant.email(), "laptop/1");
        var lostPhone = signIn(tenant.email(), "phone/2");

        var listed =
                api.get("/api/me/sessions").token(laptop.text("access_token")).send();
        assertThat(listed.status()).isEqualTo(200);
        Map<String, JsonNode> byId = sessions(listed);
        assertThat(byId).containsKeys(laptop.text("session_id"), lostPhone.text("session_id"));
        assertThat(byId.get(laptop.text("session_id")).path("current").asBoolean())
                .isTrue();
        assertThat(byId.get(lostPhone.text("session_id")).path("current").asBoolean())
                .isFalse();
        assertThat(byId.get(lostPhone.text("session_id")).path("user_agent").asString())
                .isEqualTo("phone/2");
        assertThat(byId.get(lostPhone.text("session_id"))
                        .path("organization_id")
                        .asString())
                .isEqualTo(tenant.orgId().toString());

        var stranger = api.signUp("BRAND");
        assertThat(api.delete("/api/me/sessions/" + laptop.text("session_id"))
                        .as(stranger)
                        .send()
                        .status())
                .as("another user's session")
                .isEqualTo(404);
        assertThat(me(laptop.text("access_token"))).isEqualTo(200);

        assertThat(api.delete("/api/me/sessions/" + lostPhone.text("session_id"))
                        .token(laptop.text("access_token"))
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(me(lostPhone.text("access_token"))).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh")
                        .body(Map.of("refresh_token", lostPhone.text("refresh_token")))
                        .send()
                        .status())
                .isEqualTo(401);
        assertThat(me(laptop.text("access_token"))).isEqualTo(200);
        assertThat(sessions(api.get("/api/me/sessions")
                        .token(laptop.text("access_token"))
                        .send()))
                .doesNotContainKey(lostPhone.text("session_id"));
    }

    @Test
    void aTotpCodeCannotBeUsedTwice() throws Exception {
        var tenant = api.signUp("SHOP");
        String secret = api.post("/api/me/mfa/totp")
                .as(tenant)
                .body(Map.of("password", Api.PASSWORD))
                .send()
                .text("secret");
        long step = Instant.now().getEpochSecond() / 30;
        String confirming = code(secret, step);
        assertThat(api.post("/api/me/mfa/totp/confirm")
                        .as(tenant)
                        .body(Map.of("code", confirming))
                        .send()
                        .status())
                .isEqualTo(204);

        var replayed = api.post("/api/auth/token")
                .body(Map.of("email", tenant.email(), "password", Api.PASSWORD, "totp_code", confirming))
                .send();
        assertThat(replayed.status()).as("the confirming code, again").isEqualTo(401);
        assertThat(replayed.text("type")).isEqualTo("https://traveler.io/problems/unauthenticated");

        String next = code(secret, step + 1);
        assertThat(api.post("/api/auth/token")
                        .body(Map.of("email", tenant.email(), "password", Api.PASSWORD, "totp_code", next))
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/auth/token")
                        .body(Map.of("email", tenant.email(), "password", Api.PASSWORD, "totp_code", next))
                        .send()
                        .status())
                .as("a code seen on the wire, replayed at once")
                .isEqualTo(401);
        assertThat(api.post("/api/auth/token")
                        .body(Map.of("email", tenant.email(), "password", Api.PASSWORD, "totp_code", confirming))
                        .send()
                        .status())
                .as("an older step after a newer one")
                .isEqualTo(401);
    }

    @Test
    void theTotpSecretIsNotStoredInClear() {
        var tenant = api.signUp("BRAND");
        String secret = api.post("/api/me/mfa/totp")
                .as(tenant)
                .body(Map.of("password", Api.PASSWORD))
                .send()
                .text("secret");
        String stored = jdbc.sql("select totp_secret from accounts.users where id = :id")
                .param("id", tenant.userId())
                .query(String.class)
                .single();
        assertThat(stored).startsWith("aesgcm:").doesNotContain(secret);
    }

    @Test
    void mfaCannotBeEnrolledOrRemovedWithoutThePassword() throws Exception {
        var tenant = api.signUp("FACTORY");
        assertThat(api.post("/api/me/mfa/totp").as(tenant).send().status())
                .as("no body")
                .isIn(400, 422);
        var wrong = api.post("/api/me/mfa/totp")
                .as(tenant)
                .body(Map.of("password", "a stolen session, no password"))
                .send();
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.text("secret")).isNull();

        var enrolled = api.post("/api/me/mfa/totp")
                .as(tenant)
                .body(Map.of("password", Api.PASSWORD))
                .send();
        assertThat(enrolled.status()).isEqualTo(200);
        api.post("/api/me/mfa/totp/confirm")
                .as(tenant)
                .body(Map.of("code", code(enrolled.text("secret"), Instant.now().getEpochSecond() / 30)))
                .send();

        assertThat(api.post("/api/me/mfa/totp/remove")
                        .as(tenant)
                        .body(Map.of("password", "a stolen session, no password"))
                        .send()
                        .status())
                .isEqualTo(422);
        assertThat(api.post("/api/auth/token")
                        .body(Map.of("email", tenant.email(), "password", Api.PASSWORD))
                        .send()
                        .text("type"))
                .as("two-factor sign-in is still on")
                .isEqualTo("https://traveler.io/problems/mfa-required");
        assertThat(api.post("/api/me/mfa/totp/remove")
                        .as(tenant)
                        .body(Map.of("password", Api.PASSWORD))
                        .send()
                        .status())
                .isEqualTo(204);
    }

    @Test
    void theSessionIdChangesOnSignInSwitchAndPasswordChange() throws Exception {
        var tenant = api.signUp("FACTORY");
        var browser = new CookieBrowser(port);
        String login = browser.get("/login").body();
        String before = browser.sessionId();
        assertThat(before).isNotNull();

        var signedIn =
                browser.post("/login", Map.of("email", tenant.email(), "password", Api.PASSWORD, "_csrf", csrf(login)));
        assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/app/");
        String afterSignIn = browser.sessionId();
        assertThat(afterSignIn).as("sign-in").isNotEqualTo(before);

        String home = browser.get("/app/account").body();
        var switched = browser.post(
                "/app/organization", Map.of("organization_id", tenant.orgId().toString(), "_csrf", csrf(home)));
        assertThat(switched.statusCode()).isEqualTo(302);
        String afterSwitch = browser.sessionId();
        assertThat(afterSwitch).as("organization switch").isNotEqualTo(afterSignIn);
        assertThat(browser.get("/app/account").statusCode()).isEqualTo(200);

        String account = browser.get("/app/account").body();
        var changed = browser.post(
                "/app/account/password",
                Map.of(
                        "current_password",
                        Api.PASSWORD,
                        "new_password",
                        "orchard-kettle-granite-42",
                        "_csrf",
                        csrf(account)));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(changed.headers().firstValue("Location").orElse("")).endsWith("/app/account");
        assertThat(browser.sessionId()).as("password change").isNotEqualTo(afterSwitch);
        assertThat(browser.get("/app/account").statusCode())
                .as("still signed in here")
                .isEqualTo(200);
    }

    private Api.Response signIn(String email, String userAgent) {
        var request = api.post("/api/auth/token").body(Map.of("email", email, "password", Api.PASSWORD));
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        var response = request.send();
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response;
    }

    private int me(String accessToken) {
        return api.get("/api/me").token(accessToken).send().status();
    }

    private static Map<String, JsonNode> sessions(Api.Response listed) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode session : listed.json().path("items")) {
            byId.put(session.path("id").asString(), session);
        }
        return byId;
    }

    private static String code(String secret, long step) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private static String csrf(String html) {
        var matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("a CSRF field in the page").isTrue();
        return matcher.group(1);
    }

    /** A cookie-keeping client that does not follow redirects, like a browser whose session id we can watch. */
    private static final class CookieBrowser {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http;
        private final String base;

        CookieBrowser(int port) {
            this.base = "http://localhost:" + port;
            this.http = HttpClient.newBuilder()
                    .cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String sessionId() {
            List<HttpCookie> all = cookies.getCookieStore().getCookies();
            return all.stream()
                    .filter(c -> c.getName().equals("JSESSIONID"))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElse(null);
        }
    }
}
