package io.traveler.orders.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * What only the fulfilling organization knows of an order: its internal notes and estimated cost. Kept apart from
 * {@link Order} because a purchase order's row is shared with its brand and this one never is.
 */
@Entity
@Table(schema = "orders", name = "order_internals")
public class OrderInternal {
    @Id
    private UUID orderId;

    @Column(name = "org_id", nullable = false, updatable = false)
    private UUID orgId;

    private String internalNotes;
    private BigDecimal estimatedCost;

    protected OrderInternal() {}

    public OrderInternal(Order order) {
        this.orderId = order.id();
        this.orgId = order.orgId();
    }

    public UUID orderId() {
        return orderId;
    }

    public String internalNotes() {
        return internalNotes;
    }

    public BigDecimal estimatedCost() {
        return estimatedCost;
    }

    public void note(String internalNotes) {
        this.internalNotes = internalNotes;
    }

    public void estimate(BigDecimal estimatedCost) {
        this.estimatedCost = estimatedCost;
    }

    public boolean isEmpty() {
        return internalNotes == null && estimatedCost == null;
    }
}
