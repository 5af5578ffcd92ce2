package io.traveler.catalog.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** One sellable form of a product (size M, blue), known everywhere by its 5-character system code. */
@Entity
@Table(schema = "catalog", name = "variants")
public class Variant extends TenantOwned {
    public enum Status {
        ACTIVE,
        INACTIVE,
        DISCONTINUED
    }

    private UUID productId;
    private String code;
    private String name;
    private String sku;

    @ColumnTransformer(write = "?::jsonb")
    private String attributes = "{}";

    private BigDecimal price;
    private BigDecimal costPrice;

    @Enumerated(EnumType.STRING)
    private Status status = Status.ACTIVE;

    protected Variant() {}

    public Variant(UUID productId, String code, String name) {
        this.productId = productId;
        this.code = code;
        rename(name);
    }

    public void rename(String name) {
        this.name = name.trim();
    }

    public void identifyAs(String sku) {
        this.sku = sku == null ? null : sku.trim();
    }

    /** The attributes are a JSON object ({"size": "M"}), kept as its text. */
    public void describeBy(String attributes) {
        this.attributes = attributes == null ? "{}" : attributes;
    }

    /** Without a price of its own the variant sells at its product's base price. */
    public void priceAt(BigDecimal price) {
        this.price = price;
    }

    public void costs(BigDecimal costPrice) {
        this.costPrice = costPrice;
    }

    public void changeStatus(Status status) {
        this.status = status;
    }

    public UUID productId() {
        return productId;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public String sku() {
        return sku;
    }

    public String attributes() {
        return attributes;
    }

    public BigDecimal price() {
        return price;
    }

    public BigDecimal costPrice() {
        return costPrice;
    }

    public Status status() {
        return status;
    }
}
