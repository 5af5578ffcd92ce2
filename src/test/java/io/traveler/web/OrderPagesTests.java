package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The orders pages as HTML, without a browser: the list's filters, the global search and the home page's tiles
 * count and find the organization's own orders only, and a brand reads its purchase order without the factory's
 * internal notes (a stranger not at all).
 */
@ApplicationTest
class OrderPagesTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void theListFiltersByPhaseAndTextAndSearchAndTilesFindTheOrganizationsOwnOrdersOnly() throws Exception {
        var factory = api.signUp("FACTORY");
        var other = api.signUp("FACTORY");
        String harbour = order(factory, customer(factory, "Harbour Store"), product(factory, "CHAIR"));
        UUID alpineStore = customer(factory, "Alpine Online");
        String alpine = order(factory, alpineStore, product(factory, "TABLE"));
        order(other, customer(other, "Far Harbour Depot"), product(other, "CHAIR"));
        String foreign = "Far Harbour Depot";
        assertThat(api.post("/api/orders/" + idOf(factory, harbour) + "/transition")
                        .as(factory)
                        .body(Map.of("to_phase", "CONFIGURATION"))
                        .send()
                        .status())
                .isEqualTo(200);
        var session = signedIn(factory.email());

        assertThat(session.get("/app/orders").body()).contains(harbour, alpine).doesNotContain(foreign);
        assertThat(session.get("/app/orders?phase=CONFIGURATION").body())
                .contains(harbour)
                .doesNotContain(alpine);
        assertThat(session.get("/app/orders?q=alpine").body()).contains(alpine).doesNotContain(harbour);
        assertThat(session.get("/app/orders?q=harbour").body())
                .contains(harbour)
                .doesNotContain(foreign);
        assertThat(session.get("/app/orders?customer_id=" + alpineStore).body())
                .contains(alpine)
                .doesNotContain(harbour);
        assertThat(session.get("/app/orders?priority=URGENT").body()).contains("No order matches.");
        assertThat(session.get("/app/orders?phase=NOT_A_PHASE").statusCode()).isIn(400, 422);

        String found = session.get("/app/search?q=harbour").body();
        assertThat(found).contains(harbour + " · Harbour Store").doesNotContain(foreign);

        String home = session.get("/app/").body();
        assertThat(home)
                .containsPattern("<span class=\"stat-value\">2</span><span class=\"stat-label\">Open orders</span>");

        String board = session.get("/app/orders/board").body();
        assertThat(board).contains(harbour, alpine).doesNotContain(foreign);
    }

    @Test
    void aBrandReadsItsPurchaseOrderWithoutTheFactorysInternalNotesAndAStrangerNotAtAll() throws Exception {
        var brand = api.signUp("BRAND");
        var factory = api.signUp("FACTORY");
        var stranger = api.signUp("BRAND");
        var partnership = api.post("/api/partnerships")
                .as(brand)
                .body(Map.of("factory_org_id", factory.orgId()))
                .send();
        assertThat(api.post("/api/partnerships/" + partnership.id() + "/accept")
                        .as(factory)
                        .send()
                        .status())
                .isEqualTo(200);
        var placed = api.post("/api/orders")
                .as(brand)
                .body(Map.of(
                        "factory_org_id",
                        factory.orgId(),
                        "lines",
                        List.of(Map.of("product_id", product(brand, "TEE"), "quantity", 5))))
                .send();
        assertThat(placed.status()).isEqualTo(201);
        String page = "/app/orders/" + placed.id();
        var factorySession = signedIn(factory.email());
        assertThat(factorySession.get("/app/orders/purchase-orders").body())
                .as("the factory's purchase orders are its inbox")
                .contains("Purchase orders to accept", placed.text("code"));
        assertThat(factorySession.get("/app/").body())
                .containsPattern("<span class=\"stat-value\">1</span><span class=\"stat-label\">Purchase orders"
                        + " awaiting acceptance</span>");
        var etag = api.get("/api/orders/" + placed.id()).as(factory).send().header("ETag");
        assertThat(api.patch("/api/orders/" + placed.id())
                        .as(factory)
                        .ifMatch(etag)
                        .body(Map.of("internal_notes", "Margin is thin on this brand"))
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(factorySession.get(page).body()).contains("Margin is thin on this brand", "Accept");

        var brandSession = signedIn(brand.email());
        var seenByBrand = brandSession.get(page);
        assertThat(seenByBrand.statusCode()).isEqualTo(200);
        assertThat(seenByBrand.body())
                .contains(placed.text("code"), "Withdraw purchase order")
                .doesNotContain("Margin is thin", "Internal notes", ">Accept<");
        assertThat(brandSession.get("/app/orders/purchase-orders").body()).contains(placed.text("code"));

        assertThat(signedIn(stranger.email()).get(page).statusCode()).isEqualTo(404);
    }

    private UUID idOf(Api.Tenant tenant, String code) {
        var list = api.get("/api/orders?q=" + code).as(tenant).send();
        return UUID.fromString(list.json().path("items").get(0).path("id").asString());
    }

    private String order(Api.Tenant tenant, UUID customer, UUID product) {
        var placed = api.post("/api/orders")
                .as(tenant)
                .body(Map.of("customer_id", customer, "lines", List.of(Map.of("product_id", product, "quantity", 2))))
                .send();
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.text("code");
    }

    private UUID customer(Api.Tenant tenant, String name) {
        var created =
                api.post("/api/customers").as(tenant).body(Map.of("name", name)).send();
        assertThat(created.status()).isEqualTo(201);
        return created.id();
    }

    private UUID product(Api.Tenant tenant, String sku) {
        var created = api.post("/api/products/templates")
                .as(tenant)
                .body(Map.of("sku", sku, "name", "Product " + sku, "base_price", new BigDecimal("12.50")))
                .send();
        assertThat(created.status()).isEqualTo(201);
        return created.id();
    }

    private PageSession signedIn(String email) throws Exception {
        return PageSession.signIn(port, email);
    }
}
