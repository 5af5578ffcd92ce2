package io.traveler.configurator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.catalog.Catalog;
import io.traveler.catalog.internal.BomService;
import io.traveler.configurator.internal.BomGeneration;
import io.traveler.configurator.internal.BomGeneration.GeneratedLine;
import io.traveler.configurator.internal.ConfigurationRule.Type;
import io.traveler.configurator.internal.ConfigurationService;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A valid configuration's BOM is its product's ACTIVE BOM changed by the selection rules that fired, in priority
 * order, plus one line per custom part, minted in the organization's 700 series or reused for the same
 * specifications, stored as a CUSTOM draft that approves like any BOM, explodes and costs, and never activates.
 */
@ApplicationTest
class BomGenerationTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    BomService boms;

    @Autowired
    ConfigurationService configurations;

    @Autowired
    BomGeneration generation;

    Workshop shop;
    UUID sink;
    UUID basin;
    UUID tap;
    UUID brass;
    UUID lift;
    UUID led;

    @BeforeEach
    void sinkWithRules() {
        shop = Workshop.of(context);
        basin = shop.part("BASIN", "40");
        tap = shop.part("TAP", "15");
        brass = shop.part("TAP-BRASS", "35");
        lift = shop.part("LIFT-KIT", "300");
        led = shop.part("LED-STRIP", "2");
        sink = shop.product("SINK", "1000");
        shop.activeBom(sink, List.of(Workshop.line(basin, "1"), Workshop.line(tap, "1")));
        shop.numberOption(sink, "length", 24, 120);
        shop.numberOption(sink, "basin_count", 1, 3);
        shop.booleanOption(sink, "lifter");
        shop.booleanOption(sink, "lights");
        shop.rule(
                sink,
                Type.VALIDATION,
                10,
                "values.basin_count == 3 && values.length < 72",
                "[{\"error\": \"three basins need at least 72 in\"}]");
        shop.rule(sink, Type.PRICING, 20, "true", "[{\"price_add\": \"values.length * 12.5\"}]");
        shop.rule(
                sink,
                Type.COMPONENT_SELECTION,
                30,
                "values.basin_count > 1",
                "[{\"add\": {\"component_type\": \"PART\", \"component_id\": \"" + basin
                        + "\", \"quantity\": \"values.basin_count - 1\"}}]");
        shop.rule(
                sink,
                Type.COMPONENT_SELECTION,
                40,
                "values.lifter",
                "[{\"add\": {\"component_type\": \"PART\", \"component_id\": \"" + lift + "\", \"quantity\": 1}}]");
        shop.rule(
                sink,
                Type.COMPONENT_SELECTION,
                50,
                "values.lights",
                "[{\"replace\": {\"component_id\": \"" + tap + "\", \"with\": {\"component_type\": \"PART\","
                        + " \"component_id\": \"" + brass + "\", \"quantity\": 2}}},"
                        + " {\"add\": {\"component_type\": \"PART\", \"component_id\": \"" + led
                        + "\", \"quantity\": \"values.length / 12.0\"}}]");
        shop.rule(
                sink,
                Type.CUSTOM_PART,
                60,
                "true",
                "[{\"custom_part\": {\"name\": \"'Sink top ' + string(values.length) + ' in, '"
                        + " + string(values.basin_count) + ' basins'\", \"unit_cost\": \"values.length * 4.2\","
                        + " \"quantity\": \"1\", \"specifications\": {\"length\": \"values.length\","
                        + " \"basins\": \"values.basin_count\"}}}]");
    }

    private static Map<String, Object> values(int length, int basins, boolean lifter, boolean lights) {
        return Map.of("length", length, "basin_count", basins, "lifter", lifter, "lights", lights);
    }

    private static String quantity(GeneratedLine line) {
        return line.quantity().stripTrailingZeros().toPlainString();
    }

    @Test
    void theGeneratedBomIsTheActiveBomWithTheSelectedChangesAndTheCustomTop() {
        var configuration = shop.configure(sink, values(96, 2, true, true));
        assertThat(configuration.valid()).isTrue();
        assertThat(configuration.price()).isEqualByComparingTo("2200");

        var generated = shop.generate(configuration.id());

        assertThat(generated.lines())
                .extracting(GeneratedLine::componentId, BomGenerationTests::quantity, GeneratedLine::custom)
                .as("basin 1 + 1 added; the tap replaced by 2 brass taps; the lift kit; 96/12 LED; the custom top")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(basin, "2", false),
                        org.assertj.core.groups.Tuple.tuple(brass, "2", false),
                        org.assertj.core.groups.Tuple.tuple(lift, "1", false),
                        org.assertj.core.groups.Tuple.tuple(led, "8", false),
                        org.assertj.core.groups.Tuple.tuple(
                                generated.lines().get(4).componentId(), "1", true));
        GeneratedLine top = generated.lines().get(4);
        assertThat(top.partNumber()).matches("700-\\d{6}");
        assertThat(top.name()).isEqualTo("Sink top 96 in, 2 basins");
        assertThat(generated.lines().get(0).ruleId())
                .as("the basin line was changed by a rule")
                .isNotNull();
        assertThat(generated.rulesApplied())
                .extracting(BomGeneration.AppliedRule::type)
                .containsExactly(
                        Type.COMPONENT_SELECTION, Type.COMPONENT_SELECTION, Type.COMPONENT_SELECTION, Type.CUSTOM_PART);
        assertThat(generated.rulesApplied().getLast().effects())
                .anySatisfy(e -> assertThat(e).startsWith("minted " + top.partNumber()));

        var stored = shop.member().call(() -> configurations.configuration(configuration.id()));
        assertThat(stored.bomId()).isEqualTo(generated.bomId());
        var bom = shop.member().call(() -> boms.bom(generated.bomId()));
        assertThat(bom.bom().kind().name()).isEqualTo("CUSTOM");
        assertThat(bom.bom().status().name()).isEqualTo("DRAFT");
        assertThat(bom.bom().configurationId()).isEqualTo(configuration.id());
        assertThat(bom.bom().number())
                .as("the product's next version after its base BOM")
                .isEqualTo(2);
        var part = shop.member()
                .call(() -> context.getBean(Catalog.class).parts(List.of(top.componentId())))
                .get(top.componentId());
        assertThat(part.kind()).isEqualTo("COMPONENT");
        assertThat(part.unitCost()).isEqualByComparingTo("403.2");
        assertThat(shop.member().call(() -> generation.generated(configuration.id(), generated.bomId())))
                .hasValueSatisfying(g -> assertThat(g.lines()).isEqualTo(generated.lines()));
    }

    @Test
    void aBaseLineKeepsItsStageWasteAndNotes() {
        UUID desk = shop.product("DESK", "10");
        shop.activeBom(
                desk,
                List.of(new io.traveler.catalog.internal.BomLines.Line(
                        io.traveler.catalog.internal.Bom.ComponentType.PART,
                        basin,
                        new BigDecimal("3"),
                        "EA",
                        new BigDecimal("0.05"),
                        true,
                        null,
                        null,
                        "fragile",
                        "Assembly")));

        var generated = shop.generate(shop.configure(desk, Map.of()).id());

        var stored = shop.member().call(() -> boms.bom(generated.bomId())).lines();
        assertThat(stored).singleElement().satisfies(l -> {
            assertThat(l.stageName()).isEqualTo("Assembly");
            assertThat(l.wasteFactor()).isEqualByComparingTo("0.05");
            assertThat(l.optional()).isTrue();
            assertThat(l.notes()).isEqualTo("fragile");
            assertThat(l.quantity()).isEqualByComparingTo("3");
        });
    }

    @Test
    void theSameSpecificationsReuseOneCustomPartAndTakeOneNumber() {
        long before = shop.nextCustomNumber();
        var first = shop.configure(sink, values(48, 1, false, false));
        var twin = shop.configure(sink, values(48, 1, true, false));
        var other = shop.configure(sink, values(50, 1, false, false));

        UUID a = customPartOf(shop.generate(first.id()));
        UUID again = customPartOf(shop.generate(first.id()));
        UUID b = customPartOf(shop.generate(twin.id()));
        UUID c = customPartOf(shop.generate(other.id()));

        assertThat(again).as("generating again from identical values").isEqualTo(a);
        assertThat(b).as("another configuration with the same top").isEqualTo(a);
        assertThat(c).as("another length is another top").isNotEqualTo(a);
        assertThat(shop.nextCustomNumber())
                .as("two parts minted, two numbers taken")
                .isEqualTo(before + 2);
    }

    @Test
    void parallelGenerationsMintDistinctNumbersWithNoneLost() {
        long before = shop.nextCustomNumber();
        List<UUID> configured = IntStream.range(0, 8)
                .mapToObj(i ->
                        shop.configure(sink, values(60 + i, 1, false, false)).id())
                .toList();

        List<BomGeneration.Generated> generated = Parallel.run(8, i -> shop.generate(configured.get(i)));

        Set<String> numbers =
                generated.stream().map(g -> g.lines().getLast().partNumber()).collect(Collectors.toSet());
        assertThat(numbers).hasSize(8).allSatisfy(n -> assertThat(n).startsWith("700-"));
        assertThat(shop.nextCustomNumber())
                .as("the series gave exactly the numbers minted")
                .isEqualTo(before + 8);
        assertThat(shop.count("select count(*) from configurator.custom_parts")).isEqualTo(8);
        assertThat(shop.count("select count(*) from catalog.parts where custom"))
                .as("no part lost, none twinned")
                .isEqualTo(8);
    }

    @Test
    void parallelGenerationsOfTheSameSpecificationsShareOnePart() {
        long before = shop.nextCustomNumber();
        List<UUID> configured = IntStream.range(0, 8)
                .mapToObj(i ->
                        shop.configure(sink, values(72, 2, i % 2 == 0, false)).id())
                .toList();

        List<BomGeneration.Generated> generated = Parallel.run(8, i -> shop.generate(configured.get(i)));

        assertThat(generated.stream().map(BomGenerationTests::customPartOf).distinct())
                .hasSize(1);
        assertThat(shop.nextCustomNumber()).isEqualTo(before + 1);
    }

    @Test
    void anInvalidConfigurationGeneratesNoBom() {
        var invalid = shop.configure(sink, values(48, 3, false, false));
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.errors()).contains("three basins need at least 72 in");

        assertThatThrownBy(() -> shop.generate(invalid.id())).isInstanceOf(ConflictException.class);
        assertThat(shop.count("select count(*) from catalog.boms where kind = 'CUSTOM'"))
                .isZero();
    }

    @Test
    void aCustomBomIsApprovedLikeAnyButNeverActivatedAndExplodesAtItsCost() {
        var configuration = shop.configure(sink, values(100, 1, true, false));
        var generated = shop.generate(configuration.id());
        UUID id = generated.bomId();

        shop.member().run(() -> boms.submit(id, ExpectedVersion.none()));
        shop.member().run(() -> boms.approve(id, ExpectedVersion.none()));
        assertThatThrownBy(() -> shop.member().run(() -> boms.activate(id, ExpectedVersion.none())))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("CUSTOM");
        var explosion = shop.member().call(() -> boms.explode(id, BigDecimal.ONE, true));
        // basin 40 + tap 15 + lift kit 300 + the top at 100 × 4.2
        assertThat(explosion.totalCost()).isEqualByComparingTo("775");
        assertThat(shop.member().call(() -> context.getBean(Catalog.class).activeBomOf(sink)))
                .as("the base BOM stays the product's ACTIVE one")
                .isPresent()
                .isNotEqualTo(java.util.Optional.of(id));
    }

    @Test
    void aChangeIsANewRevisionThatClearsTheGeneratedBom() {
        var configuration = shop.configure(sink, values(48, 1, false, false));
        shop.generate(configuration.id());

        var changed = shop.member()
                .call(() ->
                        configurations.change(configuration.id(), ExpectedVersion.none(), values(80, 3, false, true)));

        assertThat(changed.revision()).isEqualTo(2);
        assertThat(changed.bomId()).isNull();
        assertThat(changed.price()).isEqualByComparingTo("2000");
        assertThat(shop.member().call(() -> configurations
                        .revisions(configuration.id(), 50, null)
                        .items()))
                .extracting(
                        ConfigurationService.Revision::revision,
                        r -> r.price().stripTrailingZeros().toPlainString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "1600"), org.assertj.core.groups.Tuple.tuple(2, "2000"));
        var first = shop.member().call(() -> configurations.revisions(configuration.id(), 1, null));
        assertThat(first.items())
                .extracting(ConfigurationService.Revision::revision)
                .containsExactly(1);
        assertThat(shop.member()
                        .call(() -> configurations.revisions(configuration.id(), 1, first.nextCursor()))
                        .items())
                .as("the revisions come a page at a time")
                .extracting(ConfigurationService.Revision::revision)
                .containsExactly(2);
    }

    @Test
    void aLineThatIsNotTheOrganizationsOwnIsRefusedNamingIt() {
        assertThatThrownBy(() -> shop.member().call(() -> configurations.create(sink, UUID.randomUUID(), Map.of())))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage())
                        .contains("order_line_id"));
    }

    @Test
    void anotherOrganizationsConfigurationIsNotFound() {
        var configuration = shop.configure(sink, values(48, 1, false, false));
        Workshop stranger = Workshop.of(context);

        assertThatThrownBy(() -> stranger.generate(configuration.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> stranger.member()
                        .call(() -> configurations.change(configuration.id(), ExpectedVersion.none(), Map.of())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> stranger.member().call(() -> configurations.create(sink, null, Map.of())))
                .as("another organization's product")
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void generationsWhoseCustomPartsOverlapRunInParallelWithoutDeadlock() {
        // two products (their generations do not queue on one product) whose rules make the same panels
        List<UUID> panels = List.of(shop.product("PANEL-A", "10"), shop.product("PANEL-B", "10"));
        for (UUID panel : panels) {
            shop.numberOption(panel, "left", 1, 1000);
            shop.numberOption(panel, "right", 1, 1000);
            for (String side : List.of("left", "right")) {
                shop.rule(
                        panel,
                        Type.CUSTOM_PART,
                        side.equals("left") ? 1 : 2,
                        "true",
                        "[{\"custom_part\": {\"name\": \"'Panel ' + string(values." + side + ")\","
                                + " \"unit_cost\": \"1\", \"quantity\": \"1\","
                                + " \"specifications\": {\"width\": \"values." + side + "\"}}}]");
            }
        }
        long before = shop.nextCustomNumber();
        int rounds = 4;
        int ring = 6;
        for (int round = 0; round < rounds; round++) {
            int first = 100 * round + 1;
            // configuration i makes panels i and i + 1: each shares one panel with its neighbours, of the other product
            List<UUID> configured = IntStream.range(0, ring)
                    .mapToObj(i -> shop.configure(panels.get(i % 2), Map.of("left", first + i, "right", first + i + 1))
                            .id())
                    .toList();

            List<BomGeneration.Generated> generated = Parallel.run(ring, i -> shop.generate(configured.get(i)));

            for (int i = 0; i + 1 < ring; i++) {
                assertThat(generated.get(i).lines().get(1).componentId())
                        .as("the panel two configurations share is one part")
                        .isEqualTo(generated.get(i + 1).lines().get(0).componentId());
            }
        }
        assertThat(shop.nextCustomNumber())
                .as("each distinct panel minted once, one number each")
                .isEqualTo(before + rounds * (ring + 1));
        assertThat(shop.count("select count(*) from catalog.parts where custom"))
                .isEqualTo(rounds * (ring + 1));
    }

    @Test
    void generatingTheSameRevisionAgainAnswersItsBomAndWritesNothing() {
        var configuration = shop.configure(sink, values(96, 2, true, false));
        var first = shop.generate(configuration.id());

        var again = shop.generate(configuration.id());

        assertThat(again).isEqualTo(first);
        assertThat(shop.count("select count(*) from catalog.boms where kind = 'CUSTOM'"))
                .isEqualTo(1);
        assertThat(shop.count("select count(*) from configurator.generated_boms"))
                .isEqualTo(1);

        shop.rule(
                sink,
                Type.COMPONENT_SELECTION,
                70,
                "values.basin_count == 2",
                "[{\"add\": {\"component_type\": \"PART\", \"component_id\": \"" + tap + "\", \"quantity\": 1}}]");
        var changedRules = shop.generate(configuration.id());
        assertThat(changedRules.bomId())
                .as("the rules make other lines of the same values now: a new BOM")
                .isNotEqualTo(first.bomId());
        assertThat(shop.member().call(() -> generation.generated(configuration.id(), 1, null)))
                .satisfies(page -> assertThat(page.items())
                        .singleElement()
                        .satisfies(g -> assertThat(g.bomId()).isEqualTo(changedRules.bomId()))
                        .satisfies(g -> assertThat(g.current()).isTrue()))
                .satisfies(page -> assertThat(page.nextCursor()).isNotNull());
    }

    @Test
    void generationStoresWhatTheCurrentRulesMakeOfTheValuesBeforeGenerating() {
        var configuration = shop.configure(sink, values(96, 1, false, false));
        assertThat(configuration.price()).isEqualByComparingTo("2200");
        UUID surcharge = shop.rule(sink, Type.PRICING, 25, "true", "[{\"price_add\": \"100\"}]");

        shop.generate(configuration.id());

        var stored = shop.member().call(() -> configurations.configuration(configuration.id()));
        assertThat(stored.price())
                .as("the price and the BOM come from the same rules")
                .isEqualByComparingTo("2300");
        assertThat(stored.fired()).contains(surcharge.toString());

        shop.rule(sink, Type.VALIDATION, 5, "values.length > 90", "[{\"error\": \"no more than 90 in this season\"}]");
        assertThatThrownBy(() -> shop.generate(configuration.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("no more than 90 in this season");
        var refused = shop.member().call(() -> configurations.configuration(configuration.id()));
        assertThat(refused.valid()).as("the stored state shows why").isFalse();
        assertThat(refused.errors()).contains("no more than 90 in this season");
        assertThat(shop.count("select count(*) from catalog.boms where kind = 'CUSTOM'"))
                .isEqualTo(1);
    }

    @Test
    void aCustomBomsLinesComeOnlyFromGeneration() {
        var generated =
                shop.generate(shop.configure(sink, values(48, 1, false, false)).id());
        UUID id = generated.bomId();

        assertThatThrownBy(() -> shop.member()
                        .run(() -> boms.replaceLines(id, ExpectedVersion.none(), List.of(Workshop.line(basin, "9")))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("regenerate it from its configuration");
        assertThatThrownBy(() -> shop.member().run(() -> boms.revise(id)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("regenerate it from its configuration");
        assertThat(shop.member().call(() -> boms.bom(id)).lines())
                .hasSize(generated.lines().size());
        assertThat(shop.count("select count(*) from catalog.boms where kind = 'CUSTOM'"))
                .isEqualTo(1);
    }

    private static UUID customPartOf(BomGeneration.Generated generated) {
        return generated.lines().stream()
                .filter(GeneratedLine::custom)
                .map(GeneratedLine::componentId)
                .reduce((x, y) -> {
                    throw new AssertionError("more than one custom line");
                })
                .orElseThrow();
    }
}
