package io.traveler.orders;

import static io.traveler.orders.OrderFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.orders.internal.Orders;
import io.traveler.orders.internal.PhaseChanges;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** A factory's orders for its customers as a client sees them: the contract, totals, lines, lists and tenants. */
@ApplicationTest
class OrderApiTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    PhaseChanges history;

    @Autowired
    Orders orders;

    @Autowired
    TransactionTemplate transactions;

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

    private Api.Response place(Api.Tenant as, Map<String, Object> body) {
        return api.post("/api/orders/").as(as).body(body).send();
    }

    private Map<String, Object> order(UUID customerId, Map<String, Object>... lines) {
        return new HashMap<>(Map.of("customer_id", customerId, "priority", "HIGH", "lines", List.of(lines)));
    }

    private static List<String> fieldsOf(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    @Test
    void anOrderIsPlacedAsADraftWithTheServersTotalsWhateverTheClientSends() {
        UUID table = fixtures.product(factory, "TABLE", "300");
        var tamperedLine = line(chair, "3", "99.99");
        tamperedLine.put("line_total", 1);
        var body = order(customer, tamperedLine, line(table, "1.5", null));
        body.put("total", 1);
        body.put("subtotal", 1);
        body.put("discount", new BigDecimal("10"));
        body.put("shipping", new BigDecimal("25.5"));
        body.put("internal_notes", "Ask for the loading dock");

        var placed = place(factory, body);

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.header("Location")).isEqualTo("/api/orders/" + placed.id());
        assertThat(placed.header("ETag")).isNotBlank();
        assertThat(placed.text("code")).matches("ORD-\\d{4}-\\d{6}");
        assertThat(placed.text("phase")).isEqualTo("DRAFT");
        assertThat(placed.text("priority")).isEqualTo("HIGH");
        assertThat(placed.text("party_name")).isEqualTo("Harbour Store");
        var lines = placed.json().path("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("sku").asString()).isEqualTo("CHAIR");
        assertThat(lines.get(0).path("line_total").decimalValue()).isEqualByComparingTo("299.97");
        assertThat(lines.get(1).path("unit_price").decimalValue())
                .as("no unit price sent: the catalog's list price")
                .isEqualByComparingTo("300");
        assertThat(lines.get(1).path("line_no").asInt()).isEqualTo(2);
        assertThat(placed.json().path("subtotal").decimalValue()).isEqualByComparingTo("749.97");
        assertThat(placed.json().path("total").decimalValue()).isEqualByComparingTo("765.47");
        assertThat(placed.text("internal_notes")).isEqualTo("Ask for the loading dock");

        var read = api.get("/api/orders/" + placed.id()).as(factory).send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo(placed.header("ETag"));
        assertThat(read.json().path("total").decimalValue()).isEqualByComparingTo("765.47");
        assertThat(read.json().has("estimated_cost"))
                .as("the owner's view carries its internals")
                .isTrue();

        var changes = TenantContext.callAs(
                Tenant.user(factory.orgId(), factory.userId()),
                () -> transactions.execute(status -> history.findOfOrder(placed.id(), factory.orgId())));
        assertThat(changes).hasSize(1);
        assertThat(changes.getFirst().fromPhase()).isNull();
        assertThat(changes.getFirst().toPhase()).isEqualTo(OrderPhase.DRAFT);
        assertThat(changes.getFirst().actorId()).isEqualTo(factory.userId());
    }

    @Test
    void bothPathsOfTheCollectionAnswer() {
        var withoutSlash = api.post("/api/orders")
                .as(factory)
                .body(order(customer, line(chair, "1", null)))
                .send();
        assertThat(withoutSlash.status()).as(withoutSlash.toString()).isEqualTo(201);
        var withSlash = place(factory, order(customer, line(chair, "1", null)));
        assertThat(withSlash.status()).isEqualTo(201);
        assertThat(withSlash.text("code")).isNotEqualTo(withoutSlash.text("code"));

        assertThat(api.get("/api/orders").as(factory).send().json().path("items"))
                .hasSize(2);
        assertThat(api.get("/api/orders/").as(factory).send().json().path("items"))
                .hasSize(2);
    }

    @Test
    void aLineWithoutAPriceWhereTheCatalogHasNoneIsRefusedNamingIt() {
        UUID unpriced = fixtures.product(factory, "PROTO", null);

        var refused = place(factory, order(customer, line(chair, "1", null), line(unpriced, "2", null)));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(fieldsOf(refused)).containsExactly("lines[1].unit_price");
        assertThat(place(factory, order(customer, line(unpriced, "2", "5"))).status())
                .isEqualTo(201);
    }

    @Test
    void anUnknownCustomerOrOneOfAnotherTenantIsRefusedWithoutSayingWhich() {
        var stranger = Tenants.in(context).signedIn("FACTORY");
        UUID theirs = fixtures.customer(stranger, "Their customer");

        var unknown = place(factory, order(UUID.randomUUID(), line(chair, "1", null)));
        var foreign = place(factory, order(theirs, line(chair, "1", null)));
        var missing = place(factory, Map.of("lines", List.of(line(chair, "1", null))));

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(fieldsOf(unknown)).containsExactly("customer_id");
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.json().path("errors")).isEqualTo(unknown.json().path("errors"));
        assertThat(fieldsOf(missing)).containsExactly("customer_id");
    }

    @Test
    void aProductOfAnotherTenantIsRefusedNamingTheLine() {
        var stranger = Tenants.in(context).signedIn("FACTORY");
        UUID theirs = fixtures.product(stranger, "SECRET", "10");

        var refused = place(factory, order(customer, line(chair, "1", null), line(theirs, "1", "10")));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(fieldsOf(refused)).containsExactly("lines[1].product_id");
        assertThat(fieldsOf(place(factory, order(customer, line(UUID.randomUUID(), "1", "1")))))
                .containsExactly("lines[0].product_id");
    }

    @Test
    void badNumbersAreRefusedNamingTheField() {
        assertThat(fieldsOf(place(factory, order(customer, line(chair, "0", "1")))))
                .containsExactly("lines[0].quantity");
        assertThat(fieldsOf(place(factory, order(customer, line(chair, "1", "-1")))))
                .containsExactly("lines[0].unit_price");
        assertThat(fieldsOf(place(factory, order(customer, line(chair, "1", "1.00001")))))
                .containsExactly("lines[0].unit_price");
        assertThat(fieldsOf(place(factory, order(customer, line(chair, "1000000001", "1")))))
                .containsExactly("lines[0].quantity");
        var overDiscounted = order(customer, line(chair, "1", "10"));
        overDiscounted.put("discount", 11);
        assertThat(fieldsOf(place(factory, overDiscounted))).containsExactly("discount");
    }

    @Test
    void linesChangeUnderTheirVersionAndTheOrdersTotalsAndVersionFollow() {
        var placed = place(factory, order(customer, line(chair, "2", "100")));
        String path = "/api/orders/" + placed.id();
        String etag = placed.header("ETag");

        var added = api.post(path + "/lines")
                .as(factory)
                .body(line(chair, "1", null))
                .send();
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().path("line_no").asInt()).isEqualTo(2);
        assertThat(added.json().path("unit_price").decimalValue()).isEqualByComparingTo("120.50");
        var afterAdd = api.get(path).as(factory).send();
        assertThat(afterAdd.json().path("total").decimalValue()).isEqualByComparingTo("320.50");
        assertThat(afterAdd.header("ETag")).isNotEqualTo(etag);

        String linePath = path + "/lines/" + added.id();
        var body = Map.<String, Object>of("quantity", 4);
        assertThat(api.patch(linePath).as(factory).body(body).send().status()).isEqualTo(428);
        assertThat(api.patch(linePath)
                        .as(factory)
                        .ifMatch("\"7\"")
                        .body(body)
                        .send()
                        .status())
                .isEqualTo(412);
        var changed = api.patch(linePath)
                .as(factory)
                .ifMatch(added.header("ETag"))
                .body(body)
                .send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("line_total").decimalValue()).isEqualByComparingTo("482");
        var afterChange = api.get(path).as(factory).send();
        assertThat(afterChange.json().path("total").decimalValue()).isEqualByComparingTo("682");
        assertThat(afterChange.header("ETag")).isNotEqualTo(afterAdd.header("ETag"));

        var first = afterChange.json().path("lines").get(0);
        var removed = api.delete(path + "/lines/" + first.path("id").asString())
                .as(factory)
                .ifMatch("\"" + first.path("version").asLong() + "\"")
                .send();
        assertThat(removed.status()).isEqualTo(204);
        var afterRemove = api.get(path + "/").as(factory).send();
        assertThat(afterRemove.json().path("lines")).hasSize(1);
        assertThat(afterRemove.json().path("total").decimalValue()).isEqualByComparingTo("482");
        assertThat(api.get(path + "/lines").as(factory).send().json().path("items"))
                .hasSize(1);
    }

    @Test
    void linesAddedAtOnceGetDistinctNumbersAndTheTotalCountsEachOnce() {
        var placed = place(factory, order(customer));
        String path = "/api/orders/" + placed.id();

        var statuses = Parallel.run(8, i -> api.post(path + "/lines")
                .as(factory)
                .body(line(chair, "1", String.valueOf(i + 1)))
                .send()
                .status());

        assertThat(statuses).containsOnly(201);
        var read = api.get(path).as(factory).send();
        assertThat(read.json().path("lines"))
                .extracting(l -> l.path("line_no").asInt())
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(read.json().path("total").decimalValue()).isEqualByComparingTo("36");
    }

    @Test
    void linesAndChargesChangeOnlyInDraftOrConfigurationAndOnlyADraftIsDeleted() {
        var placed = place(factory, order(customer, line(chair, "1", "100")));
        String path = "/api/orders/" + placed.id();
        String lineId = placed.json().path("lines").get(0).path("id").asString();

        moveTo(placed.id(), OrderPhase.CONFIGURATION);
        assertThat(api.post(path + "/lines")
                        .as(factory)
                        .body(line(chair, "1", "1"))
                        .send()
                        .status())
                .isEqualTo(201);
        moveTo(placed.id(), OrderPhase.APPROVAL);

        assertThat(api.post(path + "/lines")
                        .as(factory)
                        .body(line(chair, "1", "1"))
                        .send()
                        .status())
                .isEqualTo(409);
        assertThat(api.patch(path + "/lines/" + lineId)
                        .as(factory)
                        .ifMatch("*")
                        .body(Map.of("quantity", 3))
                        .send()
                        .status())
                .isEqualTo(409);
        assertThat(api.delete(path + "/lines/" + lineId)
                        .as(factory)
                        .ifMatch("*")
                        .send()
                        .status())
                .isEqualTo(409);
        assertThat(api.patch(path)
                        .as(factory)
                        .ifMatch("*")
                        .body(Map.of("tax", 5))
                        .send()
                        .status())
                .isEqualTo(409);
        assertThat(api.delete(path).as(factory).ifMatch("*").send().status()).isEqualTo(409);
        var reprioritised = api.patch(path)
                .as(factory)
                .ifMatch("*")
                .body(Map.of("priority", "URGENT"))
                .send();
        assertThat(reprioritised.status())
                .as("details other than charges still change")
                .isEqualTo(200);
        assertThat(reprioritised.json().path("total").decimalValue()).isEqualByComparingTo("101");
    }

    /** The phase set directly (the transitions are another helper's); lines and deletion rules read only the phase. */
    private void moveTo(UUID orderId, OrderPhase phase) {
        TenantContext.runAs(
                Tenant.user(factory.orgId(), factory.userId()),
                () -> transactions.executeWithoutResult(status -> {
                    var order = orders.lockOwned(orderId, factory.orgId()).orElseThrow();
                    order.moveTo(phase, java.time.Instant.now(), java.time.LocalDate.now());
                    orders.saveAndFlush(order);
                }));
    }

    @Test
    void detailsAndInternalsChangeUnderTheOrdersEtag() {
        var placed = place(factory, order(customer, line(chair, "1", "100")));
        String path = "/api/orders/" + placed.id();
        Map<String, Object> change = new HashMap<>(Map.of(
                "priority", "URGENT",
                "promised_on", "2026-12-24",
                "special_instructions", "Gift wrap",
                "tax", 23,
                "estimated_cost", 61.5,
                "internal_notes", "Margin is thin"));
        change.put("total", 1);

        assertThat(api.patch(path).as(factory).body(change).send().status()).isEqualTo(428);
        var changed = api.patch(path)
                .as(factory)
                .ifMatch(placed.header("ETag"))
                .body(change)
                .send();

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.text("priority")).isEqualTo("URGENT");
        assertThat(changed.text("promised_on")).isEqualTo("2026-12-24");
        assertThat(changed.json().path("total").decimalValue()).isEqualByComparingTo("123");
        assertThat(changed.json().path("estimated_cost").decimalValue()).isEqualByComparingTo("61.5");
        assertThat(changed.text("internal_notes")).isEqualTo("Margin is thin");

        Map<String, Object> clear = new HashMap<>();
        clear.put("promised_on", null);
        clear.put("internal_notes", null);
        var cleared = api.patch(path)
                .as(factory)
                .ifMatch(changed.header("ETag"))
                .body(clear)
                .send();
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().path("promised_on").isNull()).isTrue();
        assertThat(cleared.json().path("internal_notes").isNull()).isTrue();
        assertThat(cleared.json().path("estimated_cost").decimalValue()).isEqualByComparingTo("61.5");
        assertThat(cleared.text("special_instructions")).isEqualTo("Gift wrap");
    }

    @Test
    void aDraftIsDeletedUnderItsEtag() {
        var placed = place(factory, order(customer, line(chair, "1", "100")));
        String path = "/api/orders/" + placed.id();

        assertThat(api.delete(path).as(factory).send().status()).isEqualTo(428);
        assertThat(api.delete(path)
                        .as(factory)
                        .ifMatch(placed.header("ETag"))
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.get(path).as(factory).send().status()).isEqualTo(404);
    }

    @Test
    void anotherTenantNeitherSeesNorChangesAnOrder() {
        var placed = place(factory, order(customer, line(chair, "1", "100")));
        String path = "/api/orders/" + placed.id();
        var stranger = Tenants.in(context).signedIn("FACTORY");

        assertThat(api.get(path).as(stranger).send().status()).isEqualTo(404);
        assertThat(api.get(path + "/lines").as(stranger).send().status()).isEqualTo(404);
        assertThat(api.patch(path)
                        .as(stranger)
                        .ifMatch(placed.header("ETag"))
                        .body(Map.of("priority", "LOW"))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post(path + "/lines")
                        .as(stranger)
                        .body(line(chair, "1", "1"))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.delete(path).as(stranger).ifMatch("*").send().status()).isEqualTo(404);
        assertThat(api.get("/api/orders?q=" + placed.text("code"))
                        .as(stranger)
                        .send()
                        .json()
                        .path("items"))
                .isEmpty();
        assertThat(api.get(path).as(factory).send().text("priority")).isEqualTo("HIGH");
    }

    @Test
    void theListFiltersSearchesSortsAndPagesWithTheStandardEnvelope() {
        UUID other = fixtures.customer(factory, "Lighthouse Bakery");
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            var body = order(i % 2 == 0 ? customer : other, line(chair, "1", String.valueOf(10 + i)));
            body.put("priority", i == 4 ? "URGENT" : "NORMAL");
            if (i == 3) {
                body.put("special_instructions", "deliver to the harbour warehouse");
            }
            codes.add(place(factory, body).text("code"));
        }

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var page = api.get("/api/orders/?phase=DRAFT&limit=2&sort=-total"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .as(factory)
                    .send();
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().path("items").size()).isLessThanOrEqualTo(2);
            page.json()
                    .path("items")
                    .forEach(item -> paged.add(item.path("code").asString()));
            cursor = page.json().path("next_cursor").isNull()
                    ? null
                    : page.json().path("next_cursor").asString();
        } while (cursor != null);
        assertThat(paged).hasSize(5).containsExactlyInAnyOrderElementsOf(codes);
        var totals =
                api.get("/api/orders?sort=-total").as(factory).send().json().path("items");
        assertThat(totals.get(0).path("total").decimalValue()).isEqualByComparingTo("14");
        assertThat(totals.get(4).path("total").decimalValue()).isEqualByComparingTo("10");

        assertThat(api.get("/api/orders?customer_id=" + other)
                        .as(factory)
                        .send()
                        .json()
                        .path("items"))
                .hasSize(2);
        assertThat(api.get("/api/orders?priority=URGENT")
                        .as(factory)
                        .send()
                        .json()
                        .path("items"))
                .hasSize(1);
        assertThat(api.get("/api/orders?phase=APPROVAL")
                        .as(factory)
                        .send()
                        .json()
                        .path("items"))
                .isEmpty();
        assertThat(api.get("/api/orders?q=lighthouse").as(factory).send().json().path("items"))
                .hasSize(2);
        assertThat(api.get("/api/orders?q=HARBOUR%20warehouse")
                        .as(factory)
                        .send()
                        .json()
                        .path("items"))
                .as("every word, in the party's name or the instructions")
                .hasSize(1);
        assertThat(api.get("/api/orders?q=%25").as(factory).send().json().path("items"))
                .as("a % is a character, not a wildcard")
                .isEmpty();
        String today = placedOn();
        String byDay = "/api/orders?ordered_from=" + today + "&ordered_to=" + today + "&sort=ordered_on&limit=3";
        var firstDays = api.get(byDay).as(factory).send();
        assertThat(firstDays.json().path("items")).hasSize(3);
        var nextDays = api.get(byDay + "&cursor=" + firstDays.text("next_cursor"))
                .as(factory)
                .send();
        assertThat(nextDays.status()).as(nextDays.toString()).isEqualTo(200);
        assertThat(nextDays.json().path("items")).hasSize(2);
        assertThat(api.get("/api/orders?ordered_from="
                                + java.time.LocalDate.parse(today).plusDays(1))
                        .as(factory)
                        .send()
                        .json()
                        .path("items"))
                .isEmpty();
        assertThat(api.get("/api/orders?sort=colour").as(factory).send().status())
                .isEqualTo(422);
        assertThat(api.get("/api/orders?phase=NOWHERE").as(factory).send().status())
                .as("a value no parameter of this type holds is malformed, as everywhere")
                .isEqualTo(400);
    }

    private String placedOn() {
        return api.get("/api/orders?limit=1")
                .as(factory)
                .send()
                .json()
                .path("items")
                .get(0)
                .path("ordered_on")
                .asString();
    }
}
