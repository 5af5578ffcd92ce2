package io.traveler.configurator.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.catalog.Catalog;
import io.traveler.configurator.internal.BomGeneration;
import io.traveler.configurator.internal.Configuration;
import io.traveler.configurator.internal.ConfigurationRule;
import io.traveler.configurator.internal.ConfigurationService;
import io.traveler.configurator.internal.ConfigurationValues;
import io.traveler.configurator.internal.OrderLineAccess;
import io.traveler.configurator.internal.RuleEngine;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.Versions;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Configurations of products (and of order lines), evaluated on every change, with their revisions, and the BOMs
 * generated from them.
 */
@Tag(name = "Configurator")
@RestController
class ConfigurationsController {
    private final ConfigurationService configurations;
    private final BomGeneration generation;
    private final Catalog catalog;
    private final OrderLineAccess access;

    ConfigurationsController(
            ConfigurationService configurations, BomGeneration generation, Catalog catalog, OrderLineAccess access) {
        this.configurations = configurations;
        this.generation = generation;
        this.catalog = catalog;
        this.access = access;
    }

    record CreateBody(UUID productId, UUID orderLineId, JsonNode values) {}

    record ChangeBody(JsonNode values) {}

    /** The most generated BOMs one page lists. */
    static final int MAX_BOMS_PAGE = 100;

    record ConfigurationView(
            UUID id,
            UUID productId,
            UUID orderLineId,
            int revision,
            Object values,
            boolean valid,
            List<String> errors,
            Object errorDetails,
            BigDecimal price,
            Object fired,
            UUID bomId,
            Instant createdAt,
            Instant updatedAt) {
        @SuppressWarnings("unchecked")
        static ConfigurationView of(Configuration c) {
            Object details = ConfigurationValues.tree(c.errors());
            List<String> messages = ((List<Map<String, Object>>) details)
                    .stream().map(e -> String.valueOf(e.get("message"))).toList();
            return new ConfigurationView(
                    c.id(),
                    c.productId(),
                    c.orderLineId(),
                    c.revision(),
                    ConfigurationValues.tree(c.values()),
                    c.valid(),
                    messages,
                    details,
                    c.price(),
                    ConfigurationValues.tree(c.fired()),
                    c.bomId(),
                    c.createdAt(),
                    c.updatedAt());
        }
    }

    record RevisionView(
            int revision, Object values, boolean valid, BigDecimal price, Instant createdAt, UUID createdBy) {}

    record AppliedRuleView(UUID ruleId, String name, ConfigurationRule.Type type, List<String> effects) {}

    record GeneratedView(
            UUID id,
            int number,
            String kind,
            String status,
            UUID configurationId,
            List<LineView> lines,
            List<AppliedRuleView> rulesApplied) {}

    /** What a generated line names, also as a nested object (as a BOM line's component reads elsewhere). */
    record ComponentView(UUID id, Catalog.ComponentType type, String partNumber, String name, boolean custom) {}

    record LineView(
            int sequence,
            Catalog.ComponentType componentType,
            UUID componentId,
            String partNumber,
            String name,
            BigDecimal quantity,
            String unit,
            boolean custom,
            UUID ruleId,
            ComponentView component) {
        static LineView of(BomGeneration.GeneratedLine l) {
            return new LineView(
                    l.sequence(),
                    l.componentType(),
                    l.componentId(),
                    l.partNumber(),
                    l.name(),
                    l.quantity(),
                    l.unit(),
                    l.custom(),
                    l.ruleId(),
                    new ComponentView(l.componentId(), l.componentType(), l.partNumber(), l.name(), l.custom()));
        }
    }

    @Operation(
            summary = "Configure a product (optionally an order line): the values are validated and priced",
            description = "`values` by option code (text, number, boolean or null each); missing ones take their"
                    + " defaults. With `order_line_id` the line must be one of the organization's own, of the same"
                    + " product, still in CONFIGURATION, and not configured yet, and the caller needs `orders:write`"
                    + " (403 otherwise); it then takes the configuration's price unless its price was overridden.")
    @PostMapping(path = "/api/configurations", produces = "application/json")
    @PreAuthorize("hasAuthority('configurator:configure')")
    ResponseEntity<ConfigurationView> create(@RequestBody CreateBody body) {
        Configuration c = configurations.create(
                body.productId(), body.orderLineId(), RuleEngine.valuesFrom("values", body.values()));
        return Versions.created("/api/configurations/" + c.id(), c.version(), ConfigurationView.of(c));
    }

    @Operation(
            summary = "Change a configuration's values: a new revision, validated and priced again",
            description = "The BOM generated from the previous values no longer applies (`bom_id` is cleared)."
                    + " `If-Match` is optional here (checked when given: 412 when stale). A configuration of an"
                    + " order line needs `orders:write` too; one whose line is gone is detached from it"
                    + " (`order_line_id` cleared).")
    @PatchMapping(path = "/api/configurations/{id}", produces = "application/json")
    @PreAuthorize("hasAuthority('configurator:configure')")
    ResponseEntity<ConfigurationView> change(
            @PathVariable UUID id, ExpectedVersion expected, @RequestBody ChangeBody body) {
        if (body.values() == null || body.values().isNull() || body.values().isMissingNode()) {
            throw new ValidationException("values", "is required");
        }
        Configuration c = configurations.change(id, expected, RuleEngine.valuesFrom("values", body.values()));
        return Versions.ok(c.version(), ConfigurationView.of(c));
    }

    @Operation(summary = "Get a configuration")
    @GetMapping(path = "/api/configurations/{id}", produces = "application/json")
    @PreAuthorize("hasAuthority('configurator:read')")
    ResponseEntity<ConfigurationView> get(@PathVariable UUID id) {
        Configuration c = configurations.configuration(id);
        return Versions.ok(c.version(), ConfigurationView.of(c));
    }

    @Operation(
            summary = "List configurations, newest first, of a product or an order line",
            description = "Asking for an order line's (`order_line_id`) needs `orders:read` too.")
    @GetMapping(path = "/api/configurations", produces = "application/json")
    @PreAuthorize("hasAuthority('configurator:read')")
    ItemList<ConfigurationView> list(
            @RequestParam(name = "product_id", required = false) UUID productId,
            @RequestParam(name = "order_line_id", required = false) UUID orderLineId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort) {
        if (orderLineId != null) {
            access.requireToRead();
        }
        var page = PageRequest.of(limit, cursor, sort, ConfigurationService.SORTS.keySet(), "-created_at");
        var found = configurations.list(page, productId, orderLineId);
        return new ItemList<>(found.items().stream().map(ConfigurationView::of).toList(), found.nextCursor());
    }

    @Operation(
            summary = "The revisions of a configuration, the first first",
            description = "A page (`limit` 1..500, default 50; `cursor` from `next_cursor`).")
    @GetMapping(path = "/api/configurations/{id}/revisions", produces = "application/json")
    @PreAuthorize("hasAuthority('configurator:read')")
    ItemList<RevisionView> revisions(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int size = limit == null ? PageRequest.DEFAULT_LIMIT : limit;
        if (size < 1 || size > PageRequest.MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + PageRequest.MAX_LIMIT);
        }
        var page = configurations.revisions(id, size, cursor);
        return new ItemList<>(
                page.items().stream()
                        .map(r -> new RevisionView(
                                r.revision(),
                                ConfigurationValues.tree(r.valuesJson()),
                                r.valid(),
                                r.price(),
                                r.at(),
                                r.by()))
                        .toList(),
                page.nextCursor());
    }

    @Operation(
            summary = "Generate the configuration's BOM: a CUSTOM draft with custom parts minted or reused",
            description = "The configuration first takes what the current rules make of its values (valid, errors,"
                    + " price, rules fired); 409 when that is not valid (the configuration then shows why). From the"
                    + " product's ACTIVE BOM with the COMPONENT_SELECTION rules applied, one line per CUSTOM_PART"
                    + " rule's part (`700-` numbers; the same specifications reuse one part). Asked again while the"
                    + " current revision's BOM is what the rules still make, the answer is that BOM (201, the same"
                    + " body) and nothing is written. A configuration of an order line needs `orders:write` too."
                    + " The BOM is then approved like any other; its lines change only by generating again; it never"
                    + " becomes the product's ACTIVE BOM.")
    @PostMapping(path = "/api/configurations/{id}/generate-bom", produces = "application/json")
    @PreAuthorize("hasAuthority('configurator:configure')")
    ResponseEntity<GeneratedView> generate(@PathVariable UUID id) {
        var generated = generation.generate(id);
        var bom = catalog.boms(List.of(generated.bomId())).get(generated.bomId());
        return ResponseEntity.created(URI.create("/api/boms/" + generated.bomId()))
                .body(view(id, generated, bom == null ? "DRAFT" : bom.status()));
    }

    record GeneratedSummaryView(
            UUID id,
            int number,
            String kind,
            String status,
            UUID configurationId,
            int revision,
            boolean current,
            Instant createdAt) {}

    @Operation(
            summary = "The BOMs generated from a configuration, newest first, without their lines",
            description = "A page (`limit` 1..100, default 20; `cursor`). Each BOM's lines are at"
                    + " `GET /api/boms/{id}`; `current` marks the one generated from the current revision.")
    @GetMapping(path = "/api/configurations/{id}/boms", produces = "application/json")
    @PreAuthorize("hasAuthority('configurator:read')")
    ItemList<GeneratedSummaryView> boms(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > MAX_BOMS_PAGE) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_BOMS_PAGE);
        }
        return generation
                .generated(id, size, cursor)
                .map(g -> new GeneratedSummaryView(
                        g.bomId(), g.number(), "CUSTOM", g.status(), id, g.revision(), g.current(), g.createdAt()));
    }

    private static GeneratedView view(UUID configurationId, BomGeneration.Generated g, String status) {
        return new GeneratedView(
                g.bomId(),
                g.number(),
                "CUSTOM",
                status,
                configurationId,
                g.lines().stream().map(LineView::of).toList(),
                g.rulesApplied().stream()
                        .map(a -> new AppliedRuleView(a.ruleId(), a.name(), a.type(), a.effects()))
                        .toList());
    }
}
