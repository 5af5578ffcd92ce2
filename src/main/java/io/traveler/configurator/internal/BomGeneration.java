package io.traveler.configurator.internal;

import io.traveler.catalog.Catalog;
import io.traveler.configurator.ConfigurableLines;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bills of materials generated from valid configurations: the product's ACTIVE BOM (none: no lines), changed by
 * the COMPONENT_SELECTION rules that fired in firing order, one line per CUSTOM_PART rule's part (minted or reused
 * by {@link CustomParts}), stored as a CUSTOM draft of the product, with every rule applied recorded.
 */
@Service
public class BomGeneration {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Configurations configurations;
    private final RuleEngine engine;
    private final Catalog catalog;
    private final CustomParts customParts;
    private final JdbcClient jdbc;
    private final ObjectProvider<ConfigurableLines> lines;

    BomGeneration(
            Configurations configurations,
            RuleEngine engine,
            Catalog catalog,
            CustomParts customParts,
            JdbcClient jdbc,
            ObjectProvider<ConfigurableLines> lines) {
        this.configurations = configurations;
        this.engine = engine;
        this.catalog = catalog;
        this.customParts = customParts;
        this.jdbc = jdbc;
        this.lines = lines;
    }

    /**
     * A line of a generated BOM: its component (the part number or product SKU, its name), whether it is a custom
     * part, and the rule that put it there (null: it comes from the base BOM unchanged).
     */
    public record GeneratedLine(
            int sequence,
            Catalog.ComponentType componentType,
            UUID componentId,
            String partNumber,
            String name,
            BigDecimal quantity,
            String unit,
            boolean custom,
            UUID ruleId) {}

    /** A rule that shaped the BOM, what it did in words, and the sequences of the lines it made or changed. */
    public record AppliedRule(
            UUID ruleId, String name, ConfigurationRule.Type type, List<String> effects, List<Integer> lines) {}

    public record Generated(UUID bomId, int number, List<GeneratedLine> lines, List<AppliedRule> rulesApplied) {}

    /** A line as generation builds it: what the catalog stores, and the rule that last touched it. */
    record Line(Catalog.BomLineData data, UUID ruleId, boolean custom) {
        Line with(Catalog.ComponentType type, UUID componentId, BigDecimal quantity, String unit, UUID rule) {
            var d = data;
            return new Line(
                    new Catalog.BomLineData(
                            type,
                            componentId,
                            quantity,
                            unit,
                            d.wasteFactor(),
                            d.optional(),
                            d.substituteGroup(),
                            d.preference(),
                            d.notes(),
                            d.stageName()),
                    rule,
                    false);
        }
    }

    /**
     * Generates the configuration's BOM from its current values, as the rules make of them now: 409 when the
     * configuration is not valid (or no longer is under the current rules). The configuration (and its order line)
     * then names the BOM.
     */
    @Transactional
    public Generated generate(UUID configurationId) {
        Configuration configuration = configurations
                .findLocked(configurationId)
                .orElseThrow(() -> NotFoundException.of("Configuration", configurationId));
        if (!configuration.valid()) {
            throw new ConflictException("Configuration " + configurationId
                    + " is not valid; a BOM is generated only from valid values: " + configuration.errors());
        }
        Evaluation evaluation =
                engine.evaluate(configuration.productId(), ConfigurationValues.parse(configuration.values()));
        if (!evaluation.valid()) {
            throw new ConflictException(
                    "Configuration " + configurationId + " is no longer valid under the current rules: "
                            + evaluation.errors().stream()
                                    .map(Evaluation.Problem::message)
                                    .collect(Collectors.joining("; ")));
        }
        List<Catalog.BomLineData> base = catalog.activeBomOf(configuration.productId())
                .map(catalog::bomLines)
                .orElse(List.of());
        List<Line> built = new ArrayList<>(apply(base, evaluation.components()));
        List<CustomParts.CustomPart> parts = customParts.partsFor(evaluation.customParts());
        Map<UUID, List<String>> partEffects = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            var spec = evaluation.customParts().get(i);
            var part = parts.get(i);
            built.add(new Line(
                    new Catalog.BomLineData(
                            Catalog.ComponentType.PART,
                            part.partId(),
                            positive("custom_parts[" + i + "].quantity", spec.quantity(), spec.ruleId()),
                            unitOf(spec),
                            BigDecimal.ZERO,
                            false,
                            null,
                            0,
                            null,
                            null),
                    spec.ruleId(),
                    true));
            partEffects
                    .computeIfAbsent(spec.ruleId(), r -> new ArrayList<>())
                    .add((part.minted() ? "minted " : "reused ") + part.partNumber() + " "
                            + spec.name().trim());
        }
        var bom = catalog.createCustomBom(
                configuration.productId(),
                configurationId,
                built.stream().map(Line::data).toList(),
                "Generated from configuration " + configurationId + ", revision " + configuration.revision());
        List<AppliedRule> applied = applied(evaluation, built, partEffects);
        record(configuration, bom.id(), applied);
        configuration.generated(bom.id());
        configurations.saveAndFlush(configuration);
        if (configuration.orderLineId() != null) {
            lines.getObject().configured(configuration.orderLineId(), configurationId, configuration.price(), bom.id());
        }
        return new Generated(bom.id(), bom.number(), described(built), applied);
    }

    /** The BOMs generated from the configuration, newest first. */
    @Transactional(readOnly = true)
    public List<Generated> generated(UUID configurationId) {
        configurations
                .findById(configurationId)
                .orElseThrow(() -> NotFoundException.of("Configuration", configurationId));
        record Row(UUID bomId, List<AppliedRule> applied) {}
        List<Row> rows = jdbc.sql("""
                        select bom_id, rules_applied from configurator.generated_boms
                         where configuration_id = :id order by created_at desc, id desc
                        """)
                .param("id", configurationId)
                .query((rs, n) -> new Row(
                        rs.getObject(1, UUID.class),
                        JSON.readValue(rs.getString(2), new TypeReference<List<AppliedRule>>() {})))
                .list();
        Map<UUID, Catalog.BomRef> boms =
                catalog.boms(rows.stream().map(Row::bomId).toList());
        return rows.stream()
                .filter(r -> boms.containsKey(r.bomId()))
                .map(r -> {
                    Map<Integer, UUID> ruleOfLine = new LinkedHashMap<>();
                    r.applied().forEach(a -> a.lines().forEach(s -> ruleOfLine.put(s, a.ruleId())));
                    List<Catalog.BomLineData> stored = catalog.bomLines(r.bomId());
                    List<Line> asBuilt = new ArrayList<>();
                    for (int i = 0; i < stored.size(); i++) {
                        asBuilt.add(new Line(stored.get(i), ruleOfLine.get(i + 1), false));
                    }
                    return new Generated(r.bomId(), boms.get(r.bomId()).number(), described(asBuilt), r.applied());
                })
                .toList();
    }

    /**
     * The base lines with the changes applied in order: REMOVE drops every line of the component; REPLACE puts the
     * new component on every line of the old one (its quantity, else the line's); ADD adds its quantity to a line
     * of the same component and stage that is neither optional nor a substitute, or appends a line.
     */
    static List<Line> apply(List<Catalog.BomLineData> base, List<Evaluation.ComponentChange> changes) {
        List<Line> lines =
                new ArrayList<>(base.stream().map(d -> new Line(d, null, false)).toList());
        for (int i = 0; i < changes.size(); i++) {
            var change = changes.get(i);
            String field = "components[" + i + "].quantity";
            switch (change.kind()) {
                case REMOVE -> lines.removeIf(l -> l.data().componentId().equals(change.componentId()));
                case REPLACE -> {
                    BigDecimal quantity =
                            change.quantity() == null ? null : positive(field, change.quantity(), change.ruleId());
                    lines.replaceAll(l -> l.data().componentId().equals(change.componentId())
                            ? l.with(
                                    change.componentType(),
                                    change.newComponentId(),
                                    quantity == null ? l.data().quantity() : quantity,
                                    null,
                                    change.ruleId())
                            : l);
                }
                case ADD -> add(lines, change, positive(field, change.quantity(), change.ruleId()));
            }
        }
        return lines;
    }

    private static void add(List<Line> lines, Evaluation.ComponentChange change, BigDecimal quantity) {
        for (int i = 0; i < lines.size(); i++) {
            var d = lines.get(i).data();
            if (d.componentType() == change.componentType()
                    && d.componentId().equals(change.componentId())
                    && d.stageName() == null
                    && !d.optional()
                    && d.substituteGroup() == null) {
                lines.set(
                        i,
                        lines.get(i)
                                .with(
                                        d.componentType(),
                                        d.componentId(),
                                        d.quantity().add(quantity),
                                        d.unit(),
                                        change.ruleId()));
                return;
            }
        }
        lines.add(new Line(
                new Catalog.BomLineData(
                        change.componentType(),
                        change.componentId(),
                        quantity,
                        null,
                        BigDecimal.ZERO,
                        false,
                        null,
                        0,
                        null,
                        null),
                change.ruleId(),
                false));
    }

    /** A quantity a BOM line can hold: above zero, six decimals at most (rounded half up). */
    private static BigDecimal positive(String field, BigDecimal quantity, UUID ruleId) {
        BigDecimal q = quantity == null ? BigDecimal.ONE : quantity.setScale(6, RoundingMode.HALF_UP);
        if (q.signum() <= 0 || q.precision() - q.scale() > 13) {
            throw new ValidationException(
                    field,
                    "rule " + ruleId + " computed the quantity " + quantity + "; a BOM line needs one above zero");
        }
        return plain(q);
    }

    /** 2.000000 as 2, 100 as 100 (not 1E+2). */
    private static BigDecimal plain(BigDecimal q) {
        BigDecimal stripped = q.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String unitOf(Evaluation.CustomPartSpec spec) {
        return spec.unitOfMeasure() == null || spec.unitOfMeasure().isBlank()
                ? "EA"
                : spec.unitOfMeasure().trim();
    }

    private static List<AppliedRule> applied(
            Evaluation evaluation, List<Line> built, Map<UUID, List<String>> partEffects) {
        Set<ConfigurationRule.Type> shaping =
                Set.of(ConfigurationRule.Type.COMPONENT_SELECTION, ConfigurationRule.Type.CUSTOM_PART);
        List<AppliedRule> applied = new ArrayList<>();
        for (var firing : evaluation.fired()) {
            if (!shaping.contains(firing.type())) {
                continue;
            }
            List<String> effects = new ArrayList<>(firing.effects() == null ? List.of() : firing.effects());
            effects.addAll(partEffects.getOrDefault(firing.ruleId(), List.of()));
            List<Integer> sequences = new ArrayList<>();
            for (int i = 0; i < built.size(); i++) {
                if (Objects.equals(built.get(i).ruleId(), firing.ruleId())) {
                    sequences.add(i + 1);
                }
            }
            applied.add(new AppliedRule(firing.ruleId(), firing.name(), firing.type(), effects, sequences));
        }
        return applied;
    }

    private void record(Configuration configuration, UUID bomId, List<AppliedRule> applied) {
        jdbc.sql("""
                        insert into configurator.generated_boms (org_id, id, configuration_id, revision, bom_id,
                                                                 rules_applied, created_by, created_at)
                        values (:org, :id, :configuration, :revision, :bom, cast(:applied as jsonb), :by, :now)
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", Ids.newId())
                .param("configuration", configuration.id())
                .param("revision", configuration.revision())
                .param("bom", bomId)
                .param("applied", JSON.writeValueAsString(applied))
                .param("by", TenantContext.actorId().orElse(null))
                .param("now", Timestamp.from(Instant.now()))
                .update();
    }

    private List<GeneratedLine> described(List<Line> built) {
        Map<UUID, Catalog.ComponentRef> components = catalog.components(
                built.stream().map(l -> l.data().componentId()).collect(Collectors.toSet()));
        List<GeneratedLine> out = new ArrayList<>();
        for (int i = 0; i < built.size(); i++) {
            var d = built.get(i).data();
            var c = components.get(d.componentId());
            out.add(new GeneratedLine(
                    i + 1,
                    d.componentType(),
                    d.componentId(),
                    c == null ? null : c.number(),
                    c == null ? null : c.name(),
                    plain(d.quantity()),
                    d.unit() != null ? d.unit() : c == null ? null : c.unitOfMeasure(),
                    c != null && c.custom(),
                    built.get(i).ruleId()));
        }
        return out;
    }
}
