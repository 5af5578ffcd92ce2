package io.traveler.customers.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A line of a quote: a product or one of its variants, with the SKU, name and list price the catalog gave when the
 * line was priced, the unit price quoted (the list price unless overridden) and the line total.
 */
@Entity
@Table(schema = "customers", name = "quote_lines")
public class QuoteLine extends TenantOwned {
    @Column(name = "quote_id", nullable = false, updatable = false)
    private UUID quoteId;

    private int position;
    private UUID productId;
    private UUID variantId;
    private String sku;
    private String name;
    private BigDecimal quantity;
    private BigDecimal listPrice;
    private BigDecimal unitPrice;
    private BigDecimal lineTotal;

    protected QuoteLine() {}

    QuoteLine(UUID quoteId, int position, UUID productId, UUID variantId) {
        this.quoteId = quoteId;
        this.position = position;
        this.productId = productId;
        this.variantId = variantId;
    }

    void describe(String sku, String name, BigDecimal listPrice) {
        this.sku = sku;
        this.name = name;
        this.listPrice = listPrice;
    }

    void price(BigDecimal quantity, BigDecimal unitPrice) {
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.lineTotal = QuoteTotals.lineTotal(quantity, unitPrice);
    }

    public UUID quoteId() {
        return quoteId;
    }

    public int position() {
        return position;
    }

    public UUID productId() {
        return productId;
    }

    public UUID variantId() {
        return variantId;
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public BigDecimal quantity() {
        return quantity;
    }

    public BigDecimal listPrice() {
        return listPrice;
    }

    public BigDecimal unitPrice() {
        return unitPrice;
    }

    public BigDecimal lineTotal() {
        return lineTotal;
    }
}
