package io.traveler.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** A customer accepts a quote: the quote is ACCEPTED and names the DRAFT order placed from it, all or nothing. */
@ApplicationTest
class QuoteAcceptanceTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    OrderFixtures fixtures;
    Api.Tenant factory;
    UUID customer;
    UUID chair;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new OrderFixtures(api);
        factory = Tenants.in(context).signedIn("FACTORY");
        customer = fixtures.customer(factory, "Harbour Store");
        chair = fixtures.product(factory, "CHAIR", "120.50");
    }

    private Api.Response sentQuote() {
        var quote = api.post("/api/quotes")
                .as(factory)
                .body(Map.of(
                        "customer_id",
                        customer,
                        "discount",
                        10,
                        "lines",
                        List.of(Map.of("product_id", chair, "quantity", 3, "unit_price", "99.99"))))
                .send();
        assertThat(quote.status()).as(quote.toString()).isEqualTo(201);
        var sent = api.post("/api/quotes/" + quote.id() + "/send").as(factory).send();
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        return sent;
    }

    @Test
    void acceptingASentQuotePlacesItsOrderAtTheQuotedPricesAndLinksTheTwo() {
        UUID quote = sentQuote().id();

        var order = api.post("/api/quotes/" + quote + "/accept").as(factory).send();

        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        assertThat(order.json().path("phase").asString()).isEqualTo("DRAFT");
        assertThat(order.json().path("code").asString()).startsWith("ORD-");
        assertThat(order.json().path("customer_id").asString()).isEqualTo(customer.toString());
        var line = order.json().path("lines").get(0);
        assertThat(line.path("product_id").asString()).isEqualTo(chair.toString());
        assertThat(new BigDecimal(line.path("unit_price").asString())).isEqualByComparingTo("99.99");
        assertThat(new BigDecimal(order.json().path("total").asString()))
                .as("3 × 99.99 − 10")
                .isEqualByComparingTo("289.97");
        var accepted = api.get("/api/quotes/" + quote).as(factory).send();
        assertThat(accepted.json().path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().path("order_id").asString())
                .isEqualTo(order.id().toString());
    }

    @Test
    void aQuoteIsAcceptedOnceAndARefusalPlacesNoOrder() {
        UUID quote = sentQuote().id();
        assertThat(api.post("/api/quotes/" + quote + "/accept")
                        .as(factory)
                        .send()
                        .status())
                .isEqualTo(201);

        var again = api.post("/api/quotes/" + quote + "/accept").as(factory).send();

        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(orderCount()).isEqualTo(1);
    }

    @Test
    void anotherOrganizationCannotAcceptTheQuoteAndAMemberNeedsBothPermissions() {
        UUID quote = sentQuote().id();
        var stranger = Tenants.in(context).signedIn("FACTORY");
        var tenants = Tenants.in(context);
        var ordersOnly = tenants.signedIn(tenants.memberWith(factory.orgId(), java.util.Set.of("orders:write")));

        assertThat(api.post("/api/quotes/" + quote + "/accept")
                        .as(stranger)
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/quotes/" + quote + "/accept")
                        .as(ordersOnly)
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(orderCount()).isZero();
        assertThat(api.get("/api/quotes/" + quote)
                        .as(factory)
                        .send()
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("SENT");
    }

    private int orderCount() {
        return api.get("/api/orders?customer_id=" + customer)
                .as(factory)
                .send()
                .json()
                .path("items")
                .size();
    }
}
