package io.traveler.configurator.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A rule as data, of one product or of every product of a category: when its CEL condition holds, its actions apply
 * (by type: an error, a compatibility requirement, BOM components added, removed or replaced, a price change, a
 * custom part minted). Lower priority first; inactive rules are kept but never fire.
 */
@Entity
@Table(schema = "configurator", name = "rules")
public class ConfigurationRule extends TenantOwned {
    public enum Type {
        VALIDATION,
        COMPATIBILITY,
        COMPONENT_SELECTION,
        PRICING,
        CUSTOM_PART
    }

    /**
     * Everything a rule holds but its scope, as written. {@code actions} is the JSON array text of the actions;
     * {@code exampleValues} the JSON object text of example values (the console's starting point).
     */
    public record Definition(
            String name,
            String description,
            Type type,
            int priority,
            String condition,
            String actions,
            boolean active,
            String exampleValues) {}

    private UUID productId;
    private UUID categoryId;
    private String name;
    private String description;

    @Enumerated(EnumType.STRING)
    private Type type;

    private int priority;
    private String condition;

    @ColumnTransformer(write = "?::jsonb")
    private String actions = "[]";

    private boolean active = true;

    @ColumnTransformer(write = "?::jsonb")
    private String exampleValues = "{}";

    protected ConfigurationRule() {}

    /** A rule of a product ({@code categoryId} null) or of a category ({@code productId} null). */
    public ConfigurationRule(UUID productId, UUID categoryId, Definition definition) {
        this.productId = productId;
        this.categoryId = categoryId;
        define(definition);
    }

    public void define(Definition d) {
        this.name = d.name();
        this.description = d.description();
        this.type = d.type();
        this.priority = d.priority();
        this.condition = d.condition();
        this.actions = d.actions();
        this.active = d.active();
        this.exampleValues = d.exampleValues() == null ? "{}" : d.exampleValues();
    }

    public Definition definition() {
        return new Definition(name, description, type, priority, condition, actions, active, exampleValues);
    }

    public UUID productId() {
        return productId;
    }

    public UUID categoryId() {
        return categoryId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Type type() {
        return type;
    }

    public int priority() {
        return priority;
    }

    public String condition() {
        return condition;
    }

    public String actions() {
        return actions;
    }

    public boolean active() {
        return active;
    }

    public String exampleValues() {
        return exampleValues;
    }
}
