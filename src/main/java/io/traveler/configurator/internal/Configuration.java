package io.traveler.configurator.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One set of values for a product, optionally for one order line, with what the rules made of them (valid or not,
 * the errors, the price, the rules that fired), recomputed on every change. Each change of values is a new revision
 * (the previous ones are kept in {@code configuration_revisions}); {@code bomId} is the BOM generated from the
 * current revision, cleared when the values change.
 */
@Entity
@Table(schema = "configurator", name = "configurations")
public class Configuration extends TenantOwned {
    private UUID productId;
    private UUID orderLineId;
    private int revision = 1;

    @Column(name = "values")
    @ColumnTransformer(write = "?::jsonb")
    private String values = "{}";

    private boolean valid;

    @ColumnTransformer(write = "?::jsonb")
    private String errors = "[]";

    private BigDecimal price;

    @ColumnTransformer(write = "?::jsonb")
    private String fired = "[]";

    private UUID bomId;
    private UUID createdBy;

    protected Configuration() {}

    public Configuration(UUID productId, UUID orderLineId, UUID createdBy) {
        this.productId = productId;
        this.orderLineId = orderLineId;
        this.createdBy = createdBy;
    }

    /**
     * The outcome of evaluating {@code values} (JSON object text): {@code errors} and {@code fired} are JSON array
     * text. A BOM generated from earlier values no longer applies.
     */
    public void evaluated(String values, boolean valid, String errors, BigDecimal price, String fired) {
        this.values = values;
        this.valid = valid;
        this.errors = errors;
        this.price = price;
        this.fired = fired;
        this.bomId = null;
    }

    /**
     * What the current rules make of the same values (before a BOM is generated from them): the revision stays, and
     * its BOM while the values are still valid.
     */
    public void reevaluated(boolean valid, String errors, BigDecimal price, String fired) {
        if (!valid) {
            this.bomId = null;
        }
        this.valid = valid;
        this.errors = errors;
        this.price = price;
        this.fired = fired;
    }

    /** The order line it configured is gone (removed, or its order deleted): it configures no line any more. */
    public void detach() {
        this.orderLineId = null;
    }

    /** The next revision: the values are about to change. */
    public void revise() {
        revision++;
    }

    /** The BOM generated from the current revision. */
    public void generated(UUID bomId) {
        this.bomId = bomId;
    }

    public UUID productId() {
        return productId;
    }

    public UUID orderLineId() {
        return orderLineId;
    }

    public int revision() {
        return revision;
    }

    public String values() {
        return values;
    }

    public boolean valid() {
        return valid;
    }

    public String errors() {
        return errors;
    }

    public BigDecimal price() {
        return price;
    }

    public String fired() {
        return fired;
    }

    public UUID bomId() {
        return bomId;
    }

    public UUID createdBy() {
        return createdBy;
    }
}
