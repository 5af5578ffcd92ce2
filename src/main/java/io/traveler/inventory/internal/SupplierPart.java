package io.traveler.inventory.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/** What one supplier sells of one part: its number for it, price, lead time, minimum quantity, and preference. */
@Entity
@Table(schema = "inventory", name = "supplier_parts")
public class SupplierPart extends TenantOwned {
    @Column(nullable = false, updatable = false)
    private UUID supplierId;

    @Column(nullable = false, updatable = false)
    private UUID partId;

    private String supplierSku;
    private BigDecimal unitPrice;
    private Integer leadTimeDays;
    private BigDecimal minimumQuantity;
    private boolean preferred;

    protected SupplierPart() {}

    public SupplierPart(UUID supplierId, UUID partId, BigDecimal unitPrice) {
        this.supplierId = supplierId;
        this.partId = partId;
        this.unitPrice = unitPrice;
    }

    void knownAs(String supplierSku) {
        this.supplierSku = supplierSku;
    }

    void pricedAt(BigDecimal unitPrice) {
        this.unitPrice = unitPrice;
    }

    void deliveredIn(Integer leadTimeDays) {
        this.leadTimeDays = leadTimeDays;
    }

    void soldFrom(BigDecimal minimumQuantity) {
        this.minimumQuantity = minimumQuantity;
    }

    void prefer(boolean preferred) {
        this.preferred = preferred;
    }

    public UUID supplierId() {
        return supplierId;
    }

    public UUID partId() {
        return partId;
    }

    public String supplierSku() {
        return supplierSku;
    }

    public BigDecimal unitPrice() {
        return unitPrice;
    }

    public Integer leadTimeDays() {
        return leadTimeDays;
    }

    public BigDecimal minimumQuantity() {
        return minimumQuantity;
    }

    public boolean preferred() {
        return preferred;
    }
}
