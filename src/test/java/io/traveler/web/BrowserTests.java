package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The key page flows in a real browser: sign in, stations, employees, and what a role may not see. */
class BrowserTests extends BrowserTest {
    @Test
    void signsInAndCreatesAStationThatTheListShows() {
        var factory = api.signUp("FACTORY");
        browser.signIn(factory.email(), Api.PASSWORD);
        assertThat(browser.awaitPath("/app/")).isEqualTo("/app/");
        browser.screenshot("home");

        browser.click("Stations");
        browser.click("New station");
        browser.type(By.id("name"), "Cutting");
        browser.type(By.id("description"), "Fabric and leather are cut here");
        browser.screenshot("station-form");
        browser.submit("Save");

        assertThat(browser.awaitPath("/app/stations")).isEqualTo("/app/stations");
        assertThat(browser.text(By.cssSelector(".notice"))).contains("Cutting");
        assertThat(columnOf("station-rows", 0)).containsExactly("Cutting\nFabric and leather are cut here");
        browser.screenshot("stations");
    }

    @Test
    void showsWhyASignInWithAWrongPasswordFailed() {
        var factory = api.signUp("FACTORY");
        browser.signIn(factory.email(), "not-the-password-at-all");

        assertThat(browser.awaitPath("/login?error=")).startsWith("/login?error=bad-credentials");
        assertThat(browser.text(By.cssSelector(".alert"))).isEqualTo("E-mail or password is wrong.");
        assertThat(browser.find(By.id("email")).getDomProperty("value")).isEqualTo(factory.email());
        browser.screenshot("login-refused");
    }

    @Test
    void createsAnEmployeeAtAStationAndListsItWithTheStation() {
        var factory = api.signUp("FACTORY");
        api.post("/api/stations").as(factory).body(Map.of("name", "Sewing")).send();
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");

        browser.open("/app/employees/new");
        browser.type(By.id("name"), "Ada Okafor");
        browser.type(By.id("email"), "ada@example.test");
        browser.type(By.id("hourly_rate"), "24.50");
        browser.type(By.id("skills"), "overlock, hemming");
        checkbox("station_ids", "Sewing").click();
        browser.screenshot("employee-form");
        browser.submit("Save");

        assertThat(browser.awaitPath("/app/employees")).isEqualTo("/app/employees");
        WebElement row =
                browser.find(By.xpath("//tbody[@id='employee-rows']/tr[td[1][normalize-space()='Ada Okafor']]"));
        assertThat(row.getText()).contains("Sewing").contains("overlock").contains("24.50");
        browser.screenshot("employees");
    }

    @Test
    void filtersEmployeesAsYouTypeAndLoadsMoreOnRequest() {
        var factory = api.signUp("FACTORY");
        for (int i = 1; i <= 51; i++) {
            api.post("/api/employees")
                    .as(factory)
                    .body(Map.of("name", String.format("Worker %02d", i)))
                    .send();
        }
        api.post("/api/employees")
                .as(factory)
                .body(Map.of("name", "Zeynep Kaya"))
                .send();
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/employees");
        assertThat(browser.find(By.tagName("body")).getDomAttribute("hx-headers"))
                .startsWith("{\"X-CSRF-TOKEN\": \"");

        assertThat(browser.findAll(By.cssSelector("#employee-rows > tr:not(.load-more)")))
                .hasSize(50);
        browser.find(By.linkText("Load more")).click();
        browser.awaitCount(By.cssSelector("#employee-rows > tr"), 52);
        assertThat(browser.findAll(By.linkText("Load more"))).isEmpty();
        assertThat(browser.text(By.id("employee-rows"))).contains("Worker 51").contains("Zeynep Kaya");

        browser.find(By.id("q")).sendKeys("zey");
        browser.awaitCount(By.cssSelector("#employee-rows > tr"), 1);
        assertThat(columnOf("employee-rows", 0)).containsExactly("Zeynep Kaya");
        assertThat(browser.path()).startsWith("/app/employees?q=zey");
        browser.screenshot("employees-filtered");
    }

    @Test
    void hidesNewStationFromATechnicianAndAnswersForbidden() {
        var factory = api.signUp("FACTORY");
        String email = api.addMember(factory, "TECHNICIAN").email();
        browser.signIn(email, Api.PASSWORD);
        browser.awaitPath("/app/");

        browser.click("Stations");
        assertThat(browser.path()).isEqualTo("/app/stations");
        assertThat(browser.findAll(By.linkText("New station"))).isEmpty();
        assertThat(browser.findAll(By.linkText("Users"))).isEmpty();

        browser.open("/app/stations/new");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not allowed");
        assertThat(browser.text(By.cssSelector(".eyebrow"))).isEqualToIgnoringCase("Error 403");
        browser.screenshot("forbidden");
    }

    private List<String> columnOf(String tbodyId, int column) {
        return browser.findAll(By.cssSelector("#" + tbodyId + " > tr")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).get(column).getText())
                .toList();
    }

    private WebElement checkbox(String name, String label) {
        return browser.find(By.xpath("//label[span[normalize-space()='" + label + "']]/input[@name='" + name + "']"));
    }
}
