package io.traveler.configurator.internal;

import io.traveler.catalog.Catalog;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The test console: a product's rules evaluated against values, nothing saved. With rules given (as they would be
 * saved, checked the same way), those are tried instead of the saved ones.
 */
@Service
public class RuleConsole {
    /** The most unsaved rules one console run tries. */
    public static final int MAX_RULES = 200;

    /** The most CEL (conditions and actions, as written) one console run compiles. */
    public static final int MAX_SOURCE = 64 * 1024;

    private final Catalog catalog;
    private final OptionService options;
    private final RuleService rules;
    private final RuleEngine engine;

    RuleConsole(Catalog catalog, OptionService options, RuleService rules, RuleEngine engine) {
        this.catalog = catalog;
        this.options = options;
        this.rules = rules;
        this.engine = engine;
    }

    /** {@code tried}: null for the product's saved rules, else these rules (their product_id is ignored). */
    @Transactional(readOnly = true)
    public Evaluation run(UUID productId, Map<String, Object> values, List<RuleService.RuleRequest> tried) {
        if (tried == null) {
            return engine.evaluate(productId, values);
        }
        Catalog.ProductRef product =
                catalog.productRef(productId).orElseThrow(() -> NotFoundException.of("Product", productId));
        return tryRules(product, options.options(productId), values, tried);
    }

    /**
     * Unsaved rules tried on the product: checked as they would be saved, then evaluated, compiled for this run
     * only (nothing of them is cached: a console user could otherwise fill the caches with rules nobody keeps).
     */
    Evaluation tryRules(
            Catalog.ProductRef product,
            List<ProductOption> productOptions,
            Map<String, Object> values,
            List<RuleService.RuleRequest> tried) {
        UUID productId = product.id();
        if (tried.size() > MAX_RULES) {
            throw new ValidationException("rules", "at most " + MAX_RULES + " rules at once");
        }
        long source = 0;
        for (RuleService.RuleRequest r : tried) {
            source += length(r.condition()) + length(r.actionsJson());
        }
        if (source > MAX_SOURCE) {
            throw new ValidationException(
                    "rules",
                    "the rules tried at once come to more than " + MAX_SOURCE / 1024 + " KB of conditions and actions");
        }
        Map<String, Expressions.ValueType> types = OptionService.typesOf(productOptions);
        List<ConfigurationRule> unsaved = new ArrayList<>(tried.size());
        for (int i = 0; i < tried.size(); i++) {
            RuleService.RuleRequest r = tried.get(i);
            boolean ofCategory = r.categoryId() != null;
            ConfigurationRule.Definition d = rules.checkUnsaved(
                    new ConfigurationRule.Definition(
                            r.name() == null ? "rules[" + i + "]" : r.name(),
                            r.description(),
                            r.type(),
                            r.priority() == null ? RuleService.DEFAULT_PRIORITY : r.priority(),
                            r.condition() == null ? "true" : r.condition(),
                            r.actionsJson(),
                            r.active() == null || r.active(),
                            r.exampleValuesJson()),
                    ofCategory ? null : types,
                    "rules[" + i + "].");
            unsaved.add(new ConfigurationRule(ofCategory ? null : productId, ofCategory ? r.categoryId() : null, d));
        }
        return engine.evaluateUnsaved(product, productOptions, unsaved, values);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
