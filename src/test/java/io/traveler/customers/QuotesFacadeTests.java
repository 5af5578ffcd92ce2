package io.traveler.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.StaleVersionException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The facade the orders module accepts quotes through, in the caller's transaction. */
@ApplicationTest
class QuotesFacadeTests {
    @LocalServerPort
    int port;

    @Autowired
    Quotes quotes;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Api.Tenant shop;
    UUID product;
    UUID customer;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        shop = api.signUp("FACTORY");
        product = api.post("/api/products/templates")
                .as(shop)
                .body(Map.of("sku", "BAG-1", "name", "Duffel bag", "base_price", "40"))
                .send()
                .id();
        customer = api.post("/api/customers")
                .as(shop)
                .body(Map.of("name", "Alpine"))
                .send()
                .id();
    }

    private UUID sentQuote() {
        var quote = api.post("/api/quotes")
                .as(shop)
                .body(Map.of(
                        "customer_id",
                        customer,
                        "discount",
                        "10",
                        "tax_rate",
                        "20",
                        "lines",
                        List.of(Map.of("product_id", product, "quantity", 2, "unit_price", "35"))))
                .send();
        api.post("/api/quotes/" + quote.id() + "/send")
                .as(shop)
                .ifMatch("\"0\"")
                .send();
        return quote.id();
    }

    private <T> T asShop(Supplier<T> work) {
        return TenantContext.callAs(
                Tenant.user(shop.orgId(), shop.userId()), () -> transactions.execute(s -> work.get()));
    }

    @Test
    void acceptingASentQuoteAnswersWhatAnOrderNeedsAndLinksTheOrder() {
        UUID id = sentQuote();

        Quotes.AcceptedQuote accepted = asShop(() -> quotes.accept(id, ExpectedVersion.of(1)));

        assertThat(accepted.customerId()).isEqualTo(customer);
        assertThat(accepted.currency()).isEqualTo("USD");
        assertThat(accepted.subtotal()).isEqualByComparingTo("70");
        assertThat(accepted.discount()).isEqualByComparingTo("10");
        assertThat(accepted.taxRate()).isEqualByComparingTo("20");
        assertThat(accepted.tax()).isEqualByComparingTo("12");
        assertThat(accepted.total()).isEqualByComparingTo("72");
        assertThat(accepted.lines()).singleElement().satisfies(line -> {
            assertThat(line.productId()).isEqualTo(product);
            assertThat(line.variantId()).isNull();
            assertThat(line.quantity()).isEqualByComparingTo("2");
            assertThat(line.unitPrice()).isEqualByComparingTo("35");
            assertThat(line.sku()).isEqualTo("BAG-1");
            assertThat(line.name()).isEqualTo("Duffel bag");
        });
        var read = api.get("/api/quotes/" + id).as(shop).send();
        assertThat(read.text("status")).isEqualTo("ACCEPTED");

        UUID orderId = UUID.randomUUID();
        asShop(() -> {
            quotes.linkOrder(id, orderId);
            return null;
        });
        assertThat(api.get("/api/quotes/" + id).as(shop).send().text("order_id"))
                .isEqualTo(orderId.toString());
        assertThatThrownBy(() -> asShop(() -> {
                    quotes.linkOrder(id, UUID.randomUUID());
                    return null;
                }))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> asShop(() -> quotes.accept(id, ExpectedVersion.of(3))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("allowed: none");
    }

    @Test
    void aQuotePastItsDateAStaleVersionOrAnotherOrganizationsQuoteIsRefused() {
        UUID id = sentQuote();
        assertThatThrownBy(() -> asShop(() -> quotes.accept(id, ExpectedVersion.of(0))))
                .isInstanceOf(StaleVersionException.class);

        asShop(() -> jdbc.sql("update customers.quotes set valid_until = current_date - 2 where id = :id")
                .param("id", id)
                .update());
        assertThatThrownBy(() -> asShop(() -> quotes.accept(id, ExpectedVersion.of(1))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("valid until");
        assertThat(api.get("/api/quotes/" + id).as(shop).send().text("status")).isEqualTo("SENT");

        var stranger = api.signUp("FACTORY");
        assertThatThrownBy(() -> TenantContext.callAs(
                        Tenant.user(stranger.orgId(), stranger.userId()),
                        () -> transactions.execute(s -> quotes.accept(id, ExpectedVersion.of(1)))))
                .isInstanceOf(NotFoundException.class);
    }
}
