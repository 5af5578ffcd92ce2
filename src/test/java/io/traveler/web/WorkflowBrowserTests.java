package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The workflow editor in the browser: a workflow built from stages and an action, saved; its stages reordered by
 * dragging one by its handle and saved again, which writes version 2 (version 1 stays, superseded); a refused save
 * shows the field; and a station's task templates added from its page.
 */
class WorkflowBrowserTests extends BrowserTest {
    @Test
    void aWorkflowIsBuiltInTheEditorAndItsStagesReorderedByDragAndDropIntoVersionTwo() {
        var factory = api.signUp("FACTORY");
        for (String name : List.of("Cutting", "Sewing", "Packing")) {
            api.post("/api/stations").as(factory).body(Map.of("name", name)).send();
        }

        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.click("Workflows");
        browser.click("New workflow");
        browser.type(By.id("name"), "Tote line");
        fillStage(0, "Cut", "Cutting", "30");
        browser.find(By.cssSelector("[data-add-stage]")).click();
        fillStage(1, "Sew", "Sewing", "45");
        browser.find(By.cssSelector("[data-add-stage]")).click();
        fillStage(2, "Pack", "Packing", "10");
        var sewCard = browser.find(By.id("stages[1].name"))
                .findElement(By.xpath("ancestor::li[contains(@class,'stage-card')]"));
        sewCard.findElement(By.cssSelector("[data-add-action]")).click();
        new Select(browser.find(By.id("stages[1].actions[0].kind"))).selectByValue("measurement");
        browser.type(By.id("stages[1].actions[0].label"), "Seam allowance");
        browser.type(By.id("stages[1].actions[0].unit"), "mm");
        browser.type(By.id("stages[1].actions[0].target_value"), "10");
        browser.submit("Create workflow");
        assertThat(browser.text(By.cssSelector(".alert")))
                .as("a measurement without its tolerance is refused, naming the field")
                .contains("Stages[1].actions[0].tolerance");
        assertThat(browser.find(By.id("stages[1].actions[0].unit")).getAttribute("value"))
                .as("what was typed is kept")
                .isEqualTo("mm");
        browser.type(By.id("stages[1].actions[0].tolerance"), "0.5");
        browser.submit("Create workflow");

        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Tote line created.");
        assertThat(browser.text(By.id("workflow-status"))).isEqualTo("version 1 · active");
        assertThat(stageNames()).containsExactly("Cut", "Sew", "Pack");
        String v1 = browser.path();

        drag(2, 0);
        assertThat(stageNames()).as("the dragged stage went before the first").containsExactly("Pack", "Cut", "Sew");
        assertThat(browser.find(By.id("stages[2].actions[0].unit")).getAttribute("value"))
                .as("the action moved with its stage and was renumbered")
                .isEqualTo("mm");
        browser.screenshot("workflow-editor");
        browser.submit("Save as new version");

        assertThat(browser.text(By.cssSelector(".notice"))).startsWith("Saved as version 2");
        assertThat(browser.text(By.id("workflow-status"))).isEqualTo("version 2 · active");
        assertThat(stageNames()).containsExactly("Pack", "Cut", "Sew");
        assertThat(browser.text(By.id("version-rows"))).contains("v1", "superseded", "v2", "active");

        var stored =
                api.get(browser.path().replace("/app/", "/api/")).as(factory).send();
        List<String> stored2 = new ArrayList<>();
        stored.json().path("stages").forEach(s -> stored2.add(s.path("name").asString()));
        assertThat(stored2).containsExactly("Pack", "Cut", "Sew");
        assertThat(stored.json()
                        .path("stages")
                        .get(2)
                        .path("actions")
                        .get(0)
                        .path("tolerance")
                        .decimalValue())
                .isEqualByComparingTo("0.5");
        var first = api.get(v1.replace("/app/", "/api/")).as(factory).send();
        assertThat(first.text("status")).isEqualTo("superseded");
        assertThat(first.json().path("stages").get(0).path("name").asString())
                .as("version 1 as it was")
                .isEqualTo("Cut");
    }

    @Test
    void aStationsTaskTemplatesAreAddedAndChangedOnItsPage() {
        var factory = api.signUp("FACTORY");
        api.post("/api/stations").as(factory).body(Map.of("name", "Cutting")).send();

        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.click("Workflows");
        browser.click("Cutting");
        browser.type(By.id("title"), "Cut panels");
        browser.type(By.id("estimate_minutes"), "40");
        browser.type(By.id("checklist_items"), "Check grain\nCount pieces");
        browser.submit("Add template");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Cut panels added.");
        browser.type(By.id("title"), "Pull fabric");
        browser.type(By.id("sequence"), "1");
        browser.submit("Add template");
        browser.type(By.id("title"), "   ");
        browser.submit("Add template");
        assertThat(browser.text(By.cssSelector(".alert"))).contains("Title: is required");

        browser.click("Pull fabric");
        browser.type(By.id("sequence"), "5");
        browser.submit("Save");
        List<String> rows = browser.findAll(By.cssSelector("#template-rows tr")).stream()
                .map(row -> row.getText().replace('\n', ' '))
                .toList();
        assertThat(rows)
                .as("in their order")
                .containsExactly("1 Cut panels 40 min Check grain Count pieces Yes", "5 Pull fabric — Yes");
    }

    private void fillStage(int index, String name, String station, String minutes) {
        browser.type(By.id("stages[" + index + "].name"), name);
        new Select(browser.find(By.id("stages[" + index + "].station_id"))).selectByVisibleText(station);
        browser.type(By.id("stages[" + index + "].expected_minutes"), minutes);
    }

    private List<String> stageNames() {
        List<String> names = new ArrayList<>();
        for (WebElement card : browser.findAll(By.cssSelector("#stages > .stage-card"))) {
            names.add(card.findElement(By.cssSelector("[data-field=name]")).getAttribute("value"));
        }
        return names;
    }

    /**
     * Drags stage {@code from} by its handle onto the upper half of stage {@code onto}, as a user would: chromium's
     * WebDriver cannot drive HTML5 drag and drop, so the events the browser would fire are dispatched, and the
     * editor's own handlers do the rest.
     */
    private void drag(int from, int onto) {
        browser.driver().executeScript("""
                const cards = document.querySelectorAll("#stages > .stage-card");
                const handle = cards[arguments[0]].querySelector(".drag-handle");
                const target = cards[arguments[1]];
                const box = target.getBoundingClientRect();
                const data = new DataTransfer();
                const fire = (element, type, y) => element.dispatchEvent(new DragEvent(type,
                    {bubbles: true, cancelable: true, dataTransfer: data, clientY: y}));
                fire(handle, "dragstart", 0);
                fire(target, "dragover", box.top + 2);
                fire(target, "drop", box.top + 2);
                fire(handle, "dragend", 0);
                """, from, onto);
    }
}
