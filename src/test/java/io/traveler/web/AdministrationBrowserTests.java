package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.TestMail;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The administration pages in a real browser: every page renders, and the flows with a twist work. */
class AdministrationBrowserTests extends BrowserTest {
    @Test
    void rendersEveryPageOfAnAdministrator() {
        var factory = api.signUp("FACTORY");
        var site = api.post("/api/locations")
                .as(factory)
                .body(Map.of("code", "S1", "name", "Main site", "kind", "SITE"))
                .send();
        api.post("/api/locations")
                .as(factory)
                .body(Map.of("code", "S1-A", "name", "Hall A", "kind", "AREA", "parent_id", site.text("id")))
                .send();
        var station = api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Cutting"))
                .send();
        api.post("/api/employees")
                .as(factory)
                .body(Map.of(
                        "name",
                        "Grace Hopper",
                        "station_ids",
                        List.of(station.text("id")),
                        "skills",
                        List.of("cutting")))
                .send();
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");

        for (String page : List.of(
                "/app/",
                "/app/employees",
                "/app/employees/new",
                "/app/stations",
                "/app/stations/" + station.text("id"),
                "/app/locations",
                "/app/locations/new",
                "/app/users",
                "/app/users/" + factory.userId(),
                "/app/users/new",
                "/app/roles",
                "/app/roles/new",
                "/app/api-keys",
                "/app/api-keys/new",
                "/app/outbox",
                "/app/partnerships",
                "/app/organization/details",
                "/app/settings",
                "/app/settings/numbering-series/new",
                "/app/audit",
                "/app/account")) {
            browser.open(page);
            assertThat(browser.findAll(By.cssSelector(".eyebrow")))
                    .as("error page at %s: %s", page, browser.driver().getPageSource())
                    .isEmpty();
            browser.screenshot("page" + page.replaceAll("[^a-z0-9]+", "-").replaceAll("-[0-9a-f]{8}-.*", "-id"));
        }
        browser.resize(390, 844);
        for (String page : List.of("/app/", "/app/employees", "/app/stations/" + station.text("id"), "/app/audit")) {
            browser.open(page);
            browser.screenshot("phone" + page.replaceAll("[^a-z0-9]+", "-").replaceAll("-[0-9a-f]{8}-.*", "-id"));
        }
        browser.resize(1280, 900);

        browser.open("/app/organization/details");
        assertThat(browser.text(By.id("organization-id")))
                .isEqualTo(factory.orgId().toString());
        browser.type(By.id("name"), "Grace Works");
        browser.submit("Rename");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("The organization is now called Grace Works.");
        assertThat(api.get("/api/shops/" + factory.orgId()).as(factory).send().text("name"))
                .isEqualTo("Grace Works");

        browser.open("/app/stations/00000000-0000-0000-0000-000000000001");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not found");
        browser.open("/app/stations/not-an-id");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not found");
        browser.open("/app/no-such-page");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not found");
    }

    @Test
    void refusesAStaleEditInsteadOfOverwritingIt() {
        var factory = api.signUp("FACTORY");
        var station = api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Sewing"))
                .send();
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/stations/" + station.text("id"));

        api.patch("/api/stations/" + station.text("id"))
                .as(factory)
                .ifMatch(station.header("ETag"))
                .body(Map.of("name", "Sewing line 1"))
                .send();
        browser.type(By.id("name"), "Sewing room");
        browser.submit("Save");

        assertThat(browser.text(By.cssSelector(".alert"))).contains("Someone else changed this");
        assertThat(browser.find(By.id("name")).getDomProperty("value")).isEqualTo("Sewing room");
        browser.screenshot("stale-edit");
        browser.click("Reload this page");
        assertThat(browser.find(By.id("name")).getDomProperty("value")).isEqualTo("Sewing line 1");
    }

    @Test
    void showsANewApiKeyOnceAndRevokesIt() {
        var factory = api.signUp("FACTORY");
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/api-keys/new");
        browser.type(By.id("name"), "Shop webhook");
        browser.driver().executeScript("arguments[0].value = '2030-12-31'", browser.find(By.id("expires_on")));
        browser.find(By.cssSelector("input[name=permissions][value='stations:read']"))
                .click();
        browser.submit("Create key");

        String key = browser.text(By.id("api-key"));
        assertThat(key).startsWith("tvk_");
        browser.screenshot("api-key-created");
        assertThat(api.get("/api/stations").header("X-API-Key", key).send().status())
                .isEqualTo(200);

        browser.click("I have copied it — back to API keys");
        assertThat(browser.driver().getPageSource()).doesNotContain(key);
        assertThat(browser.text(By.id("key-rows"))).contains("1 Jan 2031, 00:00");
        browser.click("Revoke");
        browser.submit("Revoke");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Key revoked.");
        assertThat(api.get("/api/stations").header("X-API-Key", key).send().status())
                .isEqualTo(401);
    }

    @Test
    void buildsTheLocationTreeAndExplainsWhyASiteWithAreasStays() {
        var factory = api.signUp("FACTORY");
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/locations");
        browser.click("New site");
        browser.type(By.id("code"), "S1");
        browser.type(By.id("name"), "Main site");
        browser.submit("Add");
        browser.click("Add area");
        assertThat(new Select(browser.find(By.id("kind")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Area");
        browser.type(By.id("code"), "S1-A");
        browser.type(By.id("name"), "Hall A");
        browser.submit("Add");

        assertThat(browser.text(By.cssSelector(".tree li.depth-1 .name"))).isEqualTo("Hall A");
        browser.screenshot("locations");
        browser.find(By.xpath("//li[contains(@class,'depth-0')]//a[normalize-space()='Delete']"))
                .click();
        browser.submit("Delete");
        assertThat(browser.text(By.cssSelector(".alert"))).contains("still holds other locations");
    }

    @Test
    void showsWhyALocationWasRefusedAndKeepsWhatWasTyped() {
        var factory = api.signUp("FACTORY");
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/locations/new");
        new Select(browser.find(By.id("kind"))).selectByValue("AREA");
        browser.type(By.id("code"), "A1");
        browser.type(By.id("name"), "Loading dock");
        browser.submit("Add");

        assertThat(browser.text(By.cssSelector(".alert")))
                .contains("Please correct the marked fields.")
                .contains("Parent: an AREA needs a parent SITE");
        assertThat(browser.text(By.cssSelector(".field.invalid .field-error")))
                .isEqualTo("an AREA needs a parent SITE");
        assertThat(browser.find(By.id("name")).getDomProperty("value")).isEqualTo("Loading dock");
        browser.screenshot("location-refused");
    }

    @Test
    void turnsOnTwoFactorSignInAndAsksForTheCodeFromThenOn() throws Exception {
        var factory = api.signUp("FACTORY");
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/account");
        browser.type(By.id("password"), "not my password at all");
        browser.submit("Set up two-factor sign-in");
        assertThat(browser.text(By.cssSelector(".field-error"))).contains("is wrong");
        browser.type(By.id("password"), Api.PASSWORD);
        browser.submit("Set up two-factor sign-in");
        String secret = browser.text(By.id("totp-secret")).replace(" ", "");
        assertThat(browser.find(By.id("otpauth-uri")).getDomAttribute("href")).startsWith("otpauth://totp/");
        browser.screenshot("account-enrolling");
        browser.type(By.id("code"), "000000".equals(codeFor(secret)) ? "111111" : "000000");
        browser.submit("Turn on");
        assertThat(browser.text(By.cssSelector(".field-error"))).contains("does not match");

        browser.type(By.id("code"), codeFor(secret));
        browser.submit("Turn on");
        assertThat(browser.text(By.cssSelector(".notice"))).startsWith("Two-factor sign-in is on");

        browser.forget();
        browser.signIn(factory.email(), Api.PASSWORD);
        assertThat(browser.awaitPath("/login?error=")).startsWith("/login?error=mfa");
        assertThat(browser.text(By.cssSelector(".alert"))).contains("one-time code");
        browser.type(By.id("password"), Api.PASSWORD);
        browser.type(By.id("totp_code"), codeFor(secret, 1));
        browser.submit("Sign in");
        assertThat(browser.path()).isEqualTo("/app/");
    }

    @Test
    void endsAnApiSessionTheUserDoesNotRecogniseFromTheAccountPage() {
        var factory = api.signUp("FACTORY");
        var script = api.post("/api/auth/token")
                .header("User-Agent", "unknown-script/0.1")
                .body(Map.of("email", factory.email(), "password", Api.PASSWORD))
                .send();
        assertThat(api.get("/api/me").token(script.text("access_token")).send().status())
                .isEqualTo(200);
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/account");
        assertThat(browser.text(By.id("session-rows"))).contains("unknown-script/0.1");
        browser.screenshot("account-sessions");
        browser.press(
                browser.find(By.xpath("//tr[td[contains(., 'unknown-script/0.1')]]//button[normalize-space()='End']")));
        assertThat(browser.text(By.cssSelector(".notice"))).startsWith("The session has ended");
        assertThat(browser.text(By.id("session-rows"))).doesNotContain("unknown-script/0.1");
        assertThat(api.get("/api/me").token(script.text("access_token")).send().status())
                .isEqualTo(401);
    }

    @Test
    void changesThePasswordAndStaysSignedInOnlyHere() {
        var factory = api.signUp("FACTORY");
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/account");
        browser.type(By.id("current_password"), Api.PASSWORD);
        browser.type(By.id("new_password"), "short");
        browser.submit("Change password");
        assertThat(browser.text(By.cssSelector(".alert"))).contains("New password");

        String newPassword = "copper-lantern-meadow-7";
        browser.type(By.id("current_password"), Api.PASSWORD);
        browser.type(By.id("new_password"), newPassword);
        browser.submit("Change password");
        assertThat(browser.text(By.cssSelector(".notice"))).startsWith("Password changed");

        browser.open("/app/stations");
        assertThat(browser.path()).isEqualTo("/app/stations");
        assertThat(api.get("/api/stations").as(factory).send().status()).isEqualTo(401);
        assertThat(api.token(factory.email(), newPassword)).isNotBlank();
    }

    @Test
    void numbersSeriesAndRequiresTwoFactorSignInFromSettings() {
        var factory = api.signUp("FACTORY");
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/settings/numbering-series/new");
        browser.type(By.id("key"), "quotes");
        browser.type(By.id("prefix"), "QT-{yyyy}-");
        browser.submit("Save");
        assertThat(browser.text(By.id("series-rows")))
                .contains("QT-" + java.time.Year.now().getValue() + "-000001");

        new Select(browser.find(By.id("currency"))).selectByValue("EUR");
        browser.find(By.cssSelector("input[name=mfa_required]")).click();
        browser.submit("Save settings");

        assertThat(browser.path()).isEqualTo("/app/");
        assertThat(browser.text(By.cssSelector(".notice"))).startsWith("Settings saved.");
        assertThat(browser.text(By.cssSelector(".banner"))).contains("requires two-factor sign-in");
        assertThat(browser.findAll(By.cssSelector("nav.nav a")))
                .extracting(org.openqa.selenium.WebElement::getText)
                .containsExactly("Home");
        browser.screenshot("two-factor-required");
        browser.open("/app/settings");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not allowed");
        browser.click("Turn it on in My account");
        assertThat(browser.path()).isEqualTo("/app/account");
    }

    @Test
    void invitesAPersonWhoJoinsThroughTheMailedLink() {
        var factory = api.signUp("FACTORY");
        String email = Api.uniqueEmail("invitee");
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/account");
        assertThat(browser.text(By.id("verify-email"))).contains("Verify your address");
        browser.submit("Send the link again");
        assertThat(browser.text(By.cssSelector(".notice"))).startsWith("We have sent a new link");
        assertThat(TestMail.awaitToken(factory.email(), "/verify-email/", 1)).isNotBlank();

        browser.open("/app/users");
        browser.click("Invite someone");
        browser.type(By.id("email"), email);
        browser.find(By.xpath("//label[span[normalize-space()='Technician']]/input"))
                .click();
        browser.submit("Send invitation");
        assertThat(browser.text(By.cssSelector(".notice"))).startsWith("Invitation sent to " + email);
        assertThat(browser.text(By.id("invitation-rows"))).contains(email).contains("pending");
        assertThat(browser.text(By.id("user-rows"))).doesNotContain(email);

        browser.open("/app/outbox");
        // delivered over SMTP, the invitation is listed but its link is the invitee's alone
        assertThat(browser.text(By.id("outbox-rows")))
                .contains(email)
                .contains("For its recipient only")
                .doesNotContain("/invitations/");
        browser.screenshot("outbox");

        String token = TestMail.invitationToken(email);
        browser.forget();
        browser.open("/invitations/" + token);
        assertThat(browser.text(By.tagName("h1"))).startsWith("Join factory");
        browser.type(By.id("name"), "Ina Invitee");
        browser.type(By.id("password"), Api.PASSWORD);
        browser.submit("Join");
        assertThat(browser.text(By.id("joined"))).contains("You are now a member of factory");
        browser.screenshot("invitation-accepted");

        browser.signIn(email, Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.forget();
        browser.open("/invitations/" + token);
        assertThat(browser.text(By.cssSelector(".alert"))).contains("already used");
    }

    private static String codeFor(String secret) throws Exception {
        return codeFor(secret, 0);
    }

    /** The code {@code offset} time steps from now: a code once accepted is spent, so signing in uses the next. */
    private static String codeFor(String secret, int offset) throws Exception {
        long step = java.time.Instant.now().getEpochSecond() / 30 + offset;
        return new dev.samstevens.totp.code.DefaultCodeGenerator(dev.samstevens.totp.code.HashingAlgorithm.SHA1, 6)
                .generate(secret, step);
    }

    @Test
    void switchesOrganizationAndLinksABrandWithAFactory() {
        var brand = api.signUp("BRAND");
        var factory = api.signUp("FACTORY");
        assertThat(api.join(factory, api.verified(brand), "ADMINISTRATOR").status())
                .isEqualTo(200);
        browser.signIn(brand.email(), Api.PASSWORD);
        browser.awaitPath("/app/");

        browser.open("/app/partnerships");
        browser.type(By.id("factory_org_id"), factory.orgId().toString());
        browser.submit("Invite");
        assertThat(browser.text(By.id("partnership-rows"))).contains("pending");

        new Select(browser.find(By.id("organization_id")))
                .selectByValue(factory.orgId().toString());
        browser.submit("Switch");
        assertThat(browser.text(By.cssSelector(".notice"))).startsWith("You are now working in factory");
        browser.open("/app/partnerships");
        browser.submit("Accept");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Partnership accepted.");
        assertThat(browser.text(By.id("partnership-rows"))).contains("active");
        browser.screenshot("partnerships");

        var nextSignIn = api.post("/api/auth/token")
                .body(Map.of("email", brand.email(), "password", Api.PASSWORD))
                .send();
        assertThat(nextSignIn.text("organization_id"))
                .as("the next sign-in starts where the user switched to")
                .isEqualTo(factory.orgId().toString());
    }
}
