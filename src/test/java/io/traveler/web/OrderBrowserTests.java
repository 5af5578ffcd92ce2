package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Orders in the browser: an order created from the form and moved on the board by dragging its card (the server
 * refuses a move the table does not allow, and the board says why), and a brand's purchase order accepted from the
 * factory's inbox.
 */
class OrderBrowserTests extends BrowserTest {
    @Test
    void anOrderMovesOnTheBoardWhereTheTableAllowsAndTheBoardSaysWhyWhereItDoesNot() {
        var factory = api.signUp("FACTORY");
        api.post("/api/customers")
                .as(factory)
                .body(Map.of("name", "Harbour Store"))
                .send();
        api.post("/api/products/templates/")
                .as(factory)
                .body(Map.of("sku", "CHAIR", "name", "Chair", "base_price", 40))
                .send();

        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.click("Orders");
        browser.click("New order");
        new Select(browser.find(By.id("customer_id"))).selectByIndex(1);
        new Select(browser.find(By.id("item-0"))).selectByIndex(1);
        browser.type(By.id("quantity-0"), "3");
        browser.submit("Create order");
        assertThat(browser.text(By.cssSelector(".notice"))).endsWith("created.");
        assertThat(browser.text(By.id("order-total")))
                .as("priced by the server at the list price")
                .startsWith("120.00");
        String code = browser.text(By.cssSelector(".page-head h1 span"));

        browser.click("Board");
        String card = browser.find(By.xpath("//li[contains(@class,'board-card')][.//a[text()='" + code + "']]"))
                .getAttribute("id");
        assertThat(columnOf(card)).isEqualTo("DRAFT");

        drag(card, "CONFIGURATION");
        browser.await(By.id("board-moved"));
        assertThat(browser.text(By.id("board-moved"))).isEqualTo(code + " moved to Configuration.");
        assertThat(columnOf(card)).isEqualTo("CONFIGURATION");

        drag(card, "SHIPPING");
        browser.await(By.id("board-refusal"));
        assertThat(browser.text(By.id("board-refusal")))
                .as("the 409's reason, naming where the order may go")
                .contains("APPROVAL");
        assertThat(columnOf(card)).isEqualTo("CONFIGURATION");
        browser.screenshot("order-board");

        assertThat(browser.text(By.cssSelector("#" + card + " .card-moves")))
                .as("a button for each phase the table allows")
                .contains("Draft", "Approval", "On hold")
                .doesNotContain("Shipping", "Cancelled");
        var button = browser.find(By.xpath("//li[@id='" + card + "']//button[normalize-space()='Approval']"));
        onBoard(button::click);
        browser.await(By.id("board-moved"));
        assertThat(columnOf(card)).as("the card's own buttons move it too").isEqualTo("APPROVAL");

        browser.click(code);
        assertThat(browser.text(By.id("order-phase"))).isEqualTo("Approval");
        assertThat(browser.text(By.cssSelector("[aria-label=Phase]")))
                .contains("To Production", "Hold", "Cancel order");
        assertThat(browser.text(By.id("timeline"))).contains("Draft → Configuration", "Configuration → Approval");
    }

    @Test
    void aBrandsPurchaseOrderAcceptedInTheFactorysInboxIsInConfigurationForTheBrand() {
        var brand = api.signUp("BRAND");
        var factory = api.signUp("FACTORY");
        var partnership = api.post("/api/partnerships")
                .as(brand)
                .body(Map.of("factory_org_id", factory.orgId()))
                .send();
        api.post("/api/partnerships/" + partnership.id() + "/accept")
                .as(factory)
                .send();
        api.post("/api/products/templates/")
                .as(brand)
                .body(Map.of("sku", "TEE", "name", "T-shirt", "base_price", 20))
                .send();

        browser.signIn(brand.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.click("Purchase orders");
        browser.click("New purchase order");
        new Select(browser.find(By.id("factory_org_id"))).selectByIndex(1);
        new Select(browser.find(By.id("item-0"))).selectByIndex(1);
        browser.type(By.id("quantity-0"), "10");
        browser.submit("Place purchase order");
        assertThat(browser.text(By.id("order-phase"))).isEqualTo("Draft");
        String code = browser.text(By.cssSelector(".page-head h1 span"));
        assertThat(code).startsWith("PO-");
        assertThat(browser.findAll(By.id("internal_notes")))
                .as("no internals for the brand")
                .isEmpty();

        browser.forget();
        browser.signIn(factory.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.click("Purchase orders");
        assertThat(browser.text(By.id("inbox-rows"))).contains(code, "200.00");
        browser.press(browser.find(By.cssSelector("#po-" + code + " button[aria-label='Accept " + code + "']")));
        assertThat(browser.text(By.cssSelector(".notice"))).contains("accepted");
        assertThat(browser.text(By.id("inbox-rows"))).doesNotContain(code);

        browser.forget();
        browser.signIn(brand.email(), Api.PASSWORD);
        browser.awaitPath("/app/");
        browser.click("Purchase orders");
        assertThat(browser.text(By.id("purchase-order-rows"))).contains(code, "Configuration");
        browser.click(code);
        assertThat(browser.text(By.id("order-phase"))).isEqualTo("Configuration");
        assertThat(browser.text(By.id("timeline"))).contains("Draft → Configuration");
    }

    private String columnOf(String cardId) {
        return browser.find(By.id(cardId))
                .findElement(By.xpath("ancestor::section[contains(@class,'board-column')]"))
                .getAttribute("data-phase");
    }

    /**
     * Drags the card onto a column as a user would: chromium's WebDriver cannot drive HTML5 drag and drop, so the
     * events the browser would fire are dispatched, and the page's own handlers do the rest. Waits for the board
     * that answers (the old one is replaced).
     */
    private void drag(String cardId, String phase) {
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
                """, cardId, phase));
    }

    /** Does something to the board and waits for the board that answers (htmx replaces the old one). */
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
}
