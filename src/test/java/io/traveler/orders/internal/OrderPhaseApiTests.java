package io.traveler.orders.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.customers.internal.Customer;
import io.traveler.orders.OrderPhase;
import io.traveler.orders.OrderPhaseChanged;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
import io.traveler.testing.Tenants;
import io.traveler.testing.Tenants.Member;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The phase API as its callers use it: the factory, the brand of a purchase order and strangers. */
@ApplicationTest
class OrderPhaseApiTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    PhaseTransitions transitions;

    @Autowired
    TransactionTemplate transactions;

    Api api;
    Tenants tenants;
    TransitionFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        tenants = Tenants.in(context);
        fixtures = TransitionFixtures.of(context);
    }

    @Test
    void aLegalMoveAnswersTheNewPhaseAndAnIllegalOneIs409NamingTheAllowedPhases() {
        Member factory = tenants.organization("FACTORY");
        var admin = tenants.signedIn(factory);
        Order order = fixtures.customerOrder(factory, fixtures.customer(factory, null, null), BigDecimal.TEN);

        var moved = transition(admin, order.id(), "CONFIGURATION", "specifications received");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.text("phase")).isEqualTo("CONFIGURATION");
        assertThat(moved.header("ETag"))
                .isEqualTo("\"" + moved.json().path("version").asLong() + "\"");

        var illegal = transition(admin, order.id(), "DELIVERED", null);
        assertThat(illegal.status()).as(illegal.toString()).isEqualTo(409);
        assertThat(illegal.text("detail")).contains("CONFIGURATION", "DELIVERED", "APPROVAL", "DRAFT", "ON_HOLD");
        assertThat(illegal.json().path("errors").get(0).path("field").asString())
                .isEqualTo("to_phase");
        assertThat(illegal.json().path("errors").get(0).path("message").asString())
                .isEqualTo("allowed phases: DRAFT, APPROVAL, ON_HOLD, CANCELLED");

        var stale = api.post("/api/orders/" + order.id() + "/transition")
                .as(admin)
                .ifMatch("\"0\"")
                .body(Map.of("to_phase", "APPROVAL"))
                .send();
        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);

        JsonNode history = api.get("/api/orders/" + order.id() + "/history")
                .as(admin)
                .send()
                .json()
                .path("items");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("from_phase").isNull()).isTrue();
        assertThat(history.get(0).path("to_phase").asString()).isEqualTo("DRAFT");
        assertThat(history.get(0).path("time_in_phase").isNull()).isTrue();
        JsonNode change = history.get(1);
        assertThat(change.path("from_phase").asString()).isEqualTo("DRAFT");
        assertThat(change.path("to_phase").asString()).isEqualTo("CONFIGURATION");
        assertThat(change.path("actor_id").asString())
                .isEqualTo(factory.userId().toString());
        assertThat(change.path("reason").asString()).isEqualTo("specifications received");
        assertThat(change.path("at").asString()).isNotBlank();
        assertThat(change.path("time_in_phase").decimalValue()).isNotNegative();
    }

    @Test
    void anOrderOnHoldResumesOnlyToThePhaseItLeft() {
        Member factory = tenants.organization("FACTORY");
        var admin = tenants.signedIn(factory);
        Order order = fixtures.customerOrderIn(
                transitions, factory, fixtures.customer(factory, null, null), BigDecimal.ONE, OrderPhase.APPROVAL);

        assertThat(transition(admin, order.id(), "ON_HOLD", "waiting for fabric")
                        .text("held_from_phase"))
                .isEqualTo("APPROVAL");
        var targets = api.get("/api/orders/" + order.id() + "/targets")
                .as(admin)
                .send()
                .json()
                .path("items");
        List<String> allowed = new ArrayList<>();
        targets.forEach(t -> {
            if (t.path("allowed").asBoolean()) {
                allowed.add(t.path("phase").asString());
            } else {
                assertThat(t.path("refusal").asString()).isNotBlank();
            }
        });
        assertThat(allowed).containsExactlyInAnyOrder("APPROVAL", "CANCELLED");
        assertThat(transition(admin, order.id(), "PRODUCTION", null).status()).isEqualTo(409);
        var resumed = transition(admin, order.id(), "APPROVAL", "fabric arrived");
        assertThat(resumed.text("phase")).isEqualTo("APPROVAL");
        assertThat(resumed.text("held_from_phase")).isNull();
    }

    @Test
    void ofParallelMovesOfOneOrderExactlyOneWins() {
        Member factory = tenants.organization("FACTORY");
        var admin = tenants.signedIn(factory);
        Order order = fixtures.customerOrderIn(
                transitions, factory, fixtures.customer(factory, null, null), BigDecimal.ONE, OrderPhase.CONFIGURATION);
        List<String> targets = List.of("APPROVAL", "DRAFT", "ON_HOLD", "CANCELLED");

        // the same read version: the row lock orders them, the version check refuses all but the first (412)
        var sameVersion = Parallel.run(8, i -> api.post("/api/orders/" + order.id() + "/transition")
                .as(admin)
                .ifMatch("\"" + order.version() + "\"")
                .body(Map.of("to_phase", targets.get(i % targets.size())))
                .send()
                .status());
        assertThat(sameVersion).containsOnly(200, 412);
        assertThat(Collections.frequency(sameVersion, 200))
                .as(sameVersion.toString())
                .isEqualTo(1);

        Order second = fixtures.customerOrderIn(
                transitions, factory, fixtures.customer(factory, null, null), BigDecimal.ONE, OrderPhase.CONFIGURATION);
        // no version named: the second, once it holds the lock, finds the order moved already (409)
        var blind = Parallel.run(
                2, i -> transition(admin, second.id(), "APPROVAL", null).status());
        assertThat(blind).containsExactlyInAnyOrder(200, 409);

        for (Order o : List.of(order, second)) {
            assertThat(factory.call(() -> transitions.history(o.id()))).hasSize(3);
        }
    }

    @Test
    void theFactoryAloneAcceptsOrRejectsAPurchaseOrderAndItsBrandReadsTheHistory() {
        Member factory = tenants.organization("FACTORY");
        Member brand = tenants.organization("BRAND");
        var factoryAdmin = tenants.signedIn(factory);
        var brandAdmin = tenants.signedIn(brand);
        var stranger = tenants.signedIn("FACTORY");
        fixtures.partners(brand, factory);
        Order po = fixtures.purchaseOrder(brand, factory);
        String path = "/api/orders/" + po.id();

        assertThat(api.post(path + "/accept").as(brandAdmin).send().status()).isEqualTo(403);
        assertThat(api.post(path + "/accept").as(stranger).send().status()).isEqualTo(404);
        assertThat(transition(brandAdmin, po.id(), "CONFIGURATION", null).status())
                .isEqualTo(403);
        assertThat(transition(stranger, po.id(), "CONFIGURATION", null).status())
                .isEqualTo(404);
        var bypass = transition(factoryAdmin, po.id(), "CONFIGURATION", null);
        assertThat(bypass.status()).isEqualTo(409);
        assertThat(bypass.text("detail")).contains("accepts or rejects");

        var accepted = api.post(path + "/accept")
                .as(factoryAdmin)
                .body(Map.of("reason", "capacity in week 12"))
                .send();
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.text("phase")).isEqualTo("CONFIGURATION");
        assertThat(api.post(path + "/accept").as(factoryAdmin).send().status()).isEqualTo(409);
        assertThat(api.post(path + "/cancel").as(brandAdmin).send().status())
                .as("the brand cancels only a DRAFT")
                .isEqualTo(409);
        assertThat(transition(factoryAdmin, po.id(), "DRAFT", null).status())
                .as("an accepted purchase order never goes back to the brand's DRAFT")
                .isEqualTo(409);

        JsonNode history =
                api.get(path + "/history").as(brandAdmin).send().json().path("items");
        assertThat(history).hasSize(2);
        assertThat(history.get(1).path("to_phase").asString()).isEqualTo("CONFIGURATION");
        assertThat(history.get(1).path("actor_id").asString())
                .isEqualTo(factory.userId().toString());
        assertThat(api.get(path + "/history").as(stranger).send().status()).isEqualTo(404);

        Order rejected = fixtures.purchaseOrder(brand, factory);
        String rejectPath = "/api/orders/" + rejected.id() + "/reject";
        var noReason = api.post(rejectPath).as(factoryAdmin).body(Map.of()).send();
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().path("errors").get(0).path("field").asString())
                .isEqualTo("reason");
        assertThat(api.post(rejectPath)
                        .as(brandAdmin)
                        .body(Map.of("reason", "mine"))
                        .send()
                        .status())
                .isEqualTo(403);
        var refused = api.post(rejectPath)
                .as(factoryAdmin)
                .body(Map.of("reason", "no capacity"))
                .send();
        assertThat(refused.text("phase")).isEqualTo("CANCELLED");
        assertThat(refused.text("rejection_reason")).isEqualTo("no capacity");

        Order withdrawn = fixtures.purchaseOrder(brand, factory);
        var cancelled = api.post("/api/orders/" + withdrawn.id() + "/cancel")
                .as(brandAdmin)
                .body(Map.of("reason", "ordered twice"))
                .send();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.text("phase")).isEqualTo("CANCELLED");
        JsonNode cancellation = api.get("/api/orders/" + withdrawn.id() + "/history")
                .as(factoryAdmin)
                .send()
                .json()
                .path("items")
                .get(1);
        assertThat(cancellation.path("actor_id").asString())
                .isEqualTo(brand.userId().toString());
        assertThat(api.post("/api/orders/" + withdrawn.id() + "/cancel")
                        .as(stranger)
                        .send()
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aBlockedOrOverLimitCustomerPassesApprovalOnlyWithTheOverride() {
        Member factory = tenants.organization("FACTORY");
        var seller = tenants.signedIn(tenants.memberWith(factory, "orders:read", "orders:transition"));
        var finance = tenants.signedIn(
                tenants.memberWith(factory, "orders:read", "orders:transition", "orders:override_credit"));

        UUID blocked = fixtures.customer(factory, Customer.Status.BLOCKED, null);
        Order ofBlocked = fixtures.customerOrderIn(transitions, factory, blocked, BigDecimal.ONE, OrderPhase.APPROVAL);
        var refused = transition(seller, ofBlocked.id(), "PRODUCTION", null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.text("detail")).contains("BLOCKED", "orders:override_credit");
        assertThat(transition(finance, ofBlocked.id(), "PRODUCTION", "paid in advance")
                        .status())
                .isEqualTo(200);

        UUID limited = fixtures.customer(factory, Customer.Status.ACTIVE, new BigDecimal("1000"));
        fixtures.customerOrderIn(transitions, factory, limited, new BigDecimal("700"), OrderPhase.CONFIGURATION);
        fixtures.customerOrder(factory, limited, new BigDecimal("5000")); // a DRAFT is not owed yet
        Order over = fixtures.customerOrderIn(
                transitions, factory, limited, new BigDecimal("300.0001"), OrderPhase.APPROVAL);
        var overLimit = transition(seller, over.id(), "PRODUCTION", null);
        assertThat(overLimit.status()).as(overLimit.toString()).isEqualTo(403);
        assertThat(overLimit.text("detail")).contains("1000.0001", "1000");

        UUID roomy = fixtures.customer(factory, Customer.Status.ACTIVE, new BigDecimal("1000"));
        fixtures.customerOrderIn(transitions, factory, roomy, new BigDecimal("700"), OrderPhase.CONFIGURATION);
        fixtures.customerOrder(factory, roomy, new BigDecimal("5000"));
        Order within =
                fixtures.customerOrderIn(transitions, factory, roomy, new BigDecimal("300"), OrderPhase.APPROVAL);
        assertThat(transition(seller, within.id(), "PRODUCTION", null).status()).isEqualTo(200);
    }

    @Test
    void theOrganizationsRulesTightenTheTableAndCannotWidenIt() {
        Member factory = tenants.organization("FACTORY");
        var admin = tenants.signedIn(factory);
        var seller = tenants.signedIn(tenants.memberWith(factory, "orders:read", "orders:transition"));
        UUID customer = fixtures.customer(factory, null, null);
        Order configuring =
                fixtures.customerOrderIn(transitions, factory, customer, BigDecimal.ONE, OrderPhase.CONFIGURATION);
        Order approving = fixtures.customerOrderIn(transitions, factory, customer, BigDecimal.ONE, OrderPhase.APPROVAL);

        var current = api.get("/api/orders/phase-rules").as(admin).send();
        assertThat(current.json().path("rules")).isEmpty();
        var rules = Map.of(
                "rules",
                List.of(
                        Map.of("from_phase", "CONFIGURATION", "to_phase", "APPROVAL", "disabled", true),
                        Map.of(
                                "from_phase",
                                "APPROVAL",
                                "to_phase",
                                "PRODUCTION",
                                "required_permission",
                                "orders:configure")));
        assertThat(api.request("PUT", "/api/orders/phase-rules")
                        .as(admin)
                        .body(rules)
                        .send()
                        .status())
                .isEqualTo(428);
        var saved = api.request("PUT", "/api/orders/phase-rules")
                .as(admin)
                .ifMatch(current.header("ETag"))
                .body(rules)
                .send();
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().path("rules")).hasSize(2);
        assertThat(api.request("PUT", "/api/orders/phase-rules")
                        .as(admin)
                        .ifMatch(current.header("ETag"))
                        .body(Map.of("rules", List.of()))
                        .send()
                        .status())
                .isEqualTo(412);

        var widening = api.request("PUT", "/api/orders/phase-rules")
                .as(admin)
                .ifMatch("*")
                .body(Map.of(
                        "rules",
                        List.of(Map.of(
                                "from_phase", "DRAFT", "to_phase", "DELIVERED", "required_permission", "orders:read"))))
                .send();
        assertThat(widening.status()).isEqualTo(422);
        assertThat(widening.json().path("errors").get(0).path("field").asString())
                .isEqualTo("rules[0]");
        var unknown = api.request("PUT", "/api/orders/phase-rules")
                .as(admin)
                .ifMatch("*")
                .body(Map.of(
                        "rules",
                        List.of(Map.of(
                                "from_phase", "DRAFT", "to_phase", "CONFIGURATION", "required_permission", "x:y"))))
                .send();
        assertThat(unknown.status()).isEqualTo(422);

        var disabled = transition(admin, configuring.id(), "APPROVAL", null);
        assertThat(disabled.status()).isEqualTo(409);
        assertThat(disabled.json().path("errors").get(0).path("message").asString())
                .isEqualTo("allowed phases: DRAFT, ON_HOLD, CANCELLED");
        var reserved = transition(seller, approving.id(), "PRODUCTION", null);
        assertThat(reserved.status()).as(reserved.toString()).isEqualTo(403);
        assertThat(reserved.text("detail")).contains("orders:configure");
        assertThat(transition(admin, approving.id(), "PRODUCTION", null).status())
                .isEqualTo(200);

        var otherOrganization = tenants.signedIn("FACTORY");
        assertThat(api.get("/api/orders/phase-rules")
                        .as(otherOrganization)
                        .send()
                        .json()
                        .path("rules"))
                .isEmpty();
    }

    @Test
    void aMoveIsPublishedWhenItCommitsAndNotAtAllWhenItRollsBack() {
        Member factory = tenants.organization("FACTORY");
        Order kept = fixtures.customerOrder(factory, fixtures.customer(factory, null, null), BigDecimal.ONE);
        Order undone = fixtures.customerOrder(factory, fixtures.customer(factory, null, null), BigDecimal.ONE);
        List<OrderPhaseChanged> committed = Collections.synchronizedList(new ArrayList<>());
        ApplicationListener<ApplicationEvent> listener = published -> {
            if (published instanceof PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof OrderPhaseChanged event
                    && (event.orderId().equals(kept.id()) || event.orderId().equals(undone.id()))) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        committed.add(event);
                    }
                });
            }
        };
        var configurable = (ConfigurableApplicationContext) context;
        configurable.addApplicationListener(listener);
        try {
            factory.run(() -> transactions.executeWithoutResult(tx -> transitions.transition(
                    kept.id(), OrderPhase.CONFIGURATION, "go", ExpectedVersion.of(kept.version()))));
            factory.run(() -> transactions.executeWithoutResult(tx -> {
                transitions.transition(undone.id(), OrderPhase.CONFIGURATION, "go", ExpectedVersion.none());
                tx.setRollbackOnly();
            }));
        } finally {
            configurable.removeApplicationListener(listener);
        }

        assertThat(committed).hasSize(1);
        OrderPhaseChanged event = committed.getFirst();
        assertThat(event.orderId()).isEqualTo(kept.id());
        assertThat(event.orgId()).isEqualTo(factory.orgId());
        assertThat(event.from()).isEqualTo(OrderPhase.DRAFT);
        assertThat(event.to()).isEqualTo(OrderPhase.CONFIGURATION);
        assertThat(event.actorId()).isEqualTo(factory.userId());
        assertThat(event.timeInPhase()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
        assertThat(factory.call(() -> transitions.history(undone.id()))).hasSize(1);
        assertThat(factory.call(() -> transitions.history(kept.id()))).hasSize(2);
    }

    private Api.Response transition(Api.Tenant caller, UUID orderId, String to, String reason) {
        Map<String, Object> body = reason == null ? Map.of("to_phase", to) : Map.of("to_phase", to, "reason", reason);
        return api.post("/api/orders/" + orderId + "/transition")
                .as(caller)
                .body(body)
                .send();
    }
}
