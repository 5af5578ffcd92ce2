package io.traveler.catalog.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/** A product template: what the organization sells or builds, made according to its ACTIVE bill of materials. */
@Entity
@Table(schema = "catalog", name = "products")
public class Product extends TenantOwned {
    public enum Type {
        COMPONENT,
        KIT,
        SERVICE_PART,
        ACCESSORY
    }

    public enum Status {
        DRAFT,
        ACTIVE,
        DISCONTINUED
    }

    private String sku;
    private String name;
    private String description;

    @Enumerated(EnumType.STRING)
    private Type type = Type.COMPONENT;

    private BigDecimal basePrice;
    private UUID defaultWorkflowId;

    @Enumerated(EnumType.STRING)
    private Status status = Status.DRAFT;

    private UUID categoryId;

    protected Product() {}

    public Product(String sku, String name) {
        resku(sku);
        rename(name);
    }

    public void resku(String sku) {
        this.sku = sku.trim();
    }

    public void rename(String name) {
        this.name = name.trim();
    }

    public void describe(String description) {
        this.description = description;
    }

    public void classify(Type type) {
        this.type = type;
    }

    public void priceAt(BigDecimal basePrice) {
        this.basePrice = basePrice;
    }

    public void madeBy(UUID defaultWorkflowId) {
        this.defaultWorkflowId = defaultWorkflowId;
    }

    public void changeStatus(Status status) {
        this.status = status;
    }

    public void fileUnder(UUID categoryId) {
        this.categoryId = categoryId;
    }

    public String sku() {
        return sku;
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

    public BigDecimal basePrice() {
        return basePrice;
    }

    public UUID defaultWorkflowId() {
        return defaultWorkflowId;
    }

    public Status status() {
        return status;
    }

    public UUID categoryId() {
        return categoryId;
    }
}
