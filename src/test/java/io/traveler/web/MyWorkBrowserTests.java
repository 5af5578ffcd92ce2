package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.tenancy.TenantContext;
import io.traveler.tasks.Tasks;
import io.traveler.testing.Api;
import io.traveler.testing.Tenants;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** "My work" on a phone: one column, thumb-sized buttons, a timer started and stopped, a checklist and done. */
class MyWorkBrowserTests extends BrowserTest {
    @Autowired
    ApplicationContext context;

    @Autowired
    Tasks tasks;

    @Test
    void aTechnicianWorksATaskThroughOnAPhone() {
        var tenants = Tenants.in(context);
        var admin = tenants.organization("FACTORY");
        var signedIn = tenants.signedIn(admin);
        UUID station = api.post("/api/stations")
                .as(signedIn)
                .body(Map.of("name", "Cutting"))
                .send()
                .id();
        var technician = tenants.memberWith(admin, "tasks:read", "tasks:work", "time:log");
        UUID employee = api.post("/api/employees")
                .as(signedIn)
                .body(Map.of("name", "Kim", "user_id", technician.userId(), "station_ids", List.of(station)))
                .send()
                .id();
        var task = TenantContext.callAs(
                admin.tenant(),
                () -> tasks.create(
                        UUID.randomUUID(),
                        new Tasks.NewTask(
                                null,
                                null,
                                "Cut the panels",
                                "Oak, 18 mm",
                                null,
                                null,
                                station,
                                null,
                                null,
                                30,
                                null,
                                null,
                                List.of(),
                                List.of("Blade checked"))));
        String card = "#task-" + task.id();

        browser.resize(390, 844);
        browser.signIn(technician.email(), Api.PASSWORD);
        browser.open("/app/my-work");
        assertThat(browser.text(By.cssSelector(card))).contains("Cut the panels", "Cutting", "30 min");
        assertThat((Boolean) browser.driver()
                        .executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("nothing wider than the phone")
                .isTrue();
        var start = browser.find(By.cssSelector(card + " button[aria-label='Start timer on Cut the panels']"));
        assertThat(start.getSize().getHeight()).as("a thumb-sized button").isGreaterThanOrEqualTo(44);
        browser.screenshot("my-work-phone");

        browser.press(start);
        assertThat(browser.text(By.cssSelector(".timer-panel"))).contains("Timer running", "Cut the panels");
        browser.press(browser.find(By.cssSelector(".timer-panel button")));
        assertThat(browser.text(By.cssSelector(".messages"))).contains("the time is logged");
        assertThat(api.get("/api/time-logs?employee_id=" + employee)
                        .as(signedIn)
                        .send()
                        .json()
                        .path("items"))
                .hasSize(1);

        browser.press(browser.find(By.cssSelector(card + " button[aria-label='Complete Cut the panels']")));
        assertThat(browser.text(By.cssSelector(".messages"))).contains("checklist", "Blade checked");
        browser.press(browser.find(By.cssSelector(card + " .check-button")));
        browser.press(browser.find(By.cssSelector(card + " button[aria-label='Complete Cut the panels']")));
        assertThat(browser.text(By.cssSelector(".messages"))).contains("Task done.");
        assertThat(browser.findAll(By.cssSelector(card))).isEmpty();
        assertThat(browser.cspViolations()).isEmpty();
    }
}
