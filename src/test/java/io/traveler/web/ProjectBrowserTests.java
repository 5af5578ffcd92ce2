package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * A project in the browser from its creation to its completion: created on the form, started, refused a move while
 * its stage's required task is open (the page says which), its tasks done from My work with a timer started and
 * stopped, moved through every stage on its page and on the board, and completed with its time logged.
 */
class ProjectBrowserTests extends BrowserTest {
    @Test
    void aProjectRunsFromCreationThroughEveryStageToCompletionWithItsTasksDoneFromMyWork() throws Exception {
        var factory = api.signUp("FACTORY");
        UUID cutting = api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Cutting"))
                .send()
                .id();
        UUID sewing = api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Sewing"))
                .send()
                .id();
        assertThat(api.post("/api/employees")
                        .as(factory)
                        .body(Map.of(
                                "name",
                                "Ada Cutter",
                                "user_id",
                                factory.userId(),
                                "hourly_rate",
                                30,
                                "station_ids",
                                List.of(cutting, sewing)))
                        .send()
                        .status())
                .isEqualTo(201);
        for (UUID station : List.of(cutting, sewing)) {
            assertThat(api.post("/api/stations/" + station + "/task-templates")
                            .as(factory)
                            .body(Map.of("title", station.equals(cutting) ? "Cut panels" : "Sew seams", "sequence", 1))
                            .send()
                            .status())
                    .isEqualTo(201);
        }
        var workflow = api.post("/api/workflows/")
                .as(factory)
                .body(Map.of(
                        "name",
                        "Backpack line",
                        "stages",
                        List.of(
                                Map.of(
                                        "name",
                                        "Cut",
                                        "station_id",
                                        cutting,
                                        "expected_minutes",
                                        30,
                                        "actions",
                                        List.of(Map.of(
                                                "kind",
                                                "checklist",
                                                "label",
                                                "Panels counted",
                                                "required",
                                                true,
                                                "checklist_items",
                                                List.of("Body", "Pocket")))),
                                Map.of("name", "Sew", "station_id", sewing, "expected_minutes", 45))))
                .send();
        assertThat(workflow.status()).isEqualTo(201);
        api.post("/api/customers")
                .as(factory)
                .body(Map.of("name", "Harbour Store"))
                .send();

        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.click("Projects");
        browser.click("New project");
        browser.type(By.id("name"), "Daypacks for the fair");
        new Select(browser.find(By.id("customer_id"))).selectByIndex(1);
        new Select(browser.find(By.id("workflow_id"))).selectByVisibleText("Backpack line (version 1)");
        browser.type(By.id("quantity"), "12");
        browser.submit("Create project");
        assertThat(browser.text(By.cssSelector(".notice"))).endsWith("created.");
        assertThat(browser.text(By.id("project-status"))).isEqualTo("draft");
        String projectPath = browser.path();
        String code = browser.text(By.cssSelector(".page-head h1 span"));
        assertThat(code).startsWith("PRJ-");

        browser.submit("Start");
        assertThat(browser.text(By.id("project-status"))).isEqualTo("active");
        assertThat(browser.text(By.id("stage-1"))).contains("Cut", "in progress");
        assertThat(browser.text(By.id("task-rows"))).contains("Cut panels", "Cutting", "todo");

        browser.submit("Move to next stage");
        assertThat(browser.text(By.cssSelector(".alert")))
                .as("the 409 names the open required task and stage action")
                .contains("Cut panels", "Panels counted");
        assertThat(browser.text(By.id("stage-1"))).contains("in progress");
        browser.submit("Checked: Body, Pocket");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Recorded.");
        assertThat(browser.text(By.id("current-stage"))).contains("Panels counted", "done");

        doFromMyWork("Cut panels");
        browser.open(projectPath);
        assertThat(browser.text(By.id("task-rows"))).contains("done");
        browser.submit("Move to next stage");
        assertThat(browser.text(By.id("stage-1"))).contains("done");
        assertThat(browser.text(By.id("stage-2"))).contains("Sew", "in progress");
        assertThat(browser.text(By.id("task-rows"))).contains("Sew seams");
        browser.press(browser.find(By.cssSelector("#task-rows button[aria-label='Complete Sew seams']")));
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Task done.");

        browser.find(By.cssSelector("#current-stage summary")).click();
        new Select(browser.find(By.id("to_stage_id"))).selectByVisibleText("Cut");
        browser.type(By.id("reason"), "Pocket panels cut on the bias");
        browser.submit("Send back");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Sent back for rework.");
        assertThat(browser.text(By.id("stage-1"))).contains("in progress", "entered 2 times");
        assertThat(browser.text(By.id("stage-2"))).contains("pending");
        assertThat(browser.text(By.id("moves"))).contains("Rework: Sew → Cut", "Pocket panels cut on the bias");
        assertThat(browser.text(By.id("task-rows")))
                .as("the station's tasks again, for the second entry")
                .contains("Cut (entry 2)");
        browser.submit("Checked: Body, Pocket");
        browser.press(browser.find(By.cssSelector("#task-rows button[aria-label='Complete Cut panels']")));
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Task done.");
        browser.submit("Move to next stage");
        assertThat(browser.text(By.id("stage-2"))).contains("in progress", "entered 2 times");

        String card = "card-" + projectPath.substring(projectPath.lastIndexOf('/') + 1);
        browser.click("Projects");
        browser.click("Board");
        assertThat(columnOf(card)).isEqualTo("2");
        drag(card, "completed");
        browser.await(By.id("board-refusal"));
        assertThat(browser.text(By.id("board-refusal")))
                .as("the board says what the last stage still misses")
                .contains("Sew seams");
        assertThat(columnOf(card)).isEqualTo("2");
        browser.screenshot("project-board");

        doFromMyWork("Sew seams");
        browser.click("Projects");
        browser.click("Board");
        var complete = browser.find(By.cssSelector("#" + card + " button[aria-label='Move " + code + " to Complete']"));
        onBoard(complete::click);
        browser.await(By.id("board-moved"));
        assertThat(browser.text(By.id("board-moved"))).isEqualTo(code + " completed.");
        assertThat(columnOf(card)).isEqualTo("completed");

        browser.click(code);
        assertThat(browser.text(By.id("project-status"))).isEqualTo("completed");
        java.nio.file.Path pattern =
                java.nio.file.Files.createTempDirectory("design").resolve("pattern.pdf");
        java.nio.file.Files.writeString(pattern, "%PDF-1.4\n% daypack pattern\n%%EOF\n");
        browser.find(By.id("design-doc-file")).sendKeys(pattern.toAbsolutePath().toString());
        browser.submit("Upload document");
        assertThat(browser.text(By.id("doc-rows"))).contains("pattern.pdf", "doc:", "application/pdf");
        assertThat(browser.find(By.linkText("pattern.pdf")).getAttribute("href"))
                .contains("/app/documents/");
        assertThat(browser.text(By.id("moves"))).contains("Started at Cut", "Cut → Sew", "Completed after Sew");
        var logs = api.get("/api/time-logs?project_id=" + projectPath.substring(projectPath.lastIndexOf('/') + 1))
                .as(factory)
                .send();
        assertThat(logs.json().get("items")).as("one log per timer stopped").hasSize(2);
        browser.screenshot("project-completed");
    }

    @Test
    void anOrdersProjectsAreCreatedOnItsPageOnePerLineAndItsProgressFollowsThem() {
        var factory = api.signUp("FACTORY");
        UUID cutting = api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Cutting"))
                .send()
                .id();
        UUID workflow = api.post("/api/workflows/")
                .as(factory)
                .body(Map.of(
                        "name",
                        "Chair line",
                        "stages",
                        List.of(Map.of("name", "Cut", "station_id", cutting, "expected_minutes", 60))))
                .send()
                .id();
        UUID customer = api.post("/api/customers")
                .as(factory)
                .body(Map.of("name", "Harbour Store"))
                .send()
                .id();
        List<UUID> products = List.of("CHAIR", "STOOL").stream()
                .map(sku -> api.post("/api/products/templates/")
                        .as(factory)
                        .body(Map.of("sku", sku, "name", sku.toLowerCase(), "base_price", 40))
                        .send()
                        .id())
                .toList();
        assertThat(api.request("PUT", "/api/workflows/" + workflow + "/products")
                        .as(factory)
                        .body(Map.of("product_ids", products))
                        .send()
                        .status())
                .isEqualTo(200);
        UUID order = api.post("/api/orders/")
                .as(factory)
                .body(Map.of(
                        "customer_id",
                        customer,
                        "lines",
                        List.of(
                                Map.of("product_id", products.get(0), "quantity", 4),
                                Map.of("product_id", products.get(1), "quantity", 2))))
                .send()
                .id();

        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/orders/" + order);
        assertThat(browser.text(By.id("production"))).contains("No projects yet.");
        browser.submit("Create projects");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Projects created.");
        assertThat(browser.text(By.id("production")))
                .as("one project per line, none started")
                .contains("0 % done", "0 of 2 projects complete");
        browser.submit("Create projects");
        assertThat(browser.text(By.cssSelector(".alert")))
                .as("a second press makes no more projects")
                .contains("exist already");

        browser.click("Projects of this order");
        assertThat(browser.findAll(By.cssSelector("#project-rows a"))).hasSize(2);
        assertThat(browser.text(By.id("project-rows"))).contains("Harbour Store", "draft");
        browser.clickAndWait(By.cssSelector("#project-rows a"));
        browser.submit("Start");
        assertThat(browser.text(By.id("project-status"))).isEqualTo("active");
        browser.submit("Hold");
        assertThat(browser.text(By.id("project-status"))).isEqualTo("on hold");
        assertThat(browser.findAll(By.id("move-next")))
                .as("a held project does not move")
                .isEmpty();
        browser.submit("Resume");
        assertThat(browser.text(By.id("project-status"))).isEqualTo("active");
        browser.click("Open the order");
        assertThat(browser.text(By.id("order-stages")))
                .as("the stage in progress")
                .contains("Cut");
        assertThat(browser.text(By.id("production"))).contains("0 of 2 projects complete");

        browser.click("Projects of this order");
        browser.clickAndWait(By.xpath("//tbody[@id='project-rows']//tr[.//span[text()='active']]//a"));
        browser.click("Cancel project");
        browser.submit("Cancel project");
        assertThat(browser.text(By.id("project-status"))).isEqualTo("cancelled");
        browser.click("Open the order");
        assertThat(browser.text(By.id("production")))
                .as("a cancelled project leaves the order's progress")
                .contains("0 of 1 projects complete");
    }

    private String columnOf(String cardId) {
        return browser.find(By.id(cardId))
                .findElement(By.xpath("ancestor::section[contains(@class,'board-column')]"))
                .getAttribute("data-phase");
    }

    /** Drags the card onto a column with the events a browser fires (chromium's WebDriver cannot drag). */
    private void drag(String cardId, String column) {
        onBoard(() -> browser.driver().executeScript("""
                const card = document.getElementById(arguments[0]);
                const column = document.querySelector(`.board-column[data-phase="${arguments[1]}"]`);
                const data = new DataTransfer();
                const fire = (target, type) => target.dispatchEvent(
                    new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
                fire(card, "dragstart");
                fire(column, "dragover");
                fire(column, "drop");
                fire(card, "dragend");
                """, cardId, column));
    }

    /** Runs the action and waits for the board that answers it (htmx replaces the old one). */
    private void onBoard(Runnable action) {
        var board = browser.find(By.id("board"));
        action.run();
        browser.waitUpTo(Duration.ofSeconds(10)).until(d -> {
            try {
                board.getTagName();
                return false;
            } catch (org.openqa.selenium.WebDriverException replaced) {
                return true;
            }
        });
    }

    /** Starts the task's timer on My work, stops it (a time log), and completes the task, as the employee would. */
    private void doFromMyWork(String task) {
        browser.click("My work");
        browser.press(browser.find(By.cssSelector("button[aria-label='Start timer on " + task + "']")));
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Timer started.");
        browser.press(browser.find(By.cssSelector("button[aria-label='Stop timer on " + task + "']")));
        assertThat(browser.text(By.cssSelector(".notice"))).startsWith("Timer stopped");
        browser.press(browser.find(By.cssSelector("button[aria-label='Complete " + task + "']")));
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Task done.");
    }
}
