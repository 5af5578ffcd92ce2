package io.traveler.configurator.internal;

import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.catalog.Catalog;
import io.traveler.configurator.DemoLineToConfigure;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo factory's configurable sink (the seed's SINK-CUSTOM, made by the catalog's demo): its options (length,
 * basin count and type, lifter, lights) and rules of every type, through the same services as the API; and, when
 * the orders' demo places a line of it, that line's configuration and generated BOM. Each step waits (with a
 * deadline) for what another demo loader is still writing, and is skipped when already done.
 */
@Component
class DemoConfigurator {
    private static final Logger log = LoggerFactory.getLogger(DemoConfigurator.class);
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    static final String SINK = "SINK-CUSTOM";

    /** The values the demo order's sink is configured with: valid, with a lifter and lights. */
    static final Map<String, Object> DEMO_VALUES = demoValues();

    private final OptionService options;
    private final RuleService rules;
    private final ConfigurationService configurations;
    private final BomGeneration generation;
    private final Configurations saved;
    private final Catalog catalog;
    private final TransactionTemplate transactions;

    DemoConfigurator(
            OptionService options,
            RuleService rules,
            ConfigurationService configurations,
            BomGeneration generation,
            Configurations saved,
            Catalog catalog,
            TransactionTemplate transactions) {
        this.options = options;
        this.rules = rules;
        this.configurations = configurations;
        this.generation = generation;
        this.saved = saved;
        this.catalog = catalog;
        this.transactions = transactions;
    }

    @Async
    @TransactionalEventListener
    void load(DemoOrganizationsLoaded demo) {
        var factory = Tenant.user(demo.factoryOrgId(), demo.factoryAdminId());
        try {
            var sink = await(factory, () -> catalog.sellableBySku(SINK));
            var liftKit = await(factory, () -> catalog.partByNumber("LIFT-KIT"));
            var ledStrip = await(factory, () -> catalog.partByNumber("LED-STRIP"));
            if (sink.isEmpty() || liftKit.isEmpty() || ledStrip.isEmpty()) {
                log.warn("Demo configurator skipped: the sink did not appear in the catalog in {}", PATIENCE);
                return;
            }
            TenantContext.runAs(
                    factory,
                    () -> transactions.executeWithoutResult(s -> {
                        UUID product = sink.get().productId();
                        if (options.options(product).isEmpty()) {
                            furnish(product, liftKit.get().id(), ledStrip.get().id());
                        }
                    }));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Configures the demo order's line with {@link #DEMO_VALUES} and generates its BOM, once its rules exist. */
    @Async
    @TransactionalEventListener
    void configure(DemoLineToConfigure line) {
        var tenant = Tenant.user(line.orgId(), line.actorId());
        try {
            var ready = await(
                    tenant,
                    () -> rules.rulesOf(line.productId()).size() >= RULES
                            ? Optional.of(true)
                            : Optional.<Boolean>empty());
            if (ready.isEmpty()) {
                log.warn("Demo configuration skipped: the sink's rules did not appear in {}", PATIENCE);
                return;
            }
            // as the organization itself: configuring a line needs orders:write, which a user outside a request
            // does not hold; the demo's rights were decided when the organization was loaded
            TenantContext.runAs(
                    Tenant.system(line.orgId()),
                    () -> transactions.executeWithoutResult(s -> {
                        if (saved.findByOrderLineId(line.orderLineId()).isPresent()) {
                            return;
                        }
                        Configuration made = configurations.create(line.productId(), line.orderLineId(), DEMO_VALUES);
                        generation.generate(made.id());
                    }));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many rules {@link #furnish} writes: the configuration waits for all of them. */
    static final int RULES = 8;

    private void furnish(UUID sink, UUID liftKit, UUID ledStrip) {
        option(
                sink,
                "length",
                "Length",
                ProductOption.Type.NUMBER,
                "24",
                "120",
                "1",
                "in",
                "[]",
                "60",
                10,
                "Overall length of the sink top");
        option(sink, "basin_count", "Basins", ProductOption.Type.NUMBER, "1", "3", "1", null, "[]", "1", 20, null);
        option(
                sink,
                "basin_type",
                "Basin type",
                ProductOption.Type.CHOICE,
                null,
                null,
                null,
                null,
                """
                [{"value": "undermount", "label": "Undermount"}, {"value": "drop_in", "label": "Drop-in"},
                 {"value": "integrated", "label": "Integrated"}]""",
                "\"undermount\"",
                30,
                null);
        option(
                sink,
                "lifter",
                "Height-adjustable lifter",
                ProductOption.Type.BOOLEAN,
                null,
                null,
                null,
                null,
                "[]",
                "false",
                40,
                null);
        option(sink, "lights", "Lights", ProductOption.Type.BOOLEAN, null, null, null, null, "[]", "false", 50, null);
        rule(
                sink,
                "Three basins need room",
                ConfigurationRule.Type.VALIDATION,
                10,
                "values.basin_count == 3 && values.length < 72",
                "[{\"error\": \"Three basins need a length of at least 72 in\"}]",
                "{\"length\": 60, \"basin_count\": 3}");
        rule(
                sink,
                "No lifter under an integrated basin",
                ConfigurationRule.Type.COMPATIBILITY,
                20,
                "values.basin_type == \"integrated\"",
                "[{\"option\": \"lifter\", \"excludes\": [true],"
                        + " \"error\": \"An integrated basin leaves no room for a lifter\"}]",
                "{\"basin_type\": \"integrated\", \"lifter\": true}");
        rule(
                sink,
                "Price by length",
                ConfigurationRule.Type.PRICING,
                30,
                "true",
                "[{\"price_add\": \"values.length * 12.5\"}]",
                "{\"length\": 60}");
        rule(
                sink,
                "Lights",
                ConfigurationRule.Type.PRICING,
                40,
                "values.lights",
                "[{\"price_add\": \"180\"}]",
                "{\"lights\": true}");
        rule(
                sink,
                "Lifter",
                ConfigurationRule.Type.PRICING,
                50,
                "values.lifter",
                "[{\"price_add\": \"950\"}]",
                "{\"lifter\": true}");
        rule(
                sink,
                "Lift kit for a lifter",
                ConfigurationRule.Type.COMPONENT_SELECTION,
                60,
                "values.lifter",
                "[{\"add\": {\"component_type\": \"PART\", \"component_id\": \"" + liftKit + "\", \"quantity\": 1}}]",
                "{\"lifter\": true}");
        rule(
                sink,
                "LED strip along the length",
                ConfigurationRule.Type.COMPONENT_SELECTION,
                70,
                "values.lights",
                "[{\"add\": {\"component_type\": \"PART\", \"component_id\": \"" + ledStrip
                        + "\", \"quantity\": \"values.length / 12\"}}]",
                "{\"lights\": true, \"length\": 84}");
        rule(
                sink,
                "Cut-to-size top",
                ConfigurationRule.Type.CUSTOM_PART,
                80,
                "true",
                """
                [{"custom_part": {
                  "name": "'Sink top ' + string(values.length) + ' in, ' + string(values.basin_count) + '× ' + values.basin_type",
                  "unit_cost": "values.length * 4.2",
                  "quantity": "1",
                  "specifications": {"length": "values.length", "basin_count": "values.basin_count",
                                     "basin_type": "values.basin_type"},
                  "unit_of_measure": "EA"}}]""",
                "{\"length\": 84, \"basin_count\": 2, \"basin_type\": \"undermount\"}");
    }

    private void option(
            UUID product,
            String code,
            String label,
            ProductOption.Type type,
            String min,
            String max,
            String step,
            String unit,
            String choices,
            String defaultValue,
            int position,
            String help) {
        options.create(
                product,
                code,
                new ProductOption.Definition(
                        label,
                        type,
                        min == null ? null : new BigDecimal(min),
                        max == null ? null : new BigDecimal(max),
                        step == null ? null : new BigDecimal(step),
                        unit,
                        choices,
                        null,
                        defaultValue,
                        help,
                        position,
                        null,
                        true,
                        null));
    }

    private void rule(
            UUID product,
            String name,
            ConfigurationRule.Type type,
            int priority,
            String condition,
            String actions,
            String examples) {
        rules.create(new RuleService.RuleRequest(
                product, null, name, null, type, priority, condition, actions, true, examples));
    }

    private <T> Optional<T> await(Tenant tenant, Supplier<Optional<T>> lookup) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            Optional<T> found = TenantContext.callAs(tenant, () -> transactions.execute(status -> lookup.get()));
            if (found.isPresent() || Instant.now().isAfter(deadline)) {
                return found;
            }
            Thread.sleep(500);
        }
    }

    private static Map<String, Object> demoValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("length", 84L);
        values.put("basin_count", 2L);
        values.put("basin_type", "undermount");
        values.put("lifter", true);
        values.put("lights", true);
        return java.util.Collections.unmodifiableMap(values);
    }
}
