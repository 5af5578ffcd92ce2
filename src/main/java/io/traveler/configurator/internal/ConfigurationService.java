package io.traveler.configurator.internal;

import io.traveler.catalog.Catalog;
import io.traveler.configurator.ConfigurableLines;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.KeysetPager;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Configurations: a product's values, optionally for one of the organization's own order lines, evaluated by the
 * rules on every change. Each create and change is a revision kept in {@code configuration_revisions}; a change
 * clears the BOM generated from the previous values. The order line, if any, follows in the same transaction.
 */
@Service
public class ConfigurationService {
    public static final Map<String, String> SORTS = Map.of("created_at", "createdAt", "updated_at", "updatedAt");

    /** The most option values one configuration may hold (a product's options are far fewer). */
    static final int MAX_VALUES = 500;

    private final Configurations configurations;
    private final RuleEngine engine;
    private final Catalog catalog;
    private final ObjectProvider<ConfigurableLines> lines;
    private final JdbcClient jdbc;
    private final EntityManager em;
    private final OrderLineAccess access;

    ConfigurationService(
            Configurations configurations,
            RuleEngine engine,
            Catalog catalog,
            ObjectProvider<ConfigurableLines> lines,
            JdbcClient jdbc,
            EntityManager em,
            OrderLineAccess access) {
        this.configurations = configurations;
        this.engine = engine;
        this.catalog = catalog;
        this.lines = lines;
        this.jdbc = jdbc;
        this.em = em;
        this.access = access;
    }

    public record Revision(int revision, String valuesJson, boolean valid, BigDecimal price, Instant at, UUID by) {}

    /**
     * A new configuration of the product, evaluated. With {@code orderLineId}: the line must be the organization's
     * own (else 422 {@code order_line_id}), of the same product (422), editable (409), and not yet configured (409).
     */
    @Transactional
    public Configuration create(UUID productId, UUID orderLineId, Map<String, Object> values) {
        if (productId == null) {
            throw new ValidationException("product_id", "is required");
        }
        if (catalog.productRef(productId).isEmpty()) {
            throw NotFoundException.of("Product", productId);
        }
        Map<String, Object> given = bounded(values);
        if (orderLineId != null) {
            access.requireToChange();
            requireConfigurableLine(productId, orderLineId);
        }
        var configuration = new Configuration(
                productId, orderLineId, TenantContext.actorId().orElse(null));
        evaluate(configuration, given);
        configurations.saveAndFlush(configuration);
        appendRevision(configuration);
        follow(configuration);
        return configuration;
    }

    /** New values: the next revision, evaluated anew; the BOM generated from the previous values no longer applies. */
    @Transactional
    public Configuration change(UUID id, ExpectedVersion expected, Map<String, Object> values) {
        Configuration configuration =
                configurations.findLocked(id).orElseThrow(() -> NotFoundException.of("Configuration", id));
        expected.checkIfGiven(configuration.version());
        Map<String, Object> given = bounded(values);
        lineOf(configuration).ifPresent(line -> {
            if (!line.editable()) {
                throw new ConflictException("Order " + line.orderCode() + " line " + line.lineNo()
                        + " can no longer change: its order has left CONFIGURATION");
            }
        });
        configuration.revise();
        evaluate(configuration, given);
        configurations.saveAndFlush(configuration);
        appendRevision(configuration);
        follow(configuration);
        return configuration;
    }

    @Transactional(readOnly = true)
    public Configuration configuration(UUID id) {
        return configurations.findById(id).orElseThrow(() -> NotFoundException.of("Configuration", id));
    }

    /** The organization's configurations, newest first, of one product and/or one order line when given. */
    @Transactional(readOnly = true)
    public ItemList<Configuration> list(PageRequest page, UUID productId, UUID orderLineId) {
        return KeysetPager.page(em, Configuration.class, page, SORTS, (root, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (productId != null) {
                where.add(cb.equal(root.get("productId"), productId));
            }
            if (orderLineId != null) {
                where.add(cb.equal(root.get("orderLineId"), orderLineId));
            }
            return where.isEmpty() ? null : cb.and(where.toArray(Predicate[]::new));
        });
    }

    /** Every revision of the configuration, the first first. */
    @Transactional(readOnly = true)
    public ItemList<Revision> revisions(UUID id, int limit, String cursor) {
        configuration(id);
        int after = afterRevision(cursor);
        List<Revision> rows = jdbc.sql("""
                        select revision, values::text, valid, price, created_at, created_by
                          from configurator.configuration_revisions
                         where org_id = :org and configuration_id = :id and revision > :after
                         order by revision
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .param("after", after)
                .param("limit", limit + 1)
                .query((rs, n) -> new Revision(
                        rs.getInt(1),
                        rs.getString(2),
                        rs.getBoolean(3),
                        rs.getBigDecimal(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getObject(6, UUID.class)))
                .list();
        if (rows.size() <= limit) {
            return new ItemList<>(rows, null);
        }
        List<Revision> page = rows.subList(0, limit);
        return new ItemList<>(List.copyOf(page), Integer.toString(page.getLast().revision()));
    }

    private static int afterRevision(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(cursor));
        } catch (NumberFormatException e) {
            throw new ValidationException("cursor", "is not a cursor of this list");
        }
    }

    /**
     * The order line the configuration configures, once the caller may change it (403 otherwise); a configuration
     * whose line is gone (removed, or its order deleted) is detached from it, and answers none.
     */
    Optional<ConfigurableLines.LineRef> lineOf(Configuration configuration) {
        if (configuration.orderLineId() == null) {
            return Optional.empty();
        }
        Optional<ConfigurableLines.LineRef> line =
                lines.stream().findFirst().flatMap(l -> l.line(configuration.orderLineId()));
        if (line.isEmpty()) {
            configuration.detach();
            return Optional.empty();
        }
        access.requireToChange();
        return line;
    }

    private void requireConfigurableLine(UUID productId, UUID orderLineId) {
        ConfigurableLines.LineRef line = lines.stream()
                .findFirst()
                .flatMap(l -> l.line(orderLineId))
                .orElseThrow(
                        () -> new ValidationException("order_line_id", "is not an order line of this organization"));
        if (!productId.equals(line.productId())) {
            throw new ValidationException(
                    "order_line_id",
                    "order " + line.orderCode() + " line " + line.lineNo() + " is not a line of this product");
        }
        if (!line.editable()) {
            throw new ConflictException("Order " + line.orderCode() + " line " + line.lineNo()
                    + " can no longer be configured: its order has left CONFIGURATION");
        }
        configurations.findByOrderLineId(orderLineId).ifPresent(existing -> {
            throw new ConflictException("Order " + line.orderCode() + " line " + line.lineNo()
                    + " already has configuration " + existing.id() + "; change that one");
        });
    }

    private static Map<String, Object> bounded(Map<String, Object> values) {
        if (values == null) {
            return Map.of();
        }
        if (values.size() > MAX_VALUES) {
            throw new ValidationException("values", "has " + values.size() + " values; at most " + MAX_VALUES);
        }
        return values;
    }

    private void evaluate(Configuration configuration, Map<String, Object> given) {
        Evaluation evaluation = engine.evaluate(configuration.productId(), given);
        configuration.evaluated(
                ConfigurationValues.write(given),
                evaluation.valid(),
                errorsOf(evaluation),
                evaluation.price(),
                firedOf(evaluation));
    }

    /** The errors of an evaluation as stored: {@code [{option, rule_id, message}]}. */
    static String errorsOf(Evaluation evaluation) {
        List<Map<String, Object>> errors = new ArrayList<>();
        evaluation.errors().forEach(p -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("option", p.option());
            error.put("rule_id", p.ruleId());
            error.put("message", p.message());
            errors.add(error);
        });
        return ConfigurationValues.write(errors);
    }

    /** The rules that fired as stored: {@code [{rule_id, name, type, priority, condition, effects}]}. */
    static String firedOf(Evaluation evaluation) {
        List<Map<String, Object>> fired = new ArrayList<>();
        evaluation.fired().forEach(f -> {
            Map<String, Object> firing = new LinkedHashMap<>();
            firing.put("rule_id", f.ruleId());
            firing.put("name", f.name());
            firing.put("type", f.type());
            firing.put("priority", f.priority());
            firing.put("condition", f.condition());
            firing.put("effects", f.effects());
            fired.add(firing);
        });
        return ConfigurationValues.write(fired);
    }

    private void appendRevision(Configuration c) {
        jdbc.sql("""
                        insert into configurator.configuration_revisions (org_id, configuration_id, revision, values,
                                                                          valid, errors, price, created_by, created_at)
                        values (:org, :id, :revision, cast(:values as jsonb), :valid, cast(:errors as jsonb), :price,
                                :by, :now)
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", c.id())
                .param("revision", c.revision())
                .param("values", c.values())
                .param("valid", c.valid())
                .param("errors", c.errors())
                .param("price", c.price())
                .param("by", TenantContext.actorId().orElse(null))
                .param("now", Timestamp.from(Instant.now()))
                .update();
    }

    /** The order line takes the configuration, and its price while it is valid. */
    private void follow(Configuration c) {
        if (c.orderLineId() != null) {
            lines.getObject().configured(c.orderLineId(), c.id(), c.valid() ? c.price() : null, c.bomId());
        }
    }
}
