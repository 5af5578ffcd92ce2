package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The catalog in a real browser: CSV imports, forms, the BOM editor and tree, where-used, stale edits. */
class CatalogBrowserTests extends BrowserTest {
    @Test
    void importsPartsProductsAndBomLinesThenShowsTheRolledUpTree() {
        var factory = api.signUp("FACTORY");
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.click("Imports");
        browser.submit("Import");
        assertThat(browser.text(By.cssSelector(".alert"))).contains("Please correct the marked fields.");
        assertThat(browser.text(By.id("kind"))).contains("choose what to import");

        importCsv("parts", """
                part_number,name,kind,unit_of_measure,unit_cost
                P-100,Steel frame,COMPONENT,pcs,12.50
                P-200,Wheel bolt,HARDWARE,pcs,0.25
                P-300,Mystery,NOT_A_KIND,pcs,1
                """, false);
        assertThat(browser.text(By.id("import-counts"))).isEqualTo("3 of 3 rows processed, 1 failed");
        WebElement error = browser.find(By.cssSelector("#import-errors tbody tr"));
        assertThat(error.findElements(By.tagName("td")).stream().map(WebElement::getText))
                .startsWith("3", "kind");
        browser.screenshot("import-report");

        importFile("products", ".json", """
                [{"sku": "BIKE", "name": "City bike"}, {"sku": "WHEEL", "name": "Wheel"}]
                """, false);
        importCsv("bom-lines", """
                parent_sku,component_number,quantity,waste_factor
                WHEEL,P-200,4,0
                BIKE,P-100,1,0
                BIKE,WHEEL,2,0
                """, true);
        assertThat(browser.findAll(By.cssSelector("#import-errors tbody tr"))).isEmpty();

        browser.click("Catalog");
        browser.click("Products");
        browser.type(By.id("q"), "bike");
        browser.awaitCount(By.cssSelector("#product-rows tr"), 1);
        browser.click("BIKE");
        assertThat(browser.text(By.cssSelector("#bom-1 .tag"))).isEqualTo("active");
        browser.click("Tree");

        assertThat(browser.text(By.id("total-cost"))).isEqualTo("14.50");
        WebElement wheel = browser.find(By.cssSelector("details.bom-node[data-number='WHEEL']"));
        assertThat(wheel.findElement(By.cssSelector("summary .cost")).getText()).isEqualTo("2.00");
        WebElement bolts = wheel.findElement(By.cssSelector(".bom-children [data-number='P-200']"));
        assertThat(bolts.findElement(By.cssSelector(".extended-quantity")).getText())
                .isEqualTo("8");
        browser.screenshot("bom-tree");

        browser.type(By.id("quantity"), "3");
        browser.submit("Explode");
        assertThat(browser.text(By.id("total-cost"))).isEqualTo("43.50");

        boolean optional = browser.find(By.id("include_optional")).isSelected();
        browser.clickAndWait(By.id("include_optional"));
        assertThat(browser.find(By.id("include_optional")).isSelected())
                .as("ticking the box submitted the form (a script file's handler, no inline one)")
                .isEqualTo(!optional);
        assertThat(browser.path()).contains("quantity=3");
    }

    @Test
    void buildsADraftInTheEditorActivatesItAndShowsWhereThePartIsUsed() {
        var factory = api.signUp("FACTORY");
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");

        browser.open("/app/catalog/parts/new");
        browser.type(By.id("part_number"), "FR-1");
        browser.type(By.id("name"), "Cargo frame");
        browser.type(By.id("unit_cost"), "80");
        browser.submit("Create part");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Part FR-1 created.");
        String partPage = browser.path();

        browser.open("/app/catalog/products/new");
        browser.type(By.id("sku"), "CARGO");
        browser.type(By.id("name"), "Cargo bike");
        browser.submit("Create product");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Product CARGO created.");
        browser.submit("New draft");
        assertThat(browser.path()).endsWith("/edit");

        browser.submit("Add line");
        browser.type(line(0, "component"), "NOPE-9");
        browser.type(line(0, "quantity"), "0");
        browser.submit("Save draft");
        assertThat(browser.text(By.cssSelector(".alert"))).contains("Line 1 component");
        assertThat(browser.find(line(0, "component"))
                        .findElement(By.xpath(".."))
                        .getText())
                .contains("is neither a part number nor a SKU");
        assertThat(browser.find(line(0, "quantity")).findElement(By.xpath("..")).getText())
                .contains("must be greater than zero");
        browser.screenshot("bom-editor-refused");

        browser.type(line(0, "component"), "FR-1");
        browser.type(line(0, "quantity"), "2");
        browser.submit("Add line");
        browser.type(line(1, "component"), "CARGO");
        browser.submit("Save draft");
        assertThat(browser.find(line(1, "component"))
                        .findElement(By.xpath(".."))
                        .getText())
                .contains("would make the product contain itself");
        assertThat(browser.find(line(0, "component")).getDomProperty("value")).isEqualTo("FR-1");

        browser.find(By.cssSelector("button[aria-label='Remove line 2']")).click();
        browser.awaitCount(By.cssSelector("#bom-lines tbody tr"), 1);
        browser.submit("Save draft");
        assertThat(browser.text(By.cssSelector(".notice"))).isEqualTo("Draft saved.");
        browser.submit("Activate");
        assertThat(browser.text(By.cssSelector("#bom-1 .tag"))).isEqualTo("active");
        String productPage = browser.path();

        browser.open(partPage);
        assertThat(browser.text(By.cssSelector("#where-used tbody")))
                .contains("CARGO")
                .contains("Cargo bike");
        browser.screenshot("part-where-used");

        browser.open(productPage);
        browser.submit("Revise");
        browser.type(line(0, "quantity"), "3");
        browser.submit("Save draft");
        assertThat(browser.text(By.cssSelector("#bom-2 td:nth-child(3)"))).isEqualTo("1");
        browser.submit("Compare");
        assertThat(browser.text(By.cssSelector("#comparison tbody tr.changed")))
                .contains("changed")
                .contains("FR-1")
                .contains("2 → 3");
        browser.screenshot("bom-compare");
    }

    @Test
    void refusesAStaleEditOfAPart() {
        var factory = api.signUp("FACTORY");
        var part = api.post("/api/catalog/parts")
                .as(factory)
                .body(Map.of("part_number", "SCR-1", "name", "Screw", "kind", "HARDWARE", "unit_of_measure", "pcs"))
                .send();
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/catalog/parts/" + part.text("id"));

        api.patch("/api/catalog/parts/" + part.text("id"))
                .as(factory)
                .ifMatch(part.header("ETag"))
                .body(Map.of("name", "Wood screw"))
                .send();
        browser.type(By.id("name"), "Machine screw");
        browser.submit("Save");

        assertThat(browser.text(By.cssSelector(".alert"))).contains("Someone else changed this");
        assertThat(browser.find(By.id("name")).getDomProperty("value")).isEqualTo("Machine screw");
        browser.click("Reload this page");
        assertThat(browser.find(By.id("name")).getDomProperty("value")).isEqualTo("Wood screw");
    }

    @Test
    void editsAPartsProcurementAndItsJsonDimensions() {
        var factory = api.signUp("FACTORY");
        var part = api.post("/api/catalog/parts")
                .as(factory)
                .body(Map.of("part_number", "TUBE-1", "name", "Tube", "kind", "MATERIAL", "unit_of_measure", "m"))
                .send();
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.open("/app/catalog/parts/" + part.text("id"));

        browser.type(By.id("dimensions"), "[40, 2]");
        browser.type(By.id("minimum_order_quantity"), "25");
        browser.find(By.id("custom")).click();
        browser.submit("Save");
        assertThat(browser.text(By.cssSelector(".field.invalid"))).contains("must be a JSON object");
        assertThat(browser.find(By.id("minimum_order_quantity")).getDomProperty("value"))
                .isEqualTo("25");

        browser.type(By.id("dimensions"), "{\"diameter_mm\": 40, \"wall_mm\": 2}");
        browser.submit("Save");
        assertThat(browser.text(By.cssSelector(".notice"))).contains("saved");

        var stored = api.get("/api/catalog/parts/" + part.text("id"))
                .as(factory)
                .send()
                .json();
        assertThat(stored.path("dimensions").path("diameter_mm").asInt()).isEqualTo(40);
        assertThat(stored.path("minimum_order_quantity").decimalValue()).isEqualByComparingTo("25");
        assertThat(stored.path("custom").asBoolean()).isTrue();

        browser.type(By.id("minimum_order_quantity"), "");
        browser.submit("Save");
        assertThat(api.get("/api/catalog/parts/" + part.text("id"))
                        .as(factory)
                        .send()
                        .json()
                        .path("minimum_order_quantity")
                        .isNull())
                .as("an emptied field clears the value")
                .isTrue();
    }

    @Test
    void showsATechnicianTheCatalogReadOnly() {
        var factory = api.signUp("FACTORY");
        var part = api.post("/api/catalog/parts")
                .as(factory)
                .body(Map.of("part_number", "NUT-1", "name", "Nut", "kind", "HARDWARE", "unit_of_measure", "pcs"))
                .send();
        String email = api.addMember(factory, "TECHNICIAN").email();
        browser.signIn(email, Api.PASSWORD);
        browser.awaitPath("/app/");

        assertThat(browser.findAll(By.linkText("Imports"))).isEmpty();
        browser.click("Catalog");
        assertThat(browser.findAll(By.linkText("New part"))).isEmpty();
        browser.click("NUT-1");
        assertThat(browser.path()).isEqualTo("/app/catalog/parts/" + part.text("id"));
        assertThat(browser.find(By.id("name")).isEnabled()).isFalse();
        assertThat(browser.findAll(By.xpath("//button[normalize-space()='Save']")))
                .isEmpty();

        browser.open("/app/imports");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not allowed");
        browser.open("/app/catalog/parts/new");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not allowed");
    }

    private static By line(int index, String field) {
        return By.cssSelector("[id='lines[" + index + "]." + field + "']");
    }

    private void importCsv(String kind, String csv, boolean activate) {
        importFile(kind, ".csv", csv, activate);
    }

    /** Uploads the file through the import page and waits on the job page until the job has finished. */
    private void importFile(String kind, String suffix, String content, boolean activate) {
        browser.open("/app/imports");
        browser.find(By.id("kind-" + kind)).click();
        browser.find(By.id("file")).sendKeys(file(kind, suffix, content).toString());
        if (activate) {
            browser.find(By.id("activate")).click();
        }
        browser.submit("Import");
        browser.awaitPath("/app/imports/");
        browser.waitUpTo(Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> List.of("COMPLETED", "FAILED")
                        .contains(d.findElement(By.id("import-progress")).getDomAttribute("data-status")));
        assertThat(browser.find(By.id("import-progress")).getDomAttribute("data-status"))
                .isEqualTo("COMPLETED");
    }

    private static Path file(String kind, String suffix, String content) {
        try {
            Path file = Files.createTempFile("traveler-" + kind + "-", suffix);
            file.toFile().deleteOnExit();
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
