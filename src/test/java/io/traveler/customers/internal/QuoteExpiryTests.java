package io.traveler.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The scheduled expiry, run as the recurring task runs it: SENT quotes past their date expire in every organization,
 * each by its own time zone's date; drafts, later dates and other statuses stay.
 */
@ApplicationTest
class QuoteExpiryTests {
    @LocalServerPort
    int port;

    @Autowired
    QuoteExpiry expiry;

    Api api;

    private record Shop(Api.Tenant tenant, String product, String customer) {}

    private Shop shop(String timezone) {
        Api.Tenant tenant = api.signUp("FACTORY");
        var settings = api.get("/api/settings").as(tenant).send();
        var changed = api.patch("/api/settings")
                .as(tenant)
                .ifMatch(settings.header("ETag"))
                .body(Map.of("timezone", timezone))
                .send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        String product = api.post("/api/products/templates")
                .as(tenant)
                .body(Map.of("sku", "P-1", "name", "Product", "base_price", "5"))
                .send()
                .id()
                .toString();
        String customer = api.post("/api/customers")
                .as(tenant)
                .body(Map.of("name", "Customer"))
                .send()
                .id()
                .toString();
        return new Shop(tenant, product, customer);
    }

    private String quote(Shop shop, LocalDate validUntil, boolean send) {
        var quote = api.post("/api/quotes")
                .as(shop.tenant())
                .body(Map.of(
                        "customer_id",
                        shop.customer(),
                        "valid_until",
                        validUntil.toString(),
                        "lines",
                        List.of(Map.of("product_id", shop.product(), "quantity", 1))))
                .send();
        assertThat(quote.status()).as(quote.toString()).isEqualTo(201);
        String path = "/api/quotes/" + quote.id();
        if (send) {
            assertThat(api.post(path + "/send")
                            .as(shop.tenant())
                            .ifMatch("\"0\"")
                            .send()
                            .status())
                    .isEqualTo(200);
        }
        return path;
    }

    private String statusOf(Shop shop, String path) {
        return api.get(path).as(shop.tenant()).send().text("status");
    }

    @Test
    void sentQuotesPastTheirDateExpireInEveryOrganizationByItsOwnTimeZone() {
        api = new Api(port);
        Shop east = shop("Pacific/Kiritimati"); // UTC+14
        Shop west = shop("Pacific/Pago_Pago"); // UTC-11
        LocalDate eastToday = LocalDate.now(ZoneId.of("Pacific/Kiritimati"));
        // the first instant of the day after eastToday in Kiritimati: there the quote has passed its date
        Instant eastTomorrow = eastToday
                .plusDays(1)
                .atStartOfDay(ZoneId.of("Pacific/Kiritimati"))
                .toInstant();
        Instant run = eastTomorrow.isAfter(Instant.now()) ? eastTomorrow : Instant.now();
        // the same instant is a day of Pago Pago's (25 hours behind) that a quote may still be valid on; taken at the
        // run rather than now, since between 10:00 and 11:00 UTC Pago Pago's today ends before Kiritimati's does
        LocalDate westAtRun = LocalDate.ofInstant(run, ZoneId.of("Pacific/Pago_Pago"));

        String eastSent = quote(east, eastToday, true);
        String eastDraft = quote(east, eastToday, false);
        String eastLater = quote(east, eastToday.plusDays(5), true);
        String westSent = quote(west, westAtRun, true);

        int expired = expiry.expireAt(run);

        assertThat(expired).isGreaterThanOrEqualTo(1);
        assertThat(statusOf(east, eastSent)).isEqualTo("EXPIRED");
        assertThat(statusOf(east, eastDraft)).as("drafts are never expired").isEqualTo("DRAFT");
        assertThat(statusOf(east, eastLater)).isEqualTo("SENT");
        assertThat(statusOf(west, westSent))
                .as("still its valid day in Pago Pago")
                .isEqualTo("SENT");
        var read = api.get(eastSent).as(east.tenant()).send();
        assertThat(read.header("ETag")).as("the expiry moved the version").isEqualTo("\"2\"");
        assertThat(api.post(eastSent + "/reject")
                        .as(east.tenant())
                        .ifMatch("\"2\"")
                        .send()
                        .status())
                .isEqualTo(409);

        expiry.expireAt(run.plus(java.time.Duration.ofDays(2)));
        assertThat(statusOf(west, westSent)).isEqualTo("EXPIRED");
        assertThat(statusOf(east, eastLater)).isEqualTo("SENT");
        var audit = api.get("/api/audit?entity_id=" + westSent.substring(westSent.lastIndexOf('/') + 1))
                .as(west.tenant())
                .send();
        assertThat(audit.json().path("items").get(0).path("action").asString()).isEqualTo("UPDATE");
    }
}
