package io.traveler.configurator.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.configurator.internal.ConfigurationRule;
import io.traveler.configurator.internal.RuleService;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "Configurator")
@RestController
class RulesController {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RuleService rules;

    RulesController(RuleService rules) {
        this.rules = rules;
    }

    record RuleView(
            UUID id,
            UUID productId,
            UUID categoryId,
            String name,
            String description,
            ConfigurationRule.Type type,
            int priority,
            String condition,
            JsonNode actions,
            boolean active,
            JsonNode exampleValues,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        static RuleView of(ConfigurationRule r) {
            return new RuleView(
                    r.id(),
                    r.productId(),
                    r.categoryId(),
                    r.name(),
                    r.description(),
                    r.type(),
                    r.priority(),
                    r.condition(),
                    JSON.readTree(r.actions()),
                    r.active(),
                    JSON.readTree(r.exampleValues()),
                    r.version(),
                    r.createdAt(),
                    r.updatedAt());
        }
    }

    @Operation(
            summary = "List the rules of a product (its own and its category's) or of a category, in priority order",
            description = "Exactly one of product_id and category_id.")
    @GetMapping("/api/configurator/rules")
    @PreAuthorize("hasAuthority('configurator:read')")
    ItemList<RuleView> list(
            @RequestParam(name = "product_id", required = false) UUID productId,
            @RequestParam(name = "category_id", required = false) UUID categoryId) {
        if ((productId == null) == (categoryId == null)) {
            throw new ValidationException("product_id", "give either product_id or category_id");
        }
        List<ConfigurationRule> found =
                productId != null ? rules.rulesOf(productId) : rules.rulesOfCategory(categoryId);
        return new ItemList<>(found.stream().map(RuleView::of).toList(), null);
    }

    @Operation(
            summary = "Add a rule to a product or a category",
            description = "The condition and every CEL value of the actions are checked against the product's options:"
                    + " a 422 names the field (condition, actions[0].price_add, ...) and the line and column.")
    @PostMapping("/api/configurator/rules")
    @PreAuthorize("hasAuthority('configurator:manage')")
    ResponseEntity<RuleView> create(@Valid @RequestBody RuleBody body) {
        ConfigurationRule created = rules.create(body.request());
        return Versions.created("/api/configurator/rules/" + created.id(), created.version(), RuleView.of(created));
    }

    @Operation(summary = "Get a rule")
    @GetMapping("/api/configurator/rules/{id}")
    @PreAuthorize("hasAuthority('configurator:read')")
    ResponseEntity<RuleView> get(@PathVariable UUID id) {
        ConfigurationRule found = rules.rule(id);
        return Versions.ok(found.version(), RuleView.of(found));
    }

    @Operation(
            summary = "Change a rule",
            description = "A field left out stays as it is (description sent as null is cleared); the rule's product"
                    + " or category never changes. The rule is checked whole again.")
    @PatchMapping("/api/configurator/rules/{id}")
    @PreAuthorize("hasAuthority('configurator:manage')")
    ResponseEntity<RuleView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody RuleBody body) {
        RuleService.RuleRequest request = body.request();
        if (ExplicitNulls.inThisRequest().contains("description")) {
            request = new RuleService.RuleRequest(
                    request.productId(),
                    request.categoryId(),
                    request.name(),
                    "",
                    request.type(),
                    request.priority(),
                    request.condition(),
                    request.actionsJson(),
                    request.active(),
                    request.exampleValuesJson());
        }
        ConfigurationRule changed = rules.change(id, expected, request);
        return Versions.ok(changed.version(), RuleView.of(changed));
    }

    @Operation(summary = "Delete a rule")
    @DeleteMapping("/api/configurator/rules/{id}")
    @PreAuthorize("hasAuthority('configurator:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        rules.delete(id, expected);
        return ResponseEntity.noContent().build();
    }
}
