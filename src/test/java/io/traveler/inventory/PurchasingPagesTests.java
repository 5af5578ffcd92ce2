package io.traveler.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.accounts.internal.Location;
import io.traveler.accounts.internal.LocationService;
import io.traveler.catalog.internal.CatalogService;
import io.traveler.catalog.internal.Part;
import io.traveler.inventory.internal.Purchasing;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The purchasing pages as a production manager uses them: a supplier and what it sells, a purchase order written,
 * sent, received in part (an over-receipt shown back on the form), its PDF, and a draft made from the reorder page.
 */
@ApplicationTest
class PurchasingPagesTests {
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    LocationService locations;

    @Autowired
    CatalogService catalog;

    @Autowired
    Purchasing purchasing;

    @Test
    void aSupplierAnOrderSentReceivedInPartItsPdfAndADraftFromTheReorderPage() throws Exception {
        var admin = Tenants.in(context).organization("FACTORY");
        UUID[] ids = new UUID[2];
        admin.run(() -> {
            ids[0] =
                    locations.create("GI", "Goods in", Location.Kind.SITE, null).id();
            ids[1] = catalog.createPart(new CatalogService.PartData(
                            "PG-1",
                            "Page fabric",
                            null,
                            Part.Kind.MATERIAL,
                            "m",
                            BigDecimal.ONE,
                            null,
                            null,
                            null,
                            null,
                            null,
                            false,
                            Part.Status.ACTIVE,
                            null,
                            Set.of()))
                    .id();
        });
        UUID store = ids[0];
        UUID part = ids[1];
        var session = PageSession.signIn(port, admin.email());

        assertThat(session.get("/app/inventory/suppliers").statusCode()).isEqualTo(200);
        var created = session.post(
                "/app/inventory/suppliers", "code=PG&name=Page+Supplier&currency=EUR&lead_time_days=9&active=true");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String supplierPath = location(created);
        UUID supplier = UUID.fromString(supplierPath.substring(supplierPath.lastIndexOf('/') + 1));
        var added = session.post(
                supplierPath + "/parts", "part_number=PG-1&supplier_sku=THEIRS-1&unit_price=2.5&preferred=true");
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(session.get(supplierPath).body()).contains("Page Supplier", "THEIRS-1", "2.5 EUR");

        var unknown = session.post(
                "/app/inventory/purchase-orders",
                "supplier_id=" + supplier + "&part_number=NOPE&quantity=1&unit_price=");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("is not a part number of this organization");

        var tooMany = session.post(
                "/app/inventory/purchase-orders", "supplier_id=" + supplier + "&part_number=NOPE".repeat(501));
        assertThat(tooMany.statusCode()).isEqualTo(422);
        assertThat(tooMany.body())
                .as("refused as a whole before any of its part numbers is looked up")
                .contains("must be at most 500")
                .doesNotContain("is not a part number of this organization");

        var order = session.post(
                "/app/inventory/purchase-orders",
                "supplier_id=" + supplier + "&expected_on=2030-01-31&notes=Door+B"
                        + "&part_number=PG-1&quantity=10&unit_price=&part_number=&quantity=&unit_price=");
        assertThat(order.statusCode()).as(order.body()).isEqualTo(302);
        String orderPath = location(order);
        String page = session.get(orderPath).body();
        assertThat(page).contains("THEIRS-1", "25.00 EUR", "Mark as sent");
        assertThat(session.post(orderPath + "/send", "version=" + version(page)).statusCode())
                .isEqualTo(302);
        page = session.get(orderPath).body();
        assertThat(page).contains("status-sent", "Receive");

        UUID line = admin.call(() -> purchasing
                .order(UUID.fromString(orderPath.substring(orderPath.lastIndexOf('/') + 1)))
                .lines()
                .getFirst()
                .id());
        String receiveForm = session.get(orderPath + "/receive").body();
        assertThat(receiveForm).contains("Receive into stock", "GI · ");
        var over = session.post(
                orderPath + "/receive",
                "location_id=" + store + "&line_id=" + line + "&quantity=11&lot_number=PG-LOT&expires_on=&version="
                        + version(receiveForm));
        assertThat(over.statusCode()).isEqualTo(422);
        assertThat(over.body()).contains("is more than is still to come of line 1: 10 of 10 ordered");
        var received = session.post(
                orderPath + "/receive",
                "location_id=" + store + "&line_id=" + line + "&quantity=4&lot_number=PG-LOT&expires_on=2031-01-01");
        assertThat(received.statusCode()).as(received.body()).isEqualTo(302);
        page = session.get(orderPath).body();
        assertThat(page).contains("status-partially_received", "PG-LOT", "2031-01-01");

        HttpResponse<String> pdf = session.get(orderPath + "/pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));

        var setting = session.post(
                "/app/inventory/reorder/settings", "part_number=PG-1&reorder_point=100&reorder_quantity=50");
        assertThat(setting.statusCode()).isEqualTo(302);
        String reorder = session.get("/app/inventory/reorder").body();
        assertThat(reorder).contains("PG-1 · Page fabric", "Page Supplier", "Create draft purchase orders");
        var drafted = session.post("/app/inventory/reorder/purchase-orders", "part_id=" + part);
        assertThat(drafted.statusCode()).isEqualTo(302);
        assertThat(session.get(location(drafted)).body()).contains("status-draft", "PG-1");
    }

    private static String location(HttpResponse<String> response) {
        String to = response.headers().firstValue("Location").orElseThrow();
        return to.replaceFirst("^https?://[^/]+", "").replaceFirst(";jsessionid=[^?]*", "");
    }

    private static String version(String html) {
        var matcher = VERSION.matcher(html);
        assertThat(matcher.find()).as("a version field").isTrue();
        return matcher.group(1);
    }
}
