package io.traveler.equipment;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import io.traveler.testing.Tenants;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The equipment pages as a production manager uses them: add a machine and a plan through the forms, see it overdue
 * on the due list and on the month's calendar, log the maintenance from the machine's page, name the machine on a
 * product's equipment page (linked from the product page).
 */
@ApplicationTest
class EquipmentPagesTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void aManagerAddsAMachineAndPlanSeesItOverdueOnTheListAndCalendarLogsItAndNamesItForAProduct() throws Exception {
        var admin = Tenants.in(context).organization("FACTORY");
        var pages = PageSession.signIn(port, admin.email());

        assertThat(pages.get("/app/equipment/new").statusCode()).isEqualTo(200);
        var created =
                pages.submit("/app/equipment", "code=EMB-1&name=Embroidery+machine&kind=MACHINE&status=AVAILABLE");
        String machine = created.headers().firstValue("Location").orElseThrow();
        String path = machine.substring(machine.indexOf("/app/equipment/"));
        assertThat(pages.get(path).body())
                .contains("EMB-1 · Embroidery machine")
                .contains("No maintenance planned.");

        String since = LocalDate.now().minusDays(40).toString();
        assertThat(pages.post(path + "/plans", "name=Thread+tension&interval_days=0")
                        .statusCode())
                .as("refused with the form again")
                .isEqualTo(422);
        pages.submit(path + "/plans", "name=Thread+tension&interval_days=30&last_done_on=" + since);

        var due = pages.get("/app/equipment/maintenance").body();
        assertThat(due).contains("EMB-1").contains("Thread tension").contains("data-state=\"OVERDUE\"");
        var calendar = pages.get("/app/equipment/calendar").body();
        assertThat(calendar).contains("id=\"overdue\"").contains("EMB-1 · Thread tension");
        assertThat(pages.get("/app/equipment/calendar?month=" + YearMonth.now().plusMonths(1))
                        .body())
                .as("every 30 days from the next due date")
                .contains("EMB-1 · Thread tension");
        assertThat(pages.get("/app/equipment/calendar?month=garbage").statusCode())
                .isEqualTo(200);

        var api = new Api(port);
        var token = Tenants.in(context).signedIn(admin);
        String equipmentId = path.substring("/app/equipment/".length());
        String plan = api.get("/api/equipment/" + equipmentId + "/plans")
                .as(token)
                .send()
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        assertThat(pages.get(path).body()).contains("state-overdue");
        var endless =
                pages.post(path + "/maintenance", "plan_id=" + plan + "&notes=Endless&cost=" + "0".repeat(100) + "5");
        assertThat(endless.statusCode()).isLessThan(500);
        var ancient =
                pages.post(path + "/maintenance", "plan_id=" + plan + "&notes=Ancient&done_at=-300000000-01-01T00:00");
        assertThat(ancient.statusCode()).isLessThan(500);
        assertThat(pages.get(path).body())
                .as("a cost of a hundred digits and a date before 1970 are refused")
                .doesNotContain("Endless")
                .doesNotContain("Ancient")
                .contains("state-overdue");
        var technician = PageSession.signIn(
                port,
                Tenants.in(context)
                        .memberWith(admin, "equipment:read", "equipment:maintain")
                        .email());
        technician.get(path);
        technician.post(path + "/status", "status=RETIRED");
        assertThat(api.get("/api/equipment/" + equipmentId).as(token).send().text("status"))
                .as("retiring is the manager's call")
                .isEqualTo("AVAILABLE");
        pages.submit(path + "/maintenance", "plan_id=" + plan + "&notes=Adjusted&cost=5");
        assertThat(pages.get(path).body()).contains("Adjusted").doesNotContain("state-overdue");
        assertThat(pages.get("/app/equipment/maintenance").body()).doesNotContain("EMB-1");

        var product = api.post("/api/products/templates")
                .as(token)
                .body(Map.of("sku", "CAP-1", "name", "Cap"))
                .send();
        assertThat(pages.get("/app/catalog/products/" + product.id()).body())
                .contains("/app/catalog/products/" + product.id() + "/equipment");
        pages.get("/app/catalog/products/" + product.id() + "/equipment");
        pages.submit(
                "/app/catalog/products/" + product.id() + "/equipment",
                "version=0&equipment_id=" + equipmentId + "&quantity=1&notes="
                        + URLEncoder.encode("Logo", StandardCharsets.UTF_8));
        assertThat(pages.get("/app/catalog/products/" + product.id() + "/equipment")
                        .body())
                .contains("EMB-1 · Embroidery machine")
                .doesNotContain("No equipment named yet.");
        assertThat(pages.get(path).body()).contains("Needed to make").contains("CAP-1 · Cap");
    }
}
