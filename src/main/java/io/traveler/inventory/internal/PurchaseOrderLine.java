package io.traveler.inventory.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.UUID;

/** One line of a purchase order: a part, how much at what unit price, by when, and how much has come in. */
@Entity
@Table(schema = "inventory", name = "purchase_order_lines")
public class PurchaseOrderLine extends TenantOwned {
    @Column(nullable = false, updatable = false)
    private UUID purchaseOrderId;

    private int lineNo;
    private UUID partId;
    private String supplierSku;
    private BigDecimal quantity;
    private BigDecimal unitPrice;
    private BigDecimal receivedQuantity = BigDecimal.ZERO;
    private LocalDate expectedOn;

    protected PurchaseOrderLine() {}

    public PurchaseOrderLine(
            UUID purchaseOrderId,
            int lineNo,
            UUID partId,
            String supplierSku,
            BigDecimal quantity,
            BigDecimal unitPrice,
            LocalDate expectedOn) {
        this.purchaseOrderId = purchaseOrderId;
        this.lineNo = lineNo;
        this.partId = partId;
        this.supplierSku = supplierSku;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.expectedOn = expectedOn;
    }

    /** What is still to come. */
    public BigDecimal outstanding() {
        return quantity.subtract(receivedQuantity);
    }

    public boolean complete() {
        return outstanding().signum() <= 0;
    }

    public BigDecimal total() {
        return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
    }

    void receive(BigDecimal quantity) {
        this.receivedQuantity = receivedQuantity.add(quantity);
    }

    public UUID purchaseOrderId() {
        return purchaseOrderId;
    }

    public int lineNo() {
        return lineNo;
    }

    public UUID partId() {
        return partId;
    }

    public String supplierSku() {
        return supplierSku;
    }

    public BigDecimal quantity() {
        return quantity;
    }

    public BigDecimal unitPrice() {
        return unitPrice;
    }

    public BigDecimal receivedQuantity() {
        return receivedQuantity;
    }

    public LocalDate expectedOn() {
        return expectedOn;
    }
}
