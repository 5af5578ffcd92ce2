package io.traveler.configurator.web;

import io.traveler.catalog.Catalog;
import io.traveler.configurator.internal.ConfigurationRule;
import io.traveler.configurator.internal.ConfiguratorOverview;
import io.traveler.configurator.internal.OptionDefinitions;
import io.traveler.configurator.internal.OptionService;
import io.traveler.configurator.internal.ProductOption;
import io.traveler.configurator.internal.RuleEngine;
import io.traveler.configurator.internal.RuleService;
import io.traveler.configurator.internal.RuleService.RuleRequest;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The configurator's pages for those who keep a product's options and rules: the configurable products, a
 * product's options (reached from the product's page) with their forms, its rules with the CEL syntax help, and the
 * test console, which evaluates the saved rules against values typed in and answers through htmx, saving nothing.
 */
@PageController
class ConfiguratorPages {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OptionService options;
    private final RuleService rules;
    private final RuleEngine engine;
    private final ConfiguratorOverview overview;
    private final Catalog catalog;

    ConfiguratorPages(
            OptionService options,
            RuleService rules,
            RuleEngine engine,
            ConfiguratorOverview overview,
            Catalog catalog) {
        this.options = options;
        this.rules = rules;
        this.engine = engine;
        this.overview = overview;
        this.catalog = catalog;
    }

    /**
     * An option as the form sends it. Choices are one per line, {@code value} or {@code value | Label}; the default
     * is typed as text and read as the option's type.
     */
    record OptionForm(
            String code,
            String label,
            ProductOption.Type type,
            BigDecimal min,
            BigDecimal max,
            BigDecimal step,

            @Size(max = 20, message = "must be at most 20 characters")
            String unit,

            @Size(max = 20_000, message = "is too long") String choices,

            @Size(max = 500, message = "must be at most 500 characters")
            String pattern,

            @BindParam("default") @Size(max = 1000, message = "is too long")
            String defaultValue,

            @Size(max = 2000, message = "must be at most 2000 characters")
            String help,

            Integer position,

            @Size(max = 100, message = "must be at most 100 characters")
            String group,

            Boolean required,

            @BindParam("visible_when") @Size(max = 4000, message = "must be at most 4000 characters")
            String visibleWhen,

            Long version) {

        static OptionForm blank(int position) {
            return new OptionForm(
                    "",
                    "",
                    ProductOption.Type.NUMBER,
                    null,
                    null,
                    null,
                    "",
                    "",
                    "",
                    "",
                    "",
                    position,
                    "",
                    true,
                    "",
                    null);
        }

        static OptionForm of(ProductOption o) {
            StringBuilder choices = new StringBuilder();
            if (o.type() == ProductOption.Type.CHOICE) {
                OptionDefinitions.choicesOf(o).forEach((value, label) -> choices.append(value)
                        .append(value.equals(label) ? "" : " | " + label)
                        .append('\n'));
            }
            String defaultValue = o.defaultValue() == null
                    ? ""
                    : JSON.readTree(o.defaultValue()).asString();
            return new OptionForm(
                    o.code(),
                    o.label(),
                    o.type(),
                    o.minValue(),
                    o.maxValue(),
                    o.step(),
                    o.unit(),
                    choices.toString().strip(),
                    o.pattern(),
                    defaultValue,
                    o.help(),
                    o.position(),
                    o.groupName(),
                    o.required(),
                    o.visibleWhen(),
                    o.version());
        }

        ProductOption.Definition definition() {
            return new ProductOption.Definition(
                    label,
                    type,
                    min,
                    max,
                    step,
                    blankToNull(unit),
                    choicesJson(),
                    blankToNull(pattern),
                    defaultJson(),
                    blankToNull(help),
                    position == null ? 0 : position,
                    blankToNull(group),
                    Boolean.TRUE.equals(required),
                    blankToNull(visibleWhen));
        }

        private String choicesJson() {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            if (type == ProductOption.Type.CHOICE && choices != null) {
                for (String line : choices.split("\\R")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    int bar = line.indexOf('|');
                    String value = (bar < 0 ? line : line.substring(0, bar)).strip();
                    String label = bar < 0 ? value : line.substring(bar + 1).strip();
                    array.addObject().put("value", value).put("label", label.isEmpty() ? value : label);
                }
            }
            return array.toString();
        }

        /** The default as JSON of the option's type; a number or bool that does not parse goes as text (422). */
        private String defaultJson() {
            String text = blankToNull(defaultValue);
            if (text == null) {
                return null;
            }
            if (type == ProductOption.Type.NUMBER) {
                try {
                    return new BigDecimal(text).toPlainString();
                } catch (NumberFormatException e) {
                    return JsonNodeFactory.instance.stringNode(text).toString();
                }
            }
            if (type == ProductOption.Type.BOOLEAN && ("true".equals(text) || "false".equals(text))) {
                return text;
            }
            return JsonNodeFactory.instance.stringNode(text).toString();
        }
    }

    /** A rule as the form sends it: its actions and example values as JSON text. */
    record RuleForm(
            String name,
            ConfigurationRule.Type type,
            Integer priority,

            @Size(max = 4000, message = "must be at most 4000 characters")
            String condition,

            @Size(max = 100_000, message = "is too long") String actions,
            Boolean active,

            @Size(max = 4000, message = "must be at most 4000 characters")
            String description,

            @BindParam("example_values") @Size(max = 20_000, message = "is too long")
            String exampleValues,

            Long version) {

        static RuleForm blank() {
            return new RuleForm(
                    "", ConfigurationRule.Type.VALIDATION, 100, "true", "[{\"error\": \"...\"}]", true, "", "{}", null);
        }

        static RuleForm of(ConfigurationRule r) {
            return new RuleForm(
                    r.name(),
                    r.type(),
                    r.priority(),
                    r.condition(),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(r.actions())),
                    r.active(),
                    r.description(),
                    r.exampleValues(),
                    r.version());
        }

        RuleRequest request(UUID productId) {
            return new RuleRequest(
                    productId,
                    null,
                    name,
                    blankToNull(description),
                    type,
                    priority,
                    condition == null || condition.isBlank() ? "true" : condition,
                    actions,
                    Boolean.TRUE.equals(active),
                    blankToNull(exampleValues));
        }
    }

    // --- configurable products --------------------------------------------------------------------------------

    @GetMapping("/app/configurator")
    @PreAuthorize("hasAuthority('configurator:read')")
    String products(Model model) {
        model.addAttribute("products", overview.configurableProducts());
        return "configurator/products";
    }

    // --- options ----------------------------------------------------------------------------------------------

    @GetMapping("/app/configurator/products/{id}")
    @PreAuthorize("hasAuthority('configurator:read')")
    String options(@PathVariable UUID id, Model model) {
        model.addAttribute("product", product(id));
        model.addAttribute("options", options.options(id));
        return "configurator/options";
    }

    @GetMapping("/app/configurator/products/{id}/options/new")
    @PreAuthorize("hasAuthority('configurator:manage')")
    String newOption(@PathVariable UUID id, Model model) {
        int next = options.options(id).stream()
                        .mapToInt(ProductOption::position)
                        .max()
                        .orElse(0)
                + 10;
        return optionForm(model, product(id), OptionForm.blank(next), null);
    }

    @PostMapping("/app/configurator/products/{id}/options")
    @PreAuthorize("hasAuthority('configurator:manage')")
    String addOption(
            @PathVariable UUID id,
            @Valid OptionForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        Catalog.ProductRef product = product(id);
        return Forms.save(form, binding, model, () -> optionForm(model, product, form, null), () -> {
            ProductOption added = options.create(id, blankToNull(form.code()), form.definition());
            return Forms.notice(flash, added.label() + " added.", "redirect:/app/configurator/products/" + id);
        });
    }

    @GetMapping("/app/configurator/options/{optionId}")
    @PreAuthorize("hasAuthority('configurator:manage')")
    String editOption(@PathVariable UUID optionId, Model model) {
        ProductOption option = options.option(optionId);
        return optionForm(model, product(option.productId()), OptionForm.of(option), option);
    }

    @PostMapping("/app/configurator/options/{optionId}")
    @PreAuthorize("hasAuthority('configurator:manage')")
    String changeOption(
            @PathVariable UUID optionId,
            @Valid OptionForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        ProductOption option = options.option(optionId);
        Catalog.ProductRef product = product(option.productId());
        return Forms.save(form, binding, model, () -> optionForm(model, product, form, option), () -> {
            options.change(optionId, ExpectedVersion.ofNullable(form.version()), form.definition());
            return Forms.notice(
                    flash, option.code() + " saved.", "redirect:/app/configurator/products/" + product.id());
        });
    }

    @GetMapping("/app/configurator/options/{optionId}/delete")
    @PreAuthorize("hasAuthority('configurator:manage')")
    String confirmDeleteOption(@PathVariable UUID optionId, Model model) {
        ProductOption option = options.option(optionId);
        return Forms.confirm(
                model,
                "Delete the option " + option.code() + "?",
                "Rules that use it must be changed first. Configurations keep the values they were saved with.",
                "/app/configurator/options/" + optionId + "/delete",
                option.version(),
                "/app/configurator/products/" + option.productId());
    }

    @PostMapping("/app/configurator/options/{optionId}/delete")
    @PreAuthorize("hasAuthority('configurator:manage')")
    String deleteOption(
            @PathVariable UUID optionId, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        ProductOption option = options.option(optionId);
        return Forms.act(
                flash,
                "/app/configurator/products/" + option.productId(),
                "Option deleted.",
                () -> options.delete(optionId, ExpectedVersion.ofNullable(version)));
    }

    private String optionForm(Model model, Catalog.ProductRef product, OptionForm form, ProductOption option) {
        model.addAttribute("product", product);
        model.addAttribute("form", form);
        model.addAttribute("option", option);
        model.addAttribute("types", ProductOption.Type.values());
        model.addAttribute("heading", option == null ? "New option of " + product.sku() : "Option " + option.code());
        return "configurator/option-form";
    }

    // --- rules and the test console ---------------------------------------------------------------------------

    @GetMapping("/app/configurator/products/{id}/rules")
    @PreAuthorize("hasAuthority('configurator:read')")
    String rules(@PathVariable UUID id, Model model) {
        List<ProductOption> productOptions = options.options(id);
        model.addAttribute("product", product(id));
        model.addAttribute("rules", rules.rulesOf(id));
        model.addAttribute("fields", OptionFields.of(productOptions, Map.of(), null));
        return "configurator/rules";
    }

    /** The test console: the saved, active rules against the values typed in; nothing is saved. */
    @PostMapping("/app/configurator/products/{id}/console")
    @PreAuthorize("hasAuthority('configurator:configure')")
    String console(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model) {
        Map<String, Object> values = OptionFields.valuesFrom(options.options(id), form);
        model.addAttribute("evaluation", OptionFields.evaluate(engine, id, values));
        model.addAttribute("console", true);
        return "configurator/fragments :: evaluation";
    }

    @GetMapping("/app/configurator/products/{id}/rules/new")
    @PreAuthorize("hasAuthority('configurator:manage')")
    String newRule(@PathVariable UUID id, Model model) {
        return ruleForm(model, product(id), RuleForm.blank(), null);
    }

    @PostMapping("/app/configurator/products/{id}/rules")
    @PreAuthorize("hasAuthority('configurator:manage')")
    String addRule(
            @PathVariable UUID id, @Valid RuleForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        Catalog.ProductRef product = product(id);
        return Forms.save(form, binding, model, () -> ruleForm(model, product, form, null), () -> {
            ConfigurationRule added = rules.create(form.request(id));
            return Forms.notice(
                    flash, added.name() + " added.", "redirect:/app/configurator/products/" + id + "/rules");
        });
    }

    @GetMapping("/app/configurator/rules/{ruleId}")
    @PreAuthorize("hasAuthority('configurator:manage')")
    String editRule(@PathVariable UUID ruleId, Model model) {
        ConfigurationRule rule = productRule(ruleId);
        return ruleForm(model, product(rule.productId()), RuleForm.of(rule), rule);
    }

    @PostMapping("/app/configurator/rules/{ruleId}")
    @PreAuthorize("hasAuthority('configurator:manage')")
    String changeRule(
            @PathVariable UUID ruleId,
            @Valid RuleForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        ConfigurationRule rule = productRule(ruleId);
        Catalog.ProductRef product = product(rule.productId());
        return Forms.save(form, binding, model, () -> ruleForm(model, product, form, rule), () -> {
            rules.change(ruleId, ExpectedVersion.ofNullable(form.version()), form.request(null));
            return Forms.notice(
                    flash, rule.name() + " saved.", "redirect:/app/configurator/products/" + product.id() + "/rules");
        });
    }

    @GetMapping("/app/configurator/rules/{ruleId}/delete")
    @PreAuthorize("hasAuthority('configurator:manage')")
    String confirmDeleteRule(@PathVariable UUID ruleId, Model model) {
        ConfigurationRule rule = productRule(ruleId);
        return Forms.confirm(
                model,
                "Delete the rule " + rule.name() + "?",
                "Configurations are evaluated without it from their next change on.",
                "/app/configurator/rules/" + ruleId + "/delete",
                rule.version(),
                "/app/configurator/products/" + rule.productId() + "/rules");
    }

    @PostMapping("/app/configurator/rules/{ruleId}/delete")
    @PreAuthorize("hasAuthority('configurator:manage')")
    String deleteRule(
            @PathVariable UUID ruleId, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        ConfigurationRule rule = productRule(ruleId);
        return Forms.act(
                flash,
                "/app/configurator/products/" + rule.productId() + "/rules",
                "Rule deleted.",
                () -> rules.delete(ruleId, ExpectedVersion.ofNullable(version)));
    }

    private String ruleForm(Model model, Catalog.ProductRef product, RuleForm form, ConfigurationRule rule) {
        model.addAttribute("product", product);
        model.addAttribute("form", form);
        model.addAttribute("rule", rule);
        model.addAttribute("types", ConfigurationRule.Type.values());
        model.addAttribute(
                "codes",
                options.options(product.id()).stream().map(ProductOption::code).toList());
        model.addAttribute("heading", rule == null ? "New rule of " + product.sku() : "Rule " + rule.name());
        return "configurator/rule-form";
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** A rule these pages edit: a product's (a category's rules are kept through the API). */
    private ConfigurationRule productRule(UUID ruleId) {
        ConfigurationRule rule = rules.rule(ruleId);
        if (rule.productId() == null) {
            throw NotFoundException.of("Rule", ruleId);
        }
        return rule;
    }

    private Catalog.ProductRef product(UUID id) {
        return catalog.productRef(id).orElseThrow(() -> NotFoundException.of("Product", id));
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
