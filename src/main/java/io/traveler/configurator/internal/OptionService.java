package io.traveler.configurator.internal;

import io.traveler.catalog.Catalog;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A product's options. A code names one option of its product (409 otherwise) and is how rules name it, so it
 * never changes; a definition is checked whole ({@link OptionDefinitions}). Changing an option's type or deleting
 * it is refused (409) while a rule of the product no longer compiles without it.
 */
@Service
public class OptionService {
    /** The most options one product has. */
    public static final int MAX_OPTIONS = 200;

    private final ProductOptions options;
    private final ConfigurationRules rules;
    private final Catalog catalog;
    private final Expressions expressions;

    OptionService(ProductOptions options, ConfigurationRules rules, Catalog catalog, Expressions expressions) {
        this.options = options;
        this.rules = rules;
        this.catalog = catalog;
        this.expressions = expressions;
    }

    @Transactional(readOnly = true)
    public List<ProductOption> options(UUID productId) {
        requireProduct(productId);
        return options.ofProduct(productId);
    }

    /** Each option's code and how its value looks to an expression, for compiling the product's rules. */
    @Transactional(readOnly = true)
    public Map<String, Expressions.ValueType> typesOf(UUID productId) {
        return typesOf(options(productId));
    }

    public static Map<String, Expressions.ValueType> typesOf(List<ProductOption> options) {
        Map<String, Expressions.ValueType> types = new LinkedHashMap<>();
        options.forEach(o -> types.put(o.code(), o.type().valueType()));
        return types;
    }

    /** {@code d.position()} {@link OptionDefinitions#AT_THE_END}: after the product's other options. */
    @Transactional
    public ProductOption create(UUID productId, String code, ProductOption.Definition d) {
        requireProduct(productId);
        OptionDefinitions.requireCode(code);
        List<ProductOption> existing = options.ofProduct(productId);
        if (existing.size() >= MAX_OPTIONS) {
            throw new ConflictException("A product has at most " + MAX_OPTIONS + " options");
        }
        if (existing.stream().anyMatch(o -> o.code().equals(code))) {
            throw new ConflictException("The product already has an option '" + code + "'");
        }
        Map<String, Expressions.ValueType> types = typesOf(existing);
        if (d.position() == OptionDefinitions.AT_THE_END) {
            d = atPosition(
                    d, existing.stream().mapToInt(o -> o.position() + 1).max().orElse(0));
        }
        ProductOption.Definition checked = OptionDefinitions.check(expressions, code, d, types);
        return options.saveAndFlush(new ProductOption(productId, code, checked));
    }

    private static ProductOption.Definition atPosition(ProductOption.Definition d, int position) {
        return new ProductOption.Definition(
                d.label(),
                d.type(),
                d.minValue(),
                d.maxValue(),
                d.step(),
                d.unit(),
                d.choices(),
                d.pattern(),
                d.defaultValue(),
                d.help(),
                position,
                d.groupName(),
                d.required(),
                d.visibleWhen());
    }

    @Transactional
    public ProductOption change(UUID optionId, ExpectedVersion expected, ProductOption.Definition d) {
        ProductOption option = option(optionId);
        Map<String, Expressions.ValueType> others = typesOf(options.ofProduct(option.productId()));
        others.remove(option.code());
        ProductOption.Definition checked = OptionDefinitions.check(expressions, option.code(), d, others);
        if (checked.type() != option.type()) {
            Map<String, Expressions.ValueType> after = new LinkedHashMap<>(others);
            after.put(option.code(), checked.type().valueType());
            requireRulesCompile(option, after, "changing its type");
        }
        return VersionedChanges.change(options, option, expected, o -> o.define(checked));
    }

    @Transactional
    public void delete(UUID optionId, ExpectedVersion expected) {
        ProductOption option = option(optionId);
        List<ProductOption> all = options.ofProduct(option.productId());
        Map<String, Expressions.ValueType> after = typesOf(all);
        after.remove(option.code());
        VersionedChanges.delete(options, option, expected, o -> {
            requireRulesCompile(o, after, "deleting it");
            for (ProductOption other : all) {
                if (!other.id().equals(o.id()) && other.visibleWhen() != null) {
                    try {
                        expressions.compile("visible_when", other.visibleWhen(), Expressions.Result.BOOL, after);
                    } catch (ValidationException e) {
                        throw new ConflictException("The option '" + other.code() + "' is shown depending on '"
                                + o.code() + "'; change it before deleting this one");
                    }
                }
            }
        });
    }

    @Transactional(readOnly = true)
    public ProductOption option(UUID optionId) {
        return options.findById(optionId).orElseThrow(() -> NotFoundException.of("Option", optionId));
    }

    private void requireRulesCompile(ProductOption option, Map<String, Expressions.ValueType> after, String change) {
        for (ConfigurationRule rule : rules.applyingTo(option.productId(), null)) {
            try {
                expressions.compile("condition", rule.condition(), Expressions.Result.BOOL, after);
                RuleActions.parse(expressions, rule.type(), rule.actions(), after, "actions");
            } catch (ValidationException e) {
                throw new ConflictException("The rule '" + rule.name() + "' uses the option '" + option.code()
                        + "' and would no longer work after " + change + ": change the rule first");
            }
        }
    }

    private void requireProduct(UUID productId) {
        if (!catalog.productExists(productId)) {
            throw NotFoundException.of("Product", productId);
        }
    }
}
