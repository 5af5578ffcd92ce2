package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.Tenants;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A technician opens the maintenance calendar, finds a machine's overdue plan above the month grid, follows it to the
 * machine, logs the maintenance, and sees the due list and the calendar clear of it.
 */
class EquipmentBrowserTests extends BrowserTest {
    @Autowired
    ApplicationContext context;

    @Test
    void aTechnicianFindsOverdueMaintenanceOnTheCalendarAndLogsIt() {
        var tenants = Tenants.in(context);
        var admin = tenants.organization("FACTORY");
        var manager = tenants.signedIn(admin);
        var machine = api.post("/api/equipment")
                .as(manager)
                .body(Map.of("code", "BRW-1", "name", "Belt sander", "kind", "MACHINE"))
                .send();
        assertThat(machine.status()).isEqualTo(201);
        assertThat(api.post("/api/equipment/" + machine.id() + "/plans")
                        .as(manager)
                        .body(Map.of(
                                "name",
                                "Belt",
                                "interval_days",
                                7,
                                "last_done_on",
                                LocalDate.now().minusDays(9).toString()))
                        .send()
                        .status())
                .isEqualTo(201);
        var technician = tenants.memberWith(admin, "equipment:read", "equipment:maintain");

        browser.signIn(technician.email(), Api.PASSWORD);
        browser.open("/app/equipment/calendar");
        assertThat(browser.text(By.id("overdue"))).contains("BRW-1 · Belt");
        assertThat(browser.findAll(By.cssSelector(".calendar td.today"))).hasSize(1);
        browser.screenshot("maintenance-calendar");

        browser.click("BRW-1 · Belt");
        assertThat(browser.path()).isEqualTo("/app/equipment/" + machine.id());
        assertThat(browser.text(By.id("plan-rows"))).contains("Belt", "overdue");
        browser.type(By.id("notes"), "New belt fitted");
        browser.submit("Log maintenance");
        assertThat(browser.text(By.cssSelector(".messages"))).contains("Maintenance logged.");
        assertThat(browser.text(By.id("log-rows"))).contains("Belt", "New belt fitted");

        browser.open("/app/equipment/maintenance");
        assertThat(browser.text(By.id("due-rows")))
                .as("due again in a week")
                .contains("BRW-1", "in 7 days", "upcoming")
                .doesNotContain("overdue");
        browser.open("/app/equipment/calendar");
        assertThat(browser.findAll(By.id("overdue"))).isEmpty();
    }
}
