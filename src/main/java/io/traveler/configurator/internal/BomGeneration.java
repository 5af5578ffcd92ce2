package io.traveler.configurator.internal;

import io.traveler.catalog.Catalog;
import io.traveler.configurator.ConfigurableLines;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.TimeCursor;
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
import java.util.Optional;
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
    private final ConfigurationService service;

    BomGeneration(
            ConfigurationService service,
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
        this.service = service;
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
     * The configuration is not valid under the current rules: refused with 409, after the configuration stored what
     * the rules make of its values now (so it shows why), hence not rolled back.
     */
    static final class NotValidNow extends ConflictException {
        NotValidNow(String detail) {
            super(detail);
        }
    }

    /** A BOM generated from a configuration, without its lines (those are the catalog's: {@code GET /api/boms/{id}}). */
    public record GeneratedSummary(
            UUID bomId, int number, String status, int revision, boolean current, Instant createdAt) {}

    /**
     * Generates the configuration's BOM from its current values, as the rules make of them now: the configuration
     * first stores that evaluation (valid, errors, price, rules fired), so its price and its BOM come from the same
     * rules; 409 when it is not valid. When its current revision already has a generated BOM and the rules make the
     * same lines of it, that BOM is the answer and nothing else is written. The configuration (and its order line,
     * which the caller must be allowed to change) then names the BOM; a configuration whose line is gone is detached.
     */
    @Transactional(noRollbackFor = NotValidNow.class)
    public Generated generate(UUID configurationId) {
        Configuration configuration = configurations
                .findLocked(configurationId)
                .orElseThrow(() -> NotFoundException.of("Configuration", configurationId));
        Optional<ConfigurableLines.LineRef> line = service.lineOf(configuration);
        line.filter(l -> !l.editable()).ifPresent(l -> {
            throw new ConflictException("Order " + l.orderCode() + " line " + l.lineNo()
                    + " can no longer change: its order has left CONFIGURATION");
        });
        Evaluation evaluation =
                engine.evaluate(configuration.productId(), ConfigurationValues.parse(configuration.values()));
        configuration.reevaluated(
                evaluation.valid(),
                ConfigurationService.errorsOf(evaluation),
                evaluation.price(),
                ConfigurationService.firedOf(evaluation));
        configurations.saveAndFlush(configuration);
        if (!evaluation.valid()) {
            if (configuration.orderLineId() != null) {
                lines.getObject().configured(configuration.orderLineId(), configurationId, null, null);
            }
            throw new NotValidNow("Configuration " + configurationId
                    + " is not valid under the current rules; a BOM is generated only from valid values: "
                    + evaluation.errors().stream()
                            .map(Evaluation.Problem::message)
                            .collect(Collectors.joining("; ")));
        }
        List<Catalog.BomLineData> base = catalog.activeBomOf(configuration.productId())
                .map(catalog::bomLines)
                .orElse(List.of());
        List<Line> selected = apply(base, evaluation.components());
        Optional<Generated> replayed = alreadyGenerated(configuration, selected, evaluation);
        Generated generated = replayed.orElseGet(() -> generateNew(configuration, selected, evaluation));
        boolean lineAsIs = replayed.isPresent()
                && line.filter(l -> l.priceOverridden()
                                || (l.unitPrice() != null
                                        && configuration.price() != null
                                        && l.unitPrice().compareTo(configuration.price()) == 0))
                        .isPresent();
        if (configuration.orderLineId() != null && !lineAsIs) {
            lines.getObject()
                    .configured(configuration.orderLineId(), configurationId, configuration.price(), generated.bomId());
        }
        return generated;
    }

    private Generated generateNew(Configuration configuration, List<Line> selected, Evaluation evaluation) {
        // the product first, as every catalog writer takes it: minting parts writes the catalog before the BOM does
        catalog.lockForNewBom(configuration.productId());
        List<Line> built = new ArrayList<>(selected);
        List<CustomParts.CustomPart> parts = customParts.partsFor(evaluation.customParts());
        Map<UUID, List<String>> partEffects = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            var spec = evaluation.customParts().get(i);
            var part = parts.get(i);
            built.add(customLine(i, spec, part));
            partEffects
                    .computeIfAbsent(spec.ruleId(), r -> new ArrayList<>())
                    .add((part.minted() ? "minted " : "reused ") + part.partNumber() + " "
                            + spec.name().trim());
        }
        var bom = catalog.createCustomBom(
                configuration.productId(),
                configuration.id(),
                built.stream().map(Line::data).toList(),
                "Generated from configuration " + configuration.id() + ", revision " + configuration.revision());
        List<AppliedRule> applied = applied(evaluation, built, partEffects);
        record(configuration, bom.id(), applied);
        configuration.generated(bom.id());
        configurations.saveAndFlush(configuration);
        return new Generated(bom.id(), bom.number(), described(built), applied);
    }

    private static Line customLine(int index, Evaluation.CustomPartSpec spec, CustomParts.CustomPart part) {
        return new Line(
                new Catalog.BomLineData(
                        Catalog.ComponentType.PART,
                        part.partId(),
                        positive("custom_parts[" + index + "].quantity", spec.quantity(), spec.ruleId()),
                        unitOf(spec),
                        BigDecimal.ZERO,
                        false,
                        null,
                        0,
                        null,
                        null),
                spec.ruleId(),
                true);
    }

    /**
     * The BOM generated from the configuration's current revision, when the rules still make the same lines of it
     * (same components, quantities and rules behind them, every custom part one that exists already).
     */
    private Optional<Generated> alreadyGenerated(
            Configuration configuration, List<Line> selected, Evaluation evaluation) {
        if (configuration.bomId() == null) {
            return Optional.empty();
        }
        var parts = customParts.existing(evaluation.customParts());
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        List<Line> expected = new ArrayList<>(selected);
        for (int i = 0; i < parts.get().size(); i++) {
            expected.add(
                    customLine(i, evaluation.customParts().get(i), parts.get().get(i)));
        }
        List<Catalog.BomLineData> lines = catalog.bomLines(configuration.bomId());
        return stored(configuration.id(), configuration.bomId()).filter(g -> sameLines(expected, lines, g));
    }

    private static boolean sameLines(List<Line> expected, List<Catalog.BomLineData> lines, Generated stored) {
        if (expected.size() != lines.size() || expected.size() != stored.lines().size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            var want = expected.get(i).data();
            var have = lines.get(i);
            if (want.componentType() != have.componentType()
                    || !want.componentId().equals(have.componentId())
                    || !sameNumber(want.quantity(), have.quantity())
                    || !sameNumber(want.wasteFactor(), have.wasteFactor())
                    || !Objects.equals(want.unit(), have.unit())
                    || want.optional() != have.optional()
                    || !Objects.equals(want.substituteGroup(), have.substituteGroup())
                    || want.preference() != have.preference()
                    || !Objects.equals(want.notes(), have.notes())
                    || !Objects.equals(want.stageName(), have.stageName())
                    || !Objects.equals(
                            expected.get(i).ruleId(), stored.lines().get(i).ruleId())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return (a == null ? BigDecimal.ZERO : a).compareTo(b == null ? BigDecimal.ZERO : b) == 0;
    }

    /** The BOMs generated from the configuration, newest first, a page of them without their lines. */
    @Transactional(readOnly = true)
    public ItemList<GeneratedSummary> generated(UUID configurationId, int limit, String cursor) {
        Configuration configuration = configurations
                .findById(configurationId)
                .orElseThrow(() -> NotFoundException.of("Configuration", configurationId));
        TimeCursor after = TimeCursor.parse(cursor);
        record Row(UUID id, UUID bomId, int revision, Instant at) {}
        List<Row> rows = jdbc.sql("""
                        select id, bom_id, revision, created_at from configurator.generated_boms
                         where org_id = :org and configuration_id = :configuration
                           and (cast(:at as timestamptz) is null or (created_at, id) < (:at, :after))
                         order by created_at desc, id desc
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("configuration", configurationId)
                .param("at", TimeCursor.timeOf(after))
                .param("after", TimeCursor.idOf(after))
                .param("limit", limit + 1)
                .query((rs, n) -> new Row(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getInt(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
        Map<UUID, Catalog.BomRef> boms =
                catalog.boms(rows.stream().map(Row::bomId).toList());
        var page = TimeCursor.page(rows, limit, r -> new TimeCursor(r.at(), r.id()));
        return new ItemList<>(
                page.items().stream()
                        .filter(r -> boms.containsKey(r.bomId()))
                        .map(r -> new GeneratedSummary(
                                r.bomId(),
                                boms.get(r.bomId()).number(),
                                boms.get(r.bomId()).status(),
                                r.revision(),
                                r.bomId().equals(configuration.bomId()),
                                r.at()))
                        .toList(),
                page.nextCursor());
    }

    /** One BOM generated from the configuration, with its lines and the rules behind them. */
    @Transactional(readOnly = true)
    public Optional<Generated> generated(UUID configurationId, UUID bomId) {
        configurations
                .findById(configurationId)
                .orElseThrow(() -> NotFoundException.of("Configuration", configurationId));
        return stored(configurationId, bomId);
    }

    /** The newest BOM generated from the configuration, with its lines. */
    @Transactional(readOnly = true)
    public Optional<Generated> newest(UUID configurationId) {
        return generated(configurationId, 1, null).items().stream()
                .findFirst()
                .flatMap(g -> stored(configurationId, g.bomId()));
    }

    private Optional<Generated> stored(UUID configurationId, UUID bomId) {
        Optional<List<AppliedRule>> found = jdbc.sql("""
                        select rules_applied from configurator.generated_boms
                         where org_id = :org and configuration_id = :configuration and bom_id = :bom
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("configuration", configurationId)
                .param("bom", bomId)
                .query((rs, n) -> JSON.readValue(rs.getString(1), new TypeReference<List<AppliedRule>>() {}))
                .optional();
        Catalog.BomRef bom = catalog.boms(List.of(bomId)).get(bomId);
        if (found.isEmpty() || bom == null) {
            return Optional.empty();
        }
        Map<Integer, UUID> ruleOfLine = new LinkedHashMap<>();
        found.get().forEach(a -> a.lines().forEach(s -> ruleOfLine.put(s, a.ruleId())));
        List<Catalog.BomLineData> lines = catalog.bomLines(bomId);
        List<Line> asBuilt = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            asBuilt.add(new Line(lines.get(i), ruleOfLine.get(i + 1), false));
        }
        return Optional.of(new Generated(bomId, bom.number(), described(asBuilt), found.get()));
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
