package io.traveler.configurator.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.configurator.internal.OptionDefinitions;
import io.traveler.configurator.internal.OptionService;
import io.traveler.configurator.internal.ProductOption;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "Configurator")
@RestController
class OptionsController {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OptionService options;

    OptionsController(OptionService options) {
        this.options = options;
    }

    record OptionView(
            UUID id,
            UUID productId,
            String code,
            String label,
            ProductOption.Type type,
            @JsonProperty("min") BigDecimal minValue,
            @JsonProperty("max") BigDecimal maxValue,
            BigDecimal step,
            String unit,
            JsonNode choices,
            String pattern,
            @JsonProperty("default") JsonNode defaultValue,
            String help,
            int position,
            @JsonProperty("group") String groupName,
            boolean required,
            String visibleWhen,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        static OptionView of(ProductOption o) {
            return new OptionView(
                    o.id(),
                    o.productId(),
                    o.code(),
                    o.label(),
                    o.type(),
                    o.minValue() == null ? null : o.minValue().stripTrailingZeros(),
                    o.maxValue() == null ? null : o.maxValue().stripTrailingZeros(),
                    o.step() == null ? null : o.step().stripTrailingZeros(),
                    o.unit(),
                    JSON.readTree(o.choices()),
                    o.pattern(),
                    o.defaultValue() == null ? null : JSON.readTree(o.defaultValue()),
                    o.help(),
                    o.position(),
                    o.groupName(),
                    o.required(),
                    o.visibleWhen(),
                    o.version(),
                    o.createdAt(),
                    o.updatedAt());
        }
    }

    /**
     * An option as sent. On creation code, label and type are required; in a PATCH a field left out stays as it is
     * and a field sent as null is cleared (code never changes). {@code choices}: texts, or {@code {"value","label"}}
     * objects.
     */
    record OptionBody(
            @Size(max = 50) String code,
            @Size(max = 200) String label,
            ProductOption.Type type,

            @JsonProperty("min") @DecimalMin("-1000000000000") @DecimalMax("1000000000000")
            BigDecimal minValue,

            @JsonProperty("max") @DecimalMin("-1000000000000") @DecimalMax("1000000000000")
            BigDecimal maxValue,

            @DecimalMin("0") @DecimalMax("1000000000000") BigDecimal step,
            @Size(max = 20) String unit,
            JsonNode choices,
            @Size(max = 500) String pattern,
            @JsonProperty("default") JsonNode defaultValue,
            @Size(max = 2000) String help,
            @Min(0) @Max(100000) Integer position,
            @JsonProperty("group") @Size(max = 100) String groupName,
            Boolean required,
            @Size(max = 4000) String visibleWhen) {

        ProductOption.Definition definition() {
            return new ProductOption.Definition(
                    label,
                    type,
                    minValue,
                    maxValue,
                    step,
                    unit,
                    json(choices),
                    pattern,
                    json(defaultValue),
                    help,
                    position == null ? OptionDefinitions.AT_THE_END : position,
                    groupName,
                    required == null || required,
                    visibleWhen);
        }

        /** The option as it was, with what this PATCH sets (sent) or clears (sent as null). */
        ProductOption.Definition over(ProductOption.Definition was, Set<String> cleared) {
            if (type != null && type != was.type()) {
                was = new ProductOption.Definition(
                        was.label(),
                        type,
                        null,
                        null,
                        null,
                        null,
                        "[]",
                        null,
                        null,
                        was.help(),
                        was.position(),
                        was.groupName(),
                        was.required(),
                        was.visibleWhen());
            }
            return new ProductOption.Definition(
                    pick(label, was.label(), cleared, "label"),
                    pick(type, was.type(), cleared, "type"),
                    pick(minValue, was.minValue(), cleared, "min"),
                    pick(maxValue, was.maxValue(), cleared, "max"),
                    pick(step, was.step(), cleared, "step"),
                    pick(unit, was.unit(), cleared, "unit"),
                    cleared.contains("choices") ? "[]" : choices == null ? was.choices() : json(choices),
                    pick(pattern, was.pattern(), cleared, "pattern"),
                    cleared.contains("default") ? null : defaultValue == null ? was.defaultValue() : json(defaultValue),
                    pick(help, was.help(), cleared, "help"),
                    position == null ? was.position() : position,
                    pick(groupName, was.groupName(), cleared, "group"),
                    required == null ? was.required() : required,
                    pick(visibleWhen, was.visibleWhen(), cleared, "visible_when"));
        }

        private static <T> T pick(T sent, T was, Set<String> cleared, String field) {
            return cleared.contains(field) ? null : sent == null ? was : sent;
        }

        private static String json(JsonNode node) {
            return node == null || node.isMissingNode() ? null : node.toString();
        }
    }

    @Operation(summary = "List a product's options, in form order")
    @GetMapping("/api/products/templates/{id}/options")
    @PreAuthorize("hasAuthority('configurator:read')")
    ItemList<OptionView> list(@PathVariable UUID id) {
        return new ItemList<>(options.options(id).stream().map(OptionView::of).toList(), null);
    }

    @Operation(summary = "Add an option to a product (NUMBER, CHOICE, BOOLEAN or TEXT)")
    @PostMapping("/api/products/templates/{id}/options")
    @PreAuthorize("hasAuthority('configurator:manage')")
    ResponseEntity<OptionView> create(@PathVariable UUID id, @Valid @RequestBody OptionBody body) {
        ProductOption created = options.create(id, body.code(), body.definition());
        return Versions.created("/api/configurator/options/" + created.id(), created.version(), OptionView.of(created));
    }

    @Operation(summary = "Get an option")
    @GetMapping("/api/configurator/options/{id}")
    @PreAuthorize("hasAuthority('configurator:read')")
    ResponseEntity<OptionView> get(@PathVariable UUID id) {
        ProductOption found = options.option(id);
        return Versions.ok(found.version(), OptionView.of(found));
    }

    @Operation(summary = "Change an option (its code never changes)")
    @PatchMapping("/api/configurator/options/{id}")
    @PreAuthorize("hasAuthority('configurator:manage')")
    ResponseEntity<OptionView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody OptionBody body) {
        ProductOption option = options.option(id);
        if (body.code() != null && !body.code().equals(option.code())) {
            throw new io.traveler.shared.errors.ValidationException("code", "an option's code never changes");
        }
        ProductOption changed =
                options.change(id, expected, body.over(option.definition(), ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.version(), OptionView.of(changed));
    }

    @Operation(summary = "Delete an option (refused while a rule uses it)")
    @DeleteMapping("/api/configurator/options/{id}")
    @PreAuthorize("hasAuthority('configurator:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        options.delete(id, expected);
        return ResponseEntity.noContent().build();
    }
}
