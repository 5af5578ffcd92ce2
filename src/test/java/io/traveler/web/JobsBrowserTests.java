package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.jobs.JobRunner;
import io.traveler.shared.jobs.SteppedJobHandler;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.springframework.beans.factory.annotation.Autowired;

/** The jobs page: every kind's jobs with their progress, the error report, and cancelling a running job. */
class JobsBrowserTests extends BrowserTest {
    @Autowired
    JobRunner jobs;

    @Test
    void listsTheJobsWithProgressAndErrorsAndCancelsARunningOne() {
        var factory = api.signUp("FACTORY");
        var imported = api.post("/api/imports/parts")
                .as(factory)
                .csv("part_number,name,kind,unit_of_measure,unit_cost\nJB-1,Bolt,NOPE,ea,1\n")
                .send();
        UUID running = TenantContext.callAs(
                Tenant.user(factory.orgId(), factory.userId()),
                () -> jobs.start(
                        SteppedJobHandler.KIND,
                        Map.of("units", "10", "batch", "2", "gated", "true", "prefix", "JB-" + UUID.randomUUID()),
                        null));
        SteppedJobHandler.allow(running, 1);

        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.click("Jobs");
        var wait = browser.waitUpTo(Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
        By importRow = By.cssSelector("tr[data-job='" + imported.id() + "']");
        wait.until(d -> "COMPLETED".equals(browser.find(importRow).getDomAttribute("data-status")));
        assertThat(browser.find(importRow).getText())
                .contains("Import of parts")
                .contains("completed");
        assertThat(browser.find(importRow).findElement(By.linkText("1")).getDomAttribute("href"))
                .isEqualTo("/app/jobs/" + imported.id() + "/errors.csv");

        By runningRow = By.cssSelector("tr[data-job='" + running + "']");
        wait.until(d -> browser.find(runningRow).getText().contains("2 of 10"));
        assertThat(browser.find(runningRow).getText())
                .contains("Stepped test job")
                .contains("running");
        browser.screenshot("jobs");
        // the page swaps its rows in every half second: find the button again if a swap took it away
        wait.until(d -> {
            browser.press(browser.find(runningRow).findElement(By.xpath(".//button[normalize-space()='Cancel']")));
            return true;
        });
        assertThat(browser.find(runningRow).getText()).contains("cancelling");
        SteppedJobHandler.allow(running, 10);

        wait.until(d -> "CANCELLED".equals(browser.find(runningRow).getDomAttribute("data-status")));
        assertThat(browser.find(runningRow).getText()).contains("cancelled").contains("4 of 10");
        assertThat(browser.find(runningRow).findElements(By.tagName("button"))).isEmpty();
        assertThat(browser.cspViolations()).isEmpty();
    }
}
