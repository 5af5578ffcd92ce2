package io.traveler.configurator.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.configurator.internal.Evaluation;
import io.traveler.configurator.internal.RuleConsole;
import io.traveler.configurator.internal.RuleEngine;
import io.traveler.configurator.internal.RuleService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@Tag(name = "Configurator")
@RestController
class ConsoleController {
    private final RuleConsole console;

    ConsoleController(RuleConsole console) {
        this.console = console;
    }

    /** Values to try on a product's rules; with {@code rules}, those (unsaved) instead of the saved ones. */
    record ConsoleBody(
            @NotNull UUID productId,
            JsonNode values,
            @Size(max = RuleConsole.MAX_RULES) List<@NotNull @Valid RuleBody> rules) {}

    /** What the rules made of the values: nothing of it is saved. */
    record EvaluationView(
            UUID productId,
            Map<String, Object> values,
            boolean valid,
            List<Evaluation.Problem> errors,
            BigDecimal price,
            List<Evaluation.Firing> fired,
            List<Evaluation.Skipped> skipped,
            List<Evaluation.ComponentChange> components,
            List<Evaluation.CustomPartSpec> customParts) {
        static EvaluationView of(UUID productId, Evaluation e) {
            return new EvaluationView(
                    productId,
                    e.values(),
                    e.valid(),
                    e.errors(),
                    e.price(),
                    e.fired(),
                    e.skipped(),
                    e.components(),
                    e.customParts());
        }
    }

    @Operation(
            summary = "Try values on a product's rules without saving anything",
            description = "Answers whether the values are valid and why not, the price, the rules that fired (and what"
                    + " they did), those skipped (and why), the component changes and custom parts as computed. With"
                    + " rules, those unsaved rules are tried instead of the saved ones.")
    @PostMapping("/api/configurator/console")
    @PreAuthorize("hasAuthority('configurator:configure')")
    EvaluationView evaluate(@Valid @RequestBody ConsoleBody body) {
        List<RuleService.RuleRequest> tried = body.rules() == null
                ? null
                : body.rules().stream().map(RuleBody::request).toList();
        Evaluation evaluation = console.run(body.productId(), RuleEngine.valuesFrom("values", body.values()), tried);
        return EvaluationView.of(body.productId(), evaluation);
    }
}
