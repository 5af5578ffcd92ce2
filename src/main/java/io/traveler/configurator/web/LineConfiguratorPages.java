package io.traveler.configurator.web;

import io.traveler.catalog.Catalog;
import io.traveler.configurator.ConfigurableLines;
import io.traveler.configurator.ConfigurableLines.LineRef;
import io.traveler.configurator.Configurator;
import io.traveler.configurator.internal.BomGeneration;
import io.traveler.configurator.internal.Configuration;
import io.traveler.configurator.internal.ConfigurationService;
import io.traveler.configurator.internal.Evaluation;
import io.traveler.configurator.internal.OptionService;
import io.traveler.configurator.internal.OrderLineAccess;
import io.traveler.configurator.internal.ProductOption;
import io.traveler.configurator.internal.RuleEngine;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Configuring an order line: a form built from the product's options whose values are validated and priced as they
 * change (htmx posts them, the rules answer, nothing is saved), Save storing the configuration (the line takes its
 * price), Generate BOM making the line's bill of materials from the saved values, and the generated BOM as a tree
 * with its custom parts marked.
 */
@PageController
class LineConfiguratorPages {
    /** How deep the tree follows products that are components of other products. */
    static final int TREE_DEPTH = 5;
    /** Rows the tree shows at most. */
    static final int TREE_ROWS = 2000;

    private final ConfigurableLines lines;
    private final Configurator configurator;
    private final ConfigurationService configurations;
    private final BomGeneration generation;
    private final OptionService options;
    private final RuleEngine engine;
    private final Catalog catalog;
    private final OrderLineAccess access;

    LineConfiguratorPages(
            ConfigurableLines lines,
            Configurator configurator,
            ConfigurationService configurations,
            BomGeneration generation,
            OptionService options,
            RuleEngine engine,
            Catalog catalog,
            OrderLineAccess access) {
        this.lines = lines;
        this.configurator = configurator;
        this.configurations = configurations;
        this.generation = generation;
        this.options = options;
        this.engine = engine;
        this.catalog = catalog;
        this.access = access;
    }

    /** One row of a BOM tree: its depth, component, quantity per product, and whether it is a custom part. */
    record TreeRow(
            int depth,
            Catalog.ComponentType type,
            UUID componentId,
            String number,
            String name,
            BigDecimal quantity,
            String unit,
            boolean custom,
            String rule) {}

    // --- the line's configurator --------------------------------------------------------------------------------

    @GetMapping("/app/orders/{orderId}/lines/{lineId}/configure")
    @PreAuthorize("hasAuthority('configurator:read')")
    String configure(@PathVariable UUID orderId, @PathVariable UUID lineId, Model model) {
        access.requireToRead();
        LineRef line = line(orderId, lineId);
        List<ProductOption> productOptions = options.options(line.productId());
        Configuration saved = configurator
                .configurationOfLine(lineId)
                .map(state -> configurations.configuration(state.id()))
                .orElse(null);
        Map<String, Object> values = saved == null ? Map.of() : OptionFields.valuesOf(saved.values());
        Evaluation evaluation = OptionFields.evaluate(engine, line.productId(), values);
        model.addAttribute("line", line);
        model.addAttribute("product", catalog.productRef(line.productId()).orElse(null));
        model.addAttribute("configuration", saved);
        model.addAttribute("fields", OptionFields.of(productOptions, values, evaluation));
        model.addAttribute("evaluation", evaluation);
        model.addAttribute("console", false);
        return "configurator/line";
    }

    /** The values as typed, validated and priced by the rules; nothing is saved. */
    @PostMapping("/app/orders/{orderId}/lines/{lineId}/configure/evaluate")
    @PreAuthorize("hasAuthority('configurator:configure')")
    String evaluate(
            @PathVariable UUID orderId,
            @PathVariable UUID lineId,
            @RequestParam MultiValueMap<String, String> form,
            Model model) {
        access.requireToRead();
        LineRef line = line(orderId, lineId);
        Map<String, Object> values = OptionFields.valuesFrom(options.options(line.productId()), form);
        model.addAttribute("evaluation", OptionFields.evaluate(engine, line.productId(), values));
        model.addAttribute("console", false);
        return "configurator/fragments :: evaluation";
    }

    /** Saves the values: the line's configuration (its next revision), whose price the line takes. */
    @PostMapping("/app/orders/{orderId}/lines/{lineId}/configure")
    @PreAuthorize("hasAuthority('configurator:configure')")
    String save(
            @PathVariable UUID orderId,
            @PathVariable UUID lineId,
            @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes flash) {
        access.requireToRead();
        LineRef line = line(orderId, lineId);
        String back = "/app/orders/" + orderId + "/lines/" + lineId + "/configure";
        return Forms.act(flash, back, "Configuration saved.", () -> {
            Map<String, Object> values = OptionFields.valuesFrom(options.options(line.productId()), form);
            var existing = configurator.configurationOfLine(lineId);
            if (existing.isPresent()) {
                configurations.change(existing.get().id(), versionOf(form), values);
            } else {
                configurations.create(line.productId(), lineId, values);
            }
        });
    }

    private static ExpectedVersion versionOf(MultiValueMap<String, String> form) {
        String version = form.getFirst("version");
        try {
            return version == null || version.isBlank()
                    ? ExpectedVersion.none()
                    : ExpectedVersion.ofNullable(Long.valueOf(version));
        } catch (NumberFormatException e) {
            return ExpectedVersion.none();
        }
    }

    // --- the generated BOM ----------------------------------------------------------------------------------------

    @PostMapping("/app/configurator/configurations/{id}/generate")
    @PreAuthorize("hasAuthority('configurator:configure')")
    String generate(@PathVariable UUID id, RedirectAttributes flash) {
        Configuration configuration = configurations.configuration(id);
        String failed = configuration.orderLineId() == null
                ? "/app/configurator/configurations/" + id + "/bom"
                : lines.line(configuration.orderLineId())
                        .map(l -> "/app/orders/" + l.orderId() + "/lines/" + l.lineId() + "/configure")
                        .orElse("/app/configurator/configurations/" + id + "/bom");
        var made = new AtomicReference<BomGeneration.Generated>();
        String refused = Forms.act(flash, failed, "BOM generated.", () -> made.set(generation.generate(id)));
        return made.get() == null ? refused : "redirect:/app/configurator/configurations/" + id + "/bom";
    }

    @GetMapping("/app/configurator/configurations/{id}/bom")
    @PreAuthorize("hasAuthority('configurator:read')")
    String bom(@PathVariable UUID id, Model model) {
        Configuration configuration = configurations.configuration(id);
        BomGeneration.Generated shown = (configuration.bomId() == null
                        ? generation.newest(id)
                        : generation.generated(id, configuration.bomId()))
                .orElse(null);
        model.addAttribute("configuration", configuration);
        model.addAttribute(
                "product", catalog.productRef(configuration.productId()).orElse(null));
        model.addAttribute(
                "line",
                configuration.orderLineId() == null || !access.mayRead()
                        ? null
                        : lines.line(configuration.orderLineId()).orElse(null));
        model.addAttribute("generated", shown);
        model.addAttribute("current", shown != null && shown.bomId().equals(configuration.bomId()));
        model.addAttribute(
                "bom",
                shown == null ? null : catalog.boms(List.of(shown.bomId())).get(shown.bomId()));
        model.addAttribute("rows", shown == null ? List.of() : tree(shown));
        return "configurator/bom";
    }

    /** The generated lines, each product among them followed into its ACTIVE BOM, depth first. */
    private List<TreeRow> tree(BomGeneration.Generated generated) {
        Map<UUID, String> ruleNames = new java.util.HashMap<>();
        generated.rulesApplied().forEach(r -> ruleNames.put(r.ruleId(), r.name()));
        List<TreeRow> rows = new ArrayList<>();
        for (BomGeneration.GeneratedLine line : generated.lines()) {
            if (rows.size() >= TREE_ROWS) {
                break;
            }
            rows.add(new TreeRow(
                    0,
                    line.componentType(),
                    line.componentId(),
                    line.partNumber(),
                    line.name(),
                    line.quantity(),
                    line.unit(),
                    line.custom(),
                    line.ruleId() == null ? null : ruleNames.get(line.ruleId())));
            if (line.componentType() == Catalog.ComponentType.PRODUCT) {
                expand(line.componentId(), line.quantity(), 1, new HashSet<>(Set.of(line.componentId())), rows);
            }
        }
        return rows;
    }

    private void expand(UUID productId, BigDecimal per, int depth, Set<UUID> path, List<TreeRow> rows) {
        if (depth > TREE_DEPTH) {
            return;
        }
        var bom = catalog.activeBomOf(productId);
        if (bom.isEmpty()) {
            return;
        }
        List<Catalog.BomLineData> lines = catalog.bomLines(bom.get());
        Map<UUID, Catalog.ComponentRef> components = catalog.components(
                lines.stream().map(Catalog.BomLineData::componentId).toList());
        for (Catalog.BomLineData line : lines) {
            if (rows.size() >= TREE_ROWS) {
                return;
            }
            Catalog.ComponentRef component = components.get(line.componentId());
            BigDecimal quantity = line.quantity().multiply(per);
            rows.add(new TreeRow(
                    depth,
                    line.componentType(),
                    line.componentId(),
                    component == null ? "?" : component.number(),
                    component == null ? "" : component.name(),
                    quantity,
                    line.unit(),
                    component != null && component.custom(),
                    null));
            if (line.componentType() == Catalog.ComponentType.PRODUCT && path.add(line.componentId())) {
                expand(line.componentId(), quantity, depth + 1, path, rows);
                path.remove(line.componentId());
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** The organization's own line of that order: 404 otherwise (another's, or the wrong order). */
    private LineRef line(UUID orderId, UUID lineId) {
        return lines.line(lineId)
                .filter(l -> l.orderId().equals(orderId))
                .orElseThrow(() -> NotFoundException.of("Order line", lineId));
    }
}
