package io.traveler.catalog.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * How one partner factory knows a variant: its own product code, variant code and SKU, its price, minimum quantity
 * and lead time. The mapping belongs to the brand that owns the variant.
 */
@Entity
@Table(schema = "catalog", name = "supplier_variants")
public class SupplierVariant extends TenantOwned {
    public enum Availability {
        AVAILABLE,
        LIMITED,
        OUT_OF_STOCK,
        DISCONTINUED
    }

    private UUID variantId;
    private UUID factoryOrgId;
    private String supplierProductCode;
    private String supplierVariantCode;
    private String supplierSku;
    private BigDecimal supplierPrice;
    private BigDecimal minimumQuantity;
    private Integer leadTimeDays;

    @Enumerated(EnumType.STRING)
    private Availability availability = Availability.AVAILABLE;

    protected SupplierVariant() {}

    public SupplierVariant(UUID variantId, UUID factoryOrgId) {
        this.variantId = variantId;
        this.factoryOrgId = factoryOrgId;
    }

    public void knownAs(String productCode, String variantCode, String sku) {
        this.supplierProductCode = productCode;
        this.supplierVariantCode = variantCode;
        this.supplierSku = sku;
    }

    public void pricedAt(BigDecimal supplierPrice) {
        this.supplierPrice = supplierPrice;
    }

    public void orderedFrom(BigDecimal minimumQuantity) {
        this.minimumQuantity = minimumQuantity;
    }

    public void deliveredIn(Integer leadTimeDays) {
        this.leadTimeDays = leadTimeDays;
    }

    public void changeAvailability(Availability availability) {
        this.availability = availability;
    }

    public UUID variantId() {
        return variantId;
    }

    public UUID factoryOrgId() {
        return factoryOrgId;
    }

    public String supplierProductCode() {
        return supplierProductCode;
    }

    public String supplierVariantCode() {
        return supplierVariantCode;
    }

    public String supplierSku() {
        return supplierSku;
    }

    public BigDecimal supplierPrice() {
        return supplierPrice;
    }

    public BigDecimal minimumQuantity() {
        return minimumQuantity;
    }

    public Integer leadTimeDays() {
        return leadTimeDays;
    }

    public Availability availability() {
        return availability;
    }
}
