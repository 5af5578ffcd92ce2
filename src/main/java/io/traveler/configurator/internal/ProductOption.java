package io.traveler.configurator.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One thing a customer chooses about a product: typed (a NUMBER within min, max and step, a CHOICE among labelled
 * values, a BOOLEAN, a TEXT matching a pattern), with a default, a help text, its place in the form (position and
 * group) and, for an option that depends on others, the CEL condition under which it is shown.
 */
@Entity
@Table(schema = "configurator", name = "options")
public class ProductOption extends TenantOwned {
    public enum Type {
        NUMBER,
        CHOICE,
        BOOLEAN,
        TEXT;

        /** How a value of this type looks to a CEL expression. */
        public Expressions.ValueType valueType() {
            return switch (this) {
                case NUMBER -> Expressions.ValueType.NUMBER;
                case BOOLEAN -> Expressions.ValueType.BOOL;
                case CHOICE, TEXT -> Expressions.ValueType.STRING;
            };
        }
    }

    /**
     * Everything an option holds but its product and code, as it is written. {@code choices} is the JSON array
     * text of {@code {"value","label"}} objects ({@code "[]"} for other types); {@code defaultValue} the JSON text
     * of the default (null: none).
     */
    public record Definition(
            String label,
            Type type,
            BigDecimal minValue,
            BigDecimal maxValue,
            BigDecimal step,
            String unit,
            String choices,
            String pattern,
            String defaultValue,
            String help,
            int position,
            String groupName,
            boolean required,
            String visibleWhen) {}

    private UUID productId;
    private String code;
    private String label;

    @Enumerated(EnumType.STRING)
    private Type type;

    private BigDecimal minValue;
    private BigDecimal maxValue;
    private BigDecimal step;
    private String unit;

    @ColumnTransformer(write = "?::jsonb")
    private String choices = "[]";

    private String pattern;

    @Column(name = "default_value")
    @ColumnTransformer(write = "?::jsonb")
    private String defaultValue;

    private String help;
    private int position;
    private String groupName;
    private boolean required = true;
    private String visibleWhen;

    protected ProductOption() {}

    public ProductOption(UUID productId, String code, Definition definition) {
        this.productId = productId;
        this.code = code;
        define(definition);
    }

    public void define(Definition d) {
        this.label = d.label();
        this.type = d.type();
        this.minValue = d.minValue();
        this.maxValue = d.maxValue();
        this.step = d.step();
        this.unit = d.unit();
        this.choices = d.choices() == null ? "[]" : d.choices();
        this.pattern = d.pattern();
        this.defaultValue = d.defaultValue();
        this.help = d.help();
        this.position = d.position();
        this.groupName = d.groupName();
        this.required = d.required();
        this.visibleWhen = d.visibleWhen();
    }

    public Definition definition() {
        return new Definition(
                label,
                type,
                minValue,
                maxValue,
                step,
                unit,
                choices,
                pattern,
                defaultValue,
                help,
                position,
                groupName,
                required,
                visibleWhen);
    }

    public UUID productId() {
        return productId;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public Type type() {
        return type;
    }

    public BigDecimal minValue() {
        return minValue;
    }

    public BigDecimal maxValue() {
        return maxValue;
    }

    public BigDecimal step() {
        return step;
    }

    public String unit() {
        return unit;
    }

    public String choices() {
        return choices;
    }

    public String pattern() {
        return pattern;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String help() {
        return help;
    }

    public int position() {
        return position;
    }

    public String groupName() {
        return groupName;
    }

    public boolean required() {
        return required;
    }

    public String visibleWhen() {
        return visibleWhen;
    }
}
