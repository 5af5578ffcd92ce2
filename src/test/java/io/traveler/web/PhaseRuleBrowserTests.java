package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The organization's order phase rules, reached from the settings page, saved and read back through the API. */
class PhaseRuleBrowserTests extends BrowserTest {
    @Test
    void disablesOneMoveAndReservesAnotherFromTheSettingsPage() {
        var factory = api.signUp("FACTORY");
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/settings");
        browser.click("Phase rules");
        assertThat(browser.path()).isEqualTo("/app/settings/order-phases");

        new Select(browser.find(By.id("t_CONFIGURATION_APPROVAL"))).selectByValue("DISABLED");
        new Select(browser.find(By.id("t_APPROVAL_PRODUCTION"))).selectByValue("orders:override_credit");
        browser.submit("Save rules");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Phase rules saved.");
        assertThat(new Select(browser.find(By.id("t_CONFIGURATION_APPROVAL")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Disabled");
        browser.screenshot("phase-rules");

        var rules = api.get("/api/orders/phase-rules").as(factory).send().json().path("rules");
        assertThat(rules).hasSize(2);
        assertThat(rules.toString())
                .contains("\"from_phase\":\"CONFIGURATION\",\"to_phase\":\"APPROVAL\",\"disabled\":true")
                .contains("\"required_permission\":\"orders:override_credit\"");
    }
}
