package io.traveler.orders.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.jpa.Stamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/**
 * One line of an order: a product or variant (of the brand, for a purchase order), its SKU and name as they were when
 * the line was written, the factory's own codes for it where mapped, quantity, unit price and their product.
 */
@Entity
@Table(schema = "orders", name = "order_lines")
public class OrderLine extends Stamped {
    @Id
    private UUID id = Ids.newId();

    @Column(name = "org_id", nullable = false, updatable = false)
    private UUID orgId;

    @Column(nullable = false, updatable = false)
    private UUID orderId;

    @Column(updatable = false)
    private UUID brandOrgId;

    private int lineNo;
    private UUID productId;
    private UUID variantId;
    private String sku;
    private String name;
    private String supplierProductCode;
    private String supplierVariantCode;
    private String supplierSku;
    private BigDecimal quantity;
    private BigDecimal unitPrice;
    private BigDecimal lineTotal;
    private UUID configurationId;
    private UUID bomId;
    private boolean priceOverridden;

    protected OrderLine() {}

    public OrderLine(Order order, int lineNo, UUID productId, UUID variantId, String sku, String name) {
        this.orgId = order.orgId();
        this.orderId = order.id();
        this.brandOrgId = order.brandOrgId();
        this.lineNo = lineNo;
        this.productId = productId;
        this.variantId = variantId;
        this.sku = sku;
        this.name = name;
    }

    public UUID id() {
        return id;
    }

    public UUID orgId() {
        return orgId;
    }

    public UUID orderId() {
        return orderId;
    }

    public int lineNo() {
        return lineNo;
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

    public String supplierProductCode() {
        return supplierProductCode;
    }

    public String supplierVariantCode() {
        return supplierVariantCode;
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

    public BigDecimal lineTotal() {
        return lineTotal;
    }

    public UUID configurationId() {
        return configurationId;
    }

    public UUID bomId() {
        return bomId;
    }

    /** The unit price was set by hand; the configuration's price no longer reaches it. */
    public boolean priceOverridden() {
        return priceOverridden;
    }

    /** The line's configuration and the BOM generated from its current values (null: none yet). */
    public void configure(UUID configurationId, UUID bomId) {
        this.configurationId = configurationId;
        this.bomId = bomId;
    }

    /** The unit price is now set by hand. */
    public void overridePrice() {
        this.priceOverridden = true;
    }

    /** Sets quantity and unit price; the line total is their product, rounded half up to 4 decimals (as the
     * database's {@code round(quantity * unit_price, 4)} check does). */
    public void price(BigDecimal quantity, BigDecimal unitPrice) {
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.lineTotal = quantity.multiply(unitPrice).setScale(4, RoundingMode.HALF_UP);
    }

    public void knownAtFactoryAs(String productCode, String variantCode, String sku) {
        this.supplierProductCode = productCode;
        this.supplierVariantCode = variantCode;
        this.supplierSku = sku;
    }
}
