package io.traveler.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import io.traveler.testing.Tenants;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The stock pages as a storekeeper uses them: moves by scanned (typed) part numbers and location codes, refusals
 * shown on the form, the manager-only adjustment, and a count from opening to posting.
 */
@ApplicationTest
class StockPagesTests {
    private static final Pattern COUNTED = Pattern.compile("name=\"counted_([0-9a-f-]{36})\"");

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    Tenants tenants;
    Tenants.Member admin;
    StockFixtures room;
    UUID cloth;
    String number;

    @BeforeEach
    void setUp() {
        tenants = Tenants.in(context);
        admin = tenants.organization("FACTORY");
        room = StockFixtures.of(context, admin);
        number = "CLOTH-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        cloth = room.part(number, "2.00");
        room.location("BIN-1");
        room.location("RACK-1");
    }

    @Test
    void aTechnicianReceivesTransfersAndIssuesByCodesAndSeesTheRefusalsOnTheForm() throws Exception {
        var technician = tenants.memberWith(admin, "inventory:read", "inventory:move");
        var pages = PageSession.signIn(port, technician.email());

        var form = pages.get("/app/inventory/receive?part=" + number);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body())
                .contains("data-scan-field", "data-scan-camera=\"location\"", "value=\"" + number + "\"");
        var received = pages.submit(
                "/app/inventory/receive",
                "part=" + number + "&location=BIN-1&quantity=10&lot_number=L-A&unit_cost=2.50&expires_on=2030-01-31");
        assertThat(received.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/app/inventory/parts/" + cloth));
        assertThat(pages.get("/app/inventory/parts/" + cloth).body())
                .contains("Received 10 m of " + number + " into BIN-1 (lot L-A)");
        pages.submit("/app/inventory/transfer", "part=" + number + "&location=BIN-1&to_location=RACK-1&quantity=4");

        String part = pages.get("/app/inventory/parts/" + cloth).body();
        assertThat(part)
                .contains("Moved 4 m of " + number + " from BIN-1 to RACK-1")
                .contains("L-A", "2030-01-31", "RACK-1");
        assertThat(between(part, "id=\"part-on-hand\"", "</dd>")).contains("10 m");
        var lot = Pattern.compile("/app/inventory/lots/([0-9a-f-]{36})").matcher(part);
        assertThat(lot.find()).isTrue();
        for (String page : new String[] {"/app/inventory/movements", "/app/inventory/counts", lot.group()}) {
            assertThat(pages.get(page).statusCode()).as(page).isEqualTo(200);
        }
        assertThat(pages.get(lot.group()).body()).contains("lot-trace", "kind-receipt", "kind-transfer");

        var unknown = pages.post("/app/inventory/receive", "part=" + number + "&location=NOWHERE&quantity=1");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("no location has this code", "value=\"NOWHERE\"");
        var negative = pages.post("/app/inventory/issue", "part=" + number + "&location=BIN-1&quantity=-1");
        assertThat(negative.statusCode()).isEqualTo(422);
        var tooMuch = pages.post("/app/inventory/issue", "part=" + number + "&location=BIN-1&quantity=7");
        assertThat(tooMuch.statusCode()).as("6 are left in the bin").isEqualTo(409);
        assertThat(room.movementsCount()).isEqualTo(2);

        assertThat(pages.get("/app/inventory/adjust").statusCode()).isEqualTo(403);
        assertThat(pages.post("/app/inventory/adjust", "part=" + number + "&location=BIN-1&quantity=1&reason=found")
                        .statusCode())
                .isEqualTo(403);

        String overview = pages.get("/app/inventory").body();
        assertThat(between(overview, "id=\"stock-value\"", "</span>")).contains("25.00");
        assertThat(pages.get("/app/inventory?by=location").body()).contains("location-BIN-1", "location-RACK-1");
        assertThat(pages.get("/app/inventory?location=RACK-1").body())
                .contains("stock-" + number)
                .as("the rack holds 4 of the 10, at 2.50")
                .contains("10.00");
        assertThat(pages.get("/app/inventory/movements?part=" + number + "&kind=transfer")
                        .body())
                .contains("BIN-1", "RACK-1")
                .doesNotContain("kind-receipt");
    }

    @Test
    void aPercentEncodedMovePathIsTheMoveItNamesAndACursorWithANulIsAPageErrorNotAServerError() throws Exception {
        var technician = tenants.memberWith(admin, "inventory:read", "inventory:move");
        var pages = PageSession.signIn(port, technician.email());
        var encoded = pages.get("/app/inventory/%72eceive?part=" + number);
        assertThat(encoded.statusCode()).isEqualTo(200);
        assertThat(encoded.body()).contains("Receive stock");
        pages.submit("/app/inventory/%72eceive", "part=" + number + "&location=BIN-1&quantity=3");
        pages.submit("/app/inventory/%69ssue", "part=" + number + "&location=BIN-1&quantity=1");
        assertThat(room.movementsCount()).as("a receipt and an issue").isEqualTo(2);
        assertThat(between(pages.get("/app/inventory/parts/" + cloth).body(), "id=\"part-on-hand\"", "</dd>"))
                .contains("2 m");

        for (String page : new String[] {"/app/inventory?cursor=AA", "/app/inventory/movements?cursor=AA"}) {
            assertThat(pages.get(page).statusCode()).as(page).isEqualTo(422);
        }
    }

    @Test
    void aQuantityTypedWithEndlessDigitsIsRefusedBeforeItIsParsed() throws Exception {
        var technician = tenants.memberWith(admin, "inventory:read", "inventory:move");
        var pages = PageSession.signIn(port, technician.email());
        var endless = pages.post(
                "/app/inventory/receive", "part=" + number + "&location=BIN-1&quantity=" + "0".repeat(100) + "1");
        assertThat(endless.statusCode()).isEqualTo(422);
        assertThat(room.movementsCount()).isZero();
    }

    @Test
    void aCountIsOpenedByScanningTheLocationCountedOnThePhoneAndPostedByTheManager() throws Exception {
        var lot = room.receive(cloth, room.location("SHELF-9"), "10", "L-C", "2.00");
        var technician = tenants.memberWith(admin, "inventory:read", "inventory:move");
        var counter = PageSession.signIn(port, technician.email());

        var opened = counter.submit("/app/inventory/counts", "location=SHELF-9&reason=" + enc("Monthly count"));
        String countPath = opened.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        assertThat(countPath).startsWith("/app/inventory/counts/");
        String page = counter.get(countPath).body();
        var line = COUNTED.matcher(page);
        assertThat(line.find()).as(page).isTrue();
        String version = between(page, "name=\"version\" value=\"", "\"");
        counter.post(
                countPath + "/lines", "version=" + version + "&counted_" + line.group(1) + "=" + "0".repeat(100) + "5");
        assertThat(counter.get(countPath).body())
                .as("a count typed with a hundred digits is refused, not parsed")
                .doesNotContain("value=\"5\"");
        counter.submit(countPath + "/lines", "version=" + version + "&counted_" + line.group(1) + "=7");
        assertThat(counter.post(countPath + "/post", "version=").statusCode()).isEqualTo(403);

        var manager = PageSession.signIn(port, admin.email());
        String counted = manager.get(countPath).body();
        assertThat(counted).contains("value=\"7\"", "-3");
        manager.submit(countPath + "/post", "version=" + between(counted, "name=\"version\" value=\"", "\""));

        assertThat(manager.get(countPath).body()).contains("posted");
        assertThat(room.onHand(lot.lotId(), lot.toLocationId())).isEqualByComparingTo("7");
        assertThat(manager.get("/app/inventory/parts/" + cloth).body())
                .contains("kind-adjustment", "Monthly count", "Cycle count");
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("%s in the page", from).isNotNegative();
        start += from.length();
        return text.substring(start, text.indexOf(to, start));
    }
}
