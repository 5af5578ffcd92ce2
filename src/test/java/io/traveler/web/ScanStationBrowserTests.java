package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.Tenants;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.chromium.HasNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The scan station as the floor uses it: a keyboard-wedge scanner (characters, then Enter) and one tap per step; an
 * offline spell whose queued steps are sent when the device is back, each answered; and the page at phone width
 * passing axe-core's WCAG 2 A/AA rules with every action reachable by keyboard alone.
 */
class ScanStationBrowserTests extends BrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<String> ACTIONS =
            List.of("Start", "Complete", "Record action", "Report defect", "Hold", "Release");

    @Autowired
    ApplicationContext context;

    /** An organization with a two-stage line (Cut at Cutting, Weld at Welding) whose project has started. */
    record Floor(Api.Tenant admin, Tenants.Member technician, UUID cutting, UUID welding, UUID project) {}

    Floor floor(int pieces) {
        var tenants = Tenants.in(context);
        var organization = tenants.organization("FACTORY");
        var admin = tenants.signedIn(organization);
        UUID cutting = created(api.post("/api/stations").as(admin).body(Map.of("name", "Cutting")));
        UUID welding = created(api.post("/api/stations").as(admin).body(Map.of("name", "Welding")));
        UUID customer = created(api.post("/api/customers").as(admin).body(Map.of("name", "Harbour")));
        UUID workflow = created(api.post("/api/workflows/")
                .as(admin)
                .body(Map.of(
                        "name",
                        "Line " + UUID.randomUUID(),
                        "stages",
                        List.of(
                                Map.of("name", "Cut", "station_id", cutting, "expected_minutes", 10),
                                Map.of("name", "Weld", "station_id", welding, "expected_minutes", 10)))));
        UUID project = created(api.post("/api/projects/")
                .as(admin)
                .body(Map.of(
                        "name",
                        "Frames",
                        "customer_id",
                        customer,
                        "workflow_id",
                        workflow,
                        "quantity",
                        new BigDecimal(pieces))));
        var started = api.post("/api/projects/" + project + "/start/").as(admin).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        var technician = tenants.memberWith(organization, "production:read", "production:scan");
        return new Floor(admin, technician, cutting, welding, project);
    }

    @Test
    void aWedgeScannerStartsAndCompletesAUnitAndThePassportFollows() {
        var floor = floor(2);
        browser.signIn(floor.technician().email(), Api.PASSWORD);
        browser.open("/app/scan?station_id=" + floor.cutting());

        WebElement input = browser.await(By.id("scan-code"));
        assertThat(browser.driver().switchTo().activeElement())
                .as("the code input has the focus")
                .isEqualTo(input);
        wedge("U-000001");
        assertThat(browser.text(By.id("scan-current"))).isEqualTo("U-000001");

        press("Start");
        awaitText(By.id("scan-result"), "in progress");
        awaitText(By.id("scan-passport-body"), "Started");

        press("Complete");
        awaitText(By.id("scan-result"), "Weld");
        awaitText(By.id("scan-passport-body"), "Welding");
        assertThat(passportKinds(floor, "U-000001")).contains("STARTED").containsAnyOf("COMPLETED_STAGE", "MOVED");

        // live.js: a colleague starts the unit at Welding; the passport on this page follows by itself
        scan(floor, "U-000001", floor.welding(), "start");
        waitFor().until(d -> d.findElement(By.cssSelector("#scan-passport-body li:first-child"))
                .getText()
                .matches("(?s)Started.*Welding.*"));
        awaitText(By.cssSelector("#scan-passport-body .tag"), "in progress");
    }

    @Test
    void anOfflineBatchIsSentWhenTheDeviceIsBackAndEachStepIsAnswered() {
        var floor = floor(2);
        browser.signIn(floor.technician().email(), Api.PASSWORD);
        browser.open("/app/scan?station_id=" + floor.cutting());
        browser.await(By.id("scan-code"));

        browser.find(By.cssSelector("label[for=scan-offline]")).click();
        awaitText(By.id("scan-connection"), "Offline");
        wedge("U-000001");
        press("Start");
        wedge("U-000002");
        press("Start");
        waitFor().until(d -> "2".equals(d.findElement(By.id("scan-queue-count")).getText()));
        assertThat(browser.findAll(By.cssSelector("#scan-queue-list li.pending")))
                .hasSize(2);

        // meanwhile a colleague online starts and completes U-000001: it has moved on to Welding
        scan(floor, "U-000001", floor.cutting(), "start");
        scan(floor, "U-000001", floor.cutting(), "complete");

        browser.find(By.cssSelector("label[for=scan-offline]")).click();
        waitFor()
                .until(d ->
                        d.findElements(By.cssSelector("#scan-batch-results li")).size() == 2);
        var outcomes = browser.findAll(By.cssSelector("#scan-batch-results li")).stream()
                .map(li -> li.getAttribute("data-outcome"))
                .toList();
        assertThat(outcomes).containsExactly("CONFLICT", "APPLIED");
        assertThat(browser.text(By.cssSelector("#scan-batch-results li[data-outcome=CONFLICT]")))
                .contains("U-000001", "(");
        assertThat(browser.text(By.id("scan-queue-count"))).isEqualTo("0");
        assertThat(passportKinds(floor, "U-000002")).contains("STARTED");
    }

    @Test
    void withoutANetworkTheStationOpensFromItsServiceWorkerAndItsQueueIsSentWhenTheNetworkIsBack() {
        var floor = floor(1);
        browser.signIn(floor.technician().email(), Api.PASSWORD);
        browser.open("/app/scan?station_id=" + floor.cutting());
        browser.await(By.id("scan-code"));
        waitFor()
                .until(d -> Boolean.TRUE.equals(
                        browser.driver().executeScript("return navigator.serviceWorker.controller != null")));
        assertThat(browser.driver().executeScript("return document.querySelector('link[rel=manifest]').href"))
                .asString()
                .endsWith("/app/scan/manifest.webmanifest");

        var network = (HasNetworkConditions) browser.driver();
        var offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        network.setNetworkConditions(offline);
        try {
            browser.driver().navigate().refresh();
            browser.await(By.id("scan-code"));
            awaitText(By.id("scan-connection"), "Offline");
            wedge("U-000001");
            press("Start");
            waitFor().until(d -> "1"
                    .equals(d.findElement(By.id("scan-queue-count")).getText()));
        } finally {
            network.deleteNetworkConditions();
        }

        waitFor().until(d -> !d.findElements(By.cssSelector("#scan-batch-results li[data-outcome=APPLIED]"))
                .isEmpty());
        assertThat(browser.text(By.id("scan-queue-count"))).isEqualTo("0");
        assertThat(passportKinds(floor, "U-000001")).contains("STARTED");
    }

    @Test
    void theScanStationAtPhoneWidthPassesAxeAndEveryActionIsReachableByKeyboard() {
        var floor = floor(1);
        browser.resize(390, 844);
        browser.signIn(floor.technician().email(), Api.PASSWORD);
        browser.open("/app/scan?station_id=" + floor.cutting());
        browser.await(By.id("scan-code"));
        wedge("U-000001");

        assertThat(seriousAccessibilityViolations()).isEmpty();
        assertThat((Boolean) browser.driver()
                        .executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("nothing wider than the phone")
                .isTrue();
        browser.screenshot("scan-station-phone");

        // Tab from the code input through the page: every step button is reached, in the order shown
        browser.find(By.id("scan-code")).click();
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.driver().switchTo().activeElement();
            reached.add(focused.getTagName().equals("button") ? focused.getText() : focused.getAttribute("id"));
        }
        assertThat(reached).containsSubsequence(ACTIONS);
        assertThat(reached).contains("Use code", "Camera");

        // and a step is taken with the keyboard alone: focus Start, press Enter
        browser.find(By.id("scan-code")).click();
        Set<String> seen = new LinkedHashSet<>();
        while (!"Start".equals(browser.driver().switchTo().activeElement().getText())) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            assertThat(seen.add(String.valueOf(
                            browser.driver().switchTo().activeElement().getAttribute("outerHTML"))))
                    .as("Start is reached before the focus comes round again")
                    .isTrue();
        }
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        awaitText(By.id("scan-result"), "in progress");
        assertThat(seriousAccessibilityViolations())
                .as("with an answer and a passport shown")
                .isEmpty();
    }

    @Test
    void theUnitPassportPageAtPhoneWidthPassesAxeAndItsActionsAreReachableByKeyboard() {
        var floor = floor(1);
        UUID unit = Api.parse(api.get("/api/projects/" + floor.project() + "/units")
                        .as(floor.admin())
                        .send()
                        .raw()
                        .body())
                .path("items")
                .get(0)
                .path("id")
                .asString()
                .transform(UUID::fromString);
        scan(floor, "U-000001", floor.cutting(), "start");
        browser.resize(390, 844);
        browser.signIn(floor.technician().email(), Api.PASSWORD);
        browser.open("/app/units/" + unit);
        browser.await(By.tagName("h1"));

        assertThat(seriousAccessibilityViolations()).isEmpty();
        List<WebElement> actionable =
                browser.findAll(By.cssSelector("main button, main a[href], main select, main input"));
        browser.driver().switchTo().activeElement();
        Set<WebElement> reached = new LinkedHashSet<>();
        for (int i = 0; i < actionable.size() + 40; i++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            reached.add(browser.driver().switchTo().activeElement());
        }
        assertThat(reached)
                .as("every control of the passport page by Tab")
                .containsAll(actionable.stream().filter(WebElement::isDisplayed).toList());
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** What a keyboard-wedge scanner does: types the code's characters into the focused field, then Enter. */
    private void wedge(String code) {
        browser.await(By.id("scan-code"));
        new Actions(browser.driver())
                .sendKeys(browser.find(By.id("scan-code")), code + Keys.ENTER)
                .perform();
        awaitText(By.id("scan-current"), code);
    }

    private void press(String label) {
        browser.find(By.xpath("//button[@data-scan-action and normalize-space()='" + label + "']"))
                .click();
    }

    /** A wait that reads again when live.js has just swapped the element it read. */
    private WebDriverWait waitFor() {
        var wait = browser.waitUpTo(WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private void awaitText(By by, String text) {
        waitFor().until(d -> d.findElement(by).getText().contains(text));
    }

    private void scan(Floor floor, String code, UUID station, String action) {
        var answer = api.post("/api/scan")
                .as(floor.admin())
                .body(Map.of("code", code, "station_id", station, "action", action))
                .send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    private List<String> passportKinds(Floor floor, String serial) {
        var units = api.get("/api/projects/" + floor.project() + "/units")
                .as(floor.admin())
                .send();
        String id = null;
        for (var unit : units.json().path("items")) {
            if (serial.equals(unit.path("serial").asString())) {
                id = unit.path("id").asString();
            }
        }
        assertThat(id).as("unit %s", serial).isNotNull();
        var events = api.get("/api/units/" + id + "/events").as(floor.admin()).send();
        List<String> kinds = new ArrayList<>();
        for (var event : events.json().path("items").isMissingNode()
                ? events.json()
                : events.json().path("items")) {
            kinds.add(event.path("kind").asString());
        }
        return kinds;
    }

    /** axe-core (npm axe-core, from its WebJar) run in the page with the WCAG 2 A and AA rules. */
    private List<String> seriousAccessibilityViolations() {
        browser.driver().executeScript(axeSource());
        @SuppressWarnings("unchecked")
        List<Object> found = (List<Object>) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
                  .then(r => done(r.violations
                    .filter(v => v.impact === "serious" || v.impact === "critical")
                    .map(v => v.impact + " " + v.id + ": " + v.help + " at "
                      + v.nodes.map(n => n.target.join(" ")).join(", "))))
                  .catch(e => done(["axe failed: " + e]));
                """);
        return found.stream().map(String::valueOf).toList();
    }

    private static String axeSource() {
        String path = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
        try (InputStream in = ScanStationBrowserTests.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in)
                    .as(path + " (test dependency org.webjars.npm:axe-core)")
                    .isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UUID created(Api.Request request) {
        var response = request.send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }
}
