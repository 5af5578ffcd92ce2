package io.traveler.configurator;

import io.traveler.catalog.internal.Bom;
import io.traveler.catalog.internal.BomLines;
import io.traveler.catalog.internal.BomService;
import io.traveler.catalog.internal.CatalogService;
import io.traveler.catalog.internal.Part;
import io.traveler.catalog.internal.Product;
import io.traveler.configurator.internal.BomGeneration;
import io.traveler.configurator.internal.Configuration;
import io.traveler.configurator.internal.ConfigurationRule;
import io.traveler.configurator.internal.ConfigurationService;
import io.traveler.configurator.internal.OptionService;
import io.traveler.configurator.internal.ProductOption;
import io.traveler.configurator.internal.RuleService;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** One organization's parts, configurable products, options and rules, made through the services as its member. */
public record Workshop(Tenants.Member member, ApplicationContext context) {
    public static Workshop of(ApplicationContext context) {
        return new Workshop(Tenants.in(context).organization("FACTORY"), context);
    }

    private <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public UUID part(String number, String unitCost) {
        return member.call(() -> bean(CatalogService.class)
                .createPart(new CatalogService.PartData(
                        number,
                        "Part " + number,
                        null,
                        Part.Kind.COMPONENT,
                        "EA",
                        new BigDecimal(unitCost),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Set.of()))
                .id());
    }

    public UUID product(String sku, String basePrice) {
        return member.call(() -> bean(CatalogService.class)
                .createProduct(new CatalogService.ProductData(
                        sku,
                        "Product " + sku,
                        null,
                        Product.Type.COMPONENT,
                        basePrice == null ? null : new BigDecimal(basePrice),
                        null,
                        null,
                        null,
                        Set.of()))
                .id());
    }

    /** A BOM line of a part, {@code quantity} of it. */
    public static BomLines.Line line(UUID part, String quantity) {
        return new BomLines.Line(
                Bom.ComponentType.PART, part, new BigDecimal(quantity), null, null, null, null, null, null);
    }

    /** The product's ACTIVE BOM with these lines. */
    public UUID activeBom(UUID product, List<BomLines.Line> lines) {
        return member.call(() -> {
            var boms = bean(BomService.class);
            var draft = boms.createDraft(product, lines, "base");
            return boms.activate(draft.bom().id(), ExpectedVersion.none()).bom().id();
        });
    }

    public void numberOption(UUID product, String code, int min, int max) {
        member.run(() -> bean(OptionService.class)
                .create(
                        product,
                        code,
                        new ProductOption.Definition(
                                code,
                                ProductOption.Type.NUMBER,
                                BigDecimal.valueOf(min),
                                BigDecimal.valueOf(max),
                                BigDecimal.ONE,
                                null,
                                "[]",
                                null,
                                null,
                                null,
                                0,
                                null,
                                true,
                                null)));
    }

    public void booleanOption(UUID product, String code) {
        member.run(() -> bean(OptionService.class)
                .create(
                        product,
                        code,
                        new ProductOption.Definition(
                                code,
                                ProductOption.Type.BOOLEAN,
                                null,
                                null,
                                null,
                                null,
                                "[]",
                                null,
                                "false",
                                null,
                                1,
                                null,
                                false,
                                null)));
    }

    public UUID rule(UUID product, ConfigurationRule.Type type, int priority, String condition, String actionsJson) {
        return member.call(() -> bean(RuleService.class)
                .create(new RuleService.RuleRequest(
                        product,
                        null,
                        type + " " + priority + " "
                                + UUID.randomUUID().toString().substring(0, 4),
                        null,
                        type,
                        priority,
                        condition,
                        actionsJson,
                        true,
                        null))
                .id());
    }

    public Configuration configure(UUID product, Map<String, Object> values) {
        return member.call(() -> bean(ConfigurationService.class).create(product, null, values));
    }

    public BomGeneration.Generated generate(UUID configuration) {
        return member.call(() -> bean(BomGeneration.class).generate(configuration));
    }

    /** A query of this organization's rows, in a transaction as its member. */
    public <T> T query(java.util.function.Function<JdbcClient, T> work) {
        return member.call(() -> bean(TransactionTemplate.class).execute(s -> work.apply(bean(JdbcClient.class))));
    }

    /** {@code select count(*) ...} over this organization's rows. */
    public long count(String sql) {
        Long n = query(jdbc -> jdbc.sql(sql).query(Long.class).single());
        return n;
    }

    /** The next number the organization's custom parts series would give. */
    public long nextCustomNumber() {
        return query(jdbc -> jdbc.sql("select coalesce(max(next_number), 1) from settings.numbering_series"
                        + " where key = 'custom_parts'")
                .query(Long.class)
                .single());
    }
}
