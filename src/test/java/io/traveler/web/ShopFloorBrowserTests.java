package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.production.ShopFloor;
import io.traveler.testing.Api;
import io.traveler.testing.Tenants;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A QC inspector follows a defective unit's label to its passport (signing in on the way), goes on to the defect
 * log and sends the unit back for rework; the unit's page then shows the decision.
 */
class ShopFloorBrowserTests extends BrowserTest {
    @Autowired
    ApplicationContext context;

    @Test
    void anInspectorFollowsTheLabelToThePassportAndDecidesTheDefectInTheLog() {
        var tenants = Tenants.in(context);
        var admin = tenants.organization("FACTORY");
        var floor = new ShopFloor(api, tenants.signedIn(admin));
        UUID cutting = floor.station("Cutting");
        UUID sewing = floor.station("Sewing");
        var workflow = floor.workflow(List.of(ShopFloor.stage("Cut", cutting), ShopFloor.stage("Sew", sewing)));
        UUID project = floor.startedProject(ShopFloor.idOf(workflow), 2);
        var unit = floor.units(project).getFirst();
        String serial = unit.path("serial").asString();
        UUID unitId = ShopFloor.idOf(unit);
        ShopFloor.ok(floor.scan(serial, cutting, "start"));
        ShopFloor.ok(floor.scan(
                serial,
                cutting,
                "report_defect",
                "defect",
                Map.of("code", "SEAM", "severity", "MAJOR", "description", "Seam open along the zip")));
        var inspector = tenants.memberWith(admin, "production:read", "production:dispose", "projects:read");

        browser.open("/s/" + serial);
        browser.awaitPath("/login");
        browser.type(By.id("email"), inspector.email());
        browser.type(By.id("password"), Api.PASSWORD);
        browser.submit("Sign in");
        assertThat(browser.awaitPath("/app/units/")).isEqualTo("/app/units/" + unitId);
        assertThat(browser.text(By.id("unit-status"))).isEqualTo("defective");
        assertThat(browser.text(By.id("passport"))).contains("defect reported", "Cutting");
        assertThat(browser.text(By.id("unit-defects"))).contains("SEAM", "undecided", "Seam open along the zip");
        browser.screenshot("unit-passport");

        browser.click("Decide in the defect log");
        assertThat(browser.path()).startsWith("/app/defects");
        var form = browser.find(By.cssSelector("form.disposition"));
        new Select(form.findElement(By.name("disposition"))).selectByVisibleText("Rework");
        new Select(form.findElement(By.name("rework_stage_id"))).selectByVisibleText("1. Cut");
        form.findElement(By.name("note")).sendKeys("Resew the seam");
        browser.press(form.findElement(By.cssSelector("button[type=submit]")));
        assertThat(browser.text(By.cssSelector(".messages"))).contains("Decided");
        assertThat(browser.text(By.id("defect-rows"))).contains("rework", "to Cut", "Resew the seam");
        browser.screenshot("defect-log");

        browser.click(serial);
        assertThat(browser.text(By.id("unit-status"))).isEqualTo("rework");
        assertThat(browser.text(By.id("passport"))).contains("disposed");
    }
}
