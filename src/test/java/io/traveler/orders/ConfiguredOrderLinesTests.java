package io.traveler.orders;

import static io.traveler.orders.OrderFixtures.created;
import static io.traveler.orders.OrderFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.configurator.internal.BomGeneration;
import io.traveler.configurator.internal.ConfigurationRule;
import io.traveler.configurator.internal.ConfigurationService;
import io.traveler.configurator.internal.OptionService;
import io.traveler.configurator.internal.ProductOption;
import io.traveler.configurator.internal.RuleService;
import io.traveler.shared.errors.ForbiddenException;
import io.traveler.shared.jpa.ExpectedVersion;
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
import tools.jackson.databind.JsonNode;

/**
 * An order of configurable products: the CONFIGURATION gate (409 listing every line not configured, not valid or
 * without the BOM of its current values), line prices from the configuration unless overridden with
 * orders:override_price, and projects that pin the line's generated BOM.
 */
@ApplicationTest
class ConfiguredOrderLinesTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    OptionService options;

    @Autowired
    RuleService rules;

    @Autowired
    ConfigurationService configurations;

    @Autowired
    BomGeneration generation;

    Api api;
    OrderFixtures fixtures;
    Tenants tenants;
    Tenants.Member admin;
    Api.Tenant factory;
    UUID desk;
    UUID chair;
    UUID order;
    List<UUID> lines;

    /** A configurable desk (100 + 2 per cm of width, width 50..200) and a plain chair, on one order in CONFIGURATION. */
    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new OrderFixtures(api);
        tenants = Tenants.in(context);
        admin = tenants.organization("FACTORY");
        factory = tenants.signedIn(admin);
        desk = fixtures.product(factory, "DESK", "100");
        chair = fixtures.product(factory, "CHAIR", "40");
        admin.run(() -> {
            options.create(
                    desk,
                    "width",
                    new ProductOption.Definition(
                            "Width",
                            ProductOption.Type.NUMBER,
                            new BigDecimal("50"),
                            new BigDecimal("200"),
                            BigDecimal.ONE,
                            "cm",
                            "[]",
                            null,
                            null,
                            null,
                            0,
                            null,
                            true,
                            null));
            rules.create(new RuleService.RuleRequest(
                    desk,
                    null,
                    "By width",
                    null,
                    ConfigurationRule.Type.PRICING,
                    10,
                    "true",
                    "[{\"price_add\": \"values.width * 2\"}]",
                    true,
                    null));
        });
        UUID customer = fixtures.customer(factory, "Harbour Store");
        order = created(api.post("/api/orders")
                .as(factory)
                .body(Map.of(
                        "customer_id",
                        customer,
                        "lines",
                        List.of(line(desk, "2", null), line(chair, "3", null), line(desk, "1", null))))
                .send());
        assertThat(move("CONFIGURATION").status()).isEqualTo(200);
        lines = List.of(lineId(0), lineId(1), lineId(2));
    }

    @Test
    void theOrderLeavesConfigurationOnlyWhenEveryConfigurableLineHasAValidConfigurationWithItsBom() {
        var refused = move("APPROVAL");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail"))
                .contains("line 1 DESK: not configured")
                .contains("line 3 DESK: not configured")
                .doesNotContain("CHAIR");
        assertThat(refused.json().path("errors"))
                .extracting(e -> e.path("field").asString())
                .containsExactly("lines[0]", "lines[2]");

        UUID first = admin.call(() ->
                configurations.create(desk, lines.get(0), Map.of("width", 500L)).id());
        UUID third = admin.call(() ->
                configurations.create(desk, lines.get(2), Map.of("width", 80L)).id());
        assertThat(move("APPROVAL").text("detail"))
                .contains("line 1 DESK: configuration not valid")
                .contains("line 3 DESK: BOM not generated");

        admin.run(() -> configurations.change(first, ExpectedVersion.none(), Map.of("width", 120L)));
        admin.run(() -> generation.generate(first));
        admin.run(() -> generation.generate(third));
        admin.run(() -> configurations.change(third, ExpectedVersion.none(), Map.of("width", 90L)));
        assertThat(move("APPROVAL").text("detail"))
                .as("values changed after generation: the BOM is no longer theirs")
                .contains("line 3 DESK: BOM not generated")
                .doesNotContain("line 1");
        var targets =
                api.get("/api/orders/" + order + "/targets").as(factory).send().json();
        assertThat(targets.toString()).contains("line 3 DESK: BOM not generated");

        admin.run(() -> generation.generate(third));
        assertThat(move("APPROVAL").status()).isEqualTo(200);
        assertThat(move("CONFIGURATION").status())
                .as("going back is never held up")
                .isEqualTo(200);
    }

    @Test
    void aConfiguredLineTakesItsConfigurationsPriceAndTheTotalsFollowUntilItsPriceIsOverridden() {
        UUID config = admin.call(() ->
                configurations.create(desk, lines.get(0), Map.of("width", 120L)).id());
        JsonNode line = lineJson(0);
        assertThat(line.path("unit_price").decimalValue()).isEqualByComparingTo("340");
        assertThat(line.path("line_total").decimalValue()).isEqualByComparingTo("680");
        assertThat(line.path("configuration_id").asString()).isEqualTo(config.toString());
        assertThat(orderJson().path("subtotal").decimalValue())
                .as("340 × 2 + 40 × 3 + 100 × 1")
                .isEqualByComparingTo("900");

        var seller = tenants.signedIn(tenants.memberWith(admin, "orders:read", "orders:write"));
        assertThat(changePrice(seller, 0, "300").status())
                .as("a configured product's price is set by hand only with orders:override_price")
                .isEqualTo(403);
        assertThat(changePrice(seller, 1, "35").status())
                .as("a plain product's price stays the seller's")
                .isEqualTo(200);
        assertThat(api.post("/api/orders/" + order + "/lines")
                        .as(seller)
                        .body(line(desk, "1", "10"))
                        .send()
                        .status())
                .as("nor on a new line")
                .isEqualTo(403);

        var manager =
                tenants.signedIn(tenants.memberWith(admin, "orders:read", "orders:write", "orders:override_price"));
        var overridden = changePrice(manager, 0, "300");
        assertThat(overridden.status()).isEqualTo(200);
        assertThat(overridden.json().path("price_overridden").asBoolean()).isTrue();

        admin.run(() -> configurations.change(config, ExpectedVersion.none(), Map.of("width", 150L)));
        assertThat(lineJson(0).path("unit_price").decimalValue())
                .as("the configuration's later prices leave an overridden line alone")
                .isEqualByComparingTo("300");
        assertThat(orderJson().path("subtotal").decimalValue())
                .as("300 × 2 + 35 × 3 + 100 × 1")
                .isEqualByComparingTo("805");
    }

    @Test
    void aProjectOfAConfiguredLinePinsItsGeneratedBom() {
        UUID config = admin.call(() ->
                configurations.create(desk, lines.get(0), Map.of("width", 120L)).id());
        UUID bom = admin.call(() -> generation.generate(config).bomId());
        assertThat(lineJson(0).path("bom_id").asString()).isEqualTo(bom.toString());
        long version = orderJson().path("version").asLong();
        assertThat(version).as("the order's version moves with its lines").isPositive();
        assertThat(admin.call(() -> generation.generate(config).bomId()))
                .as("asked again: the same BOM")
                .isEqualTo(bom);
        assertThat(orderJson().path("version").asLong())
                .as("and the order is not written again")
                .isEqualTo(version);
        UUID station = created(api.post("/api/stations")
                .as(factory)
                .body(Map.of("name", "Bench"))
                .send());
        UUID workflow = created(api.post("/api/workflows/")
                .as(factory)
                .body(Map.of(
                        "name",
                        "Desk",
                        "stages",
                        List.of(Map.of("name", "Build", "station_id", station, "expected_minutes", 60))))
                .send());

        var projects = api.post("/api/projects/from-order")
                .as(factory)
                .body(Map.of("order_id", order, "one_per_line", true, "workflow_id", workflow))
                .send();

        assertThat(projects.status()).as(projects.toString()).isIn(200, 201);
        JsonNode items = projects.json().path("items");
        assertThat(items.get(0).path("bom_id").asString()).isEqualTo(bom.toString());
        assertThat(items.get(1).path("bom_id").isNull())
                .as("the chair has no BOM at all")
                .isTrue();
    }

    @Test
    void configuringAnOrderLineNeedsOrdersWriteAndShowingItOrdersRead() throws Exception {
        var designer = tenants.memberWith(admin, "configurator:read", "configurator:configure", "configurator:manage");
        var reader = tenants.memberWith(admin, "configurator:read", "configurator:configure", "orders:read");
        for (var member : List.of(designer, reader)) {
            assertThatThrownBy(() -> member.call(() -> configurations.create(desk, lines.get(0), Map.of("width", 60L))))
                    .as("without orders:write a configuration reprices no line")
                    .isInstanceOf(ForbiddenException.class)
                    .hasMessageContaining("orders:write");
        }
        assertThat(lineJson(0).path("configuration_id").isNull()).isTrue();
        assertThat(lineJson(0).path("unit_price").decimalValue()).isEqualByComparingTo("100");

        UUID config = admin.call(() ->
                configurations.create(desk, lines.get(0), Map.of("width", 120L)).id());
        assertThatThrownBy(() ->
                        designer.run(() -> configurations.change(config, ExpectedVersion.none(), Map.of("width", 50L))))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> reader.run(() -> generation.generate(config))).isInstanceOf(ForbiddenException.class);
        assertThat(admin.call(() -> configurations.configuration(config)))
                .satisfies(c -> assertThat(c.revision()).isEqualTo(1))
                .satisfies(c -> assertThat(c.bomId()).isNull());
        assertThat(lineJson(0).path("unit_price").decimalValue())
                .as("the refused change wrote nothing")
                .isEqualByComparingTo("340");

        var designerApi = tenants.signedIn(designer);
        assertThat(api.get("/api/configurations?order_line_id=" + lines.get(0))
                        .as(designerApi)
                        .send()
                        .status())
                .as("an order line's configurations show its price: orders:read")
                .isEqualTo(403);
        assertThat(api.get("/api/configurations?order_line_id=" + lines.get(0))
                        .as(tenants.signedIn(reader))
                        .send()
                        .json()
                        .path("items"))
                .hasSize(1);
        var page = io.traveler.testing.PageSession.signIn(port, designer.email());
        assertThat(page.get("/app/orders/" + order + "/lines/" + lines.get(0) + "/configure")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aConfigurationWhoseLineIsGoneIsDetachedWhenChangedOrGenerated() {
        UUID config = admin.call(() ->
                configurations.create(desk, lines.get(2), Map.of("width", 80L)).id());
        UUID other = admin.call(() ->
                configurations.create(desk, lines.get(0), Map.of("width", 80L)).id());
        assertThat(api.delete("/api/orders/" + order + "/lines/" + lines.get(2))
                        .as(factory)
                        .header("If-Match", "\"" + lineJson(2).path("version").asLong() + "\"")
                        .send()
                        .status())
                .isIn(200, 204);
        assertThat(api.delete("/api/orders/" + order + "/lines/" + lines.get(0))
                        .as(factory)
                        .header("If-Match", "\"" + lineJson(0).path("version").asLong() + "\"")
                        .send()
                        .status())
                .isIn(200, 204);

        var changed = admin.call(() -> configurations.change(config, ExpectedVersion.none(), Map.of("width", 90L)));
        assertThat(changed.orderLineId()).isNull();
        assertThat(changed.revision()).isEqualTo(2);

        var generated = admin.call(() -> generation.generate(other));
        assertThat(generated.bomId()).isNotNull();
        assertThat(admin.call(() -> configurations.configuration(other).orderLineId()))
                .isNull();
    }

    @Test
    void anAcceptedQuotesPriceOfAConfigurableProductIsAgreedWithoutOverridePermission() {
        UUID customer = fixtures.customer(factory, "Quay Store");
        var quote = api.post("/api/quotes")
                .as(factory)
                .body(Map.of(
                        "customer_id",
                        customer,
                        "lines",
                        List.of(Map.of("product_id", desk, "quantity", 1, "unit_price", "275"))))
                .send();
        assertThat(quote.status()).as(quote.toString()).isEqualTo(201);
        assertThat(api.post("/api/quotes/" + quote.id() + "/send")
                        .as(factory)
                        .send()
                        .status())
                .isEqualTo(200);
        var seller = tenants.signedIn(
                tenants.memberWith(admin, "orders:read", "orders:write", "quotes:read", "quotes:write"));

        var placed =
                api.post("/api/quotes/" + quote.id() + "/accept").as(seller).send();

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonNode line = placed.json().path("lines").get(0);
        assertThat(line.path("unit_price").decimalValue()).isEqualByComparingTo("275");
        assertThat(line.path("price_overridden").asBoolean())
                .as("the quoted price is the agreed one: the configuration no longer reprices it")
                .isTrue();
    }

    private Api.Response move(String phase) {
        return api.post("/api/orders/" + order + "/transition")
                .as(factory)
                .body(Map.of("to_phase", phase))
                .send();
    }

    private Api.Response changePrice(Api.Tenant who, int index, String price) {
        return api.patch("/api/orders/" + order + "/lines/" + lines.get(index))
                .as(who)
                .header("If-Match", "\"" + lineJson(index).path("version").asLong() + "\"")
                .body(Map.of("unit_price", new BigDecimal(price)))
                .send();
    }

    private JsonNode orderJson() {
        return api.get("/api/orders/" + order).as(factory).send().json();
    }

    private JsonNode lineJson(int index) {
        return orderJson().path("lines").get(index);
    }

    private UUID lineId(int index) {
        return UUID.fromString(lineJson(index).path("id").asString());
    }
}
