package io.traveler.inventory.internal;

import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A purchase order to a supplier. Written as a DRAFT (only then do its supplier and lines change), SENT, then
 * received in one or more receipts (PARTIALLY_RECEIVED until every line is, then RECEIVED), or CANCELLED before
 * it is complete (what was received stays in stock).
 */
@Entity
@Table(schema = "inventory", name = "purchase_orders")
public class PurchaseOrder extends TenantOwned {
    public enum Status {
        DRAFT,
        SENT,
        PARTIALLY_RECEIVED,
        RECEIVED,
        CANCELLED;

        public boolean open() {
            return this == SENT || this == PARTIALLY_RECEIVED;
        }

        public boolean closed() {
            return this == RECEIVED || this == CANCELLED;
        }
    }

    @Column(nullable = false, updatable = false)
    private String code;

    private UUID supplierId;

    @Enumerated(EnumType.STRING)
    private Status status = Status.DRAFT;

    private LocalDate orderedOn;
    private LocalDate expectedOn;
    private String currency;
    private String notes;
    private Instant sentAt;
    private Instant closedAt;

    @Column(updatable = false)
    private UUID createdBy;

    protected PurchaseOrder() {}

    public PurchaseOrder(String code, UUID supplierId, String currency, LocalDate orderedOn, UUID createdBy) {
        this.code = code;
        this.supplierId = supplierId;
        this.currency = currency;
        this.orderedOn = orderedOn;
        this.createdBy = createdBy;
    }

    void orderFrom(UUID supplierId, String currency) {
        requireDraft("change its supplier");
        this.supplierId = supplierId;
        this.currency = currency;
    }

    void expect(LocalDate expectedOn) {
        requireNotClosed("change its expected date");
        this.expectedOn = expectedOn;
    }

    void note(String notes) {
        requireNotClosed("change its notes");
        this.notes = notes;
    }

    void requireDraft(String toDo) {
        if (status != Status.DRAFT) {
            throw new ConflictException("Purchase order " + code + " is " + status + ": only a draft may " + toDo);
        }
    }

    private void requireNotClosed(String toDo) {
        if (status.closed()) {
            throw new ConflictException(
                    "Purchase order " + code + " is " + status + ": it is closed, so cannot " + toDo);
        }
    }

    void send(Instant at) {
        requireDraft("be sent");
        status = Status.SENT;
        sentAt = at;
        orderedOn = LocalDate.ofInstant(at, java.time.ZoneOffset.UTC);
    }

    void cancel(Instant at) {
        requireNotClosed("be cancelled");
        status = Status.CANCELLED;
        closedAt = at;
    }

    void requireReceivable() {
        if (!status.open()) {
            throw new ConflictException("Purchase order " + code + " is " + status
                    + (status == Status.DRAFT
                            ? ": send it before receiving against it"
                            : ": nothing more is expected"));
        }
    }

    /** After a receipt: RECEIVED once every line is, else PARTIALLY_RECEIVED. */
    void received(boolean complete, Instant at) {
        requireReceivable();
        status = complete ? Status.RECEIVED : Status.PARTIALLY_RECEIVED;
        closedAt = complete ? at : null;
    }

    public String code() {
        return code;
    }

    public UUID supplierId() {
        return supplierId;
    }

    public Status status() {
        return status;
    }

    public LocalDate orderedOn() {
        return orderedOn;
    }

    public LocalDate expectedOn() {
        return expectedOn;
    }

    public String currency() {
        return currency;
    }

    public String notes() {
        return notes;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public UUID createdBy() {
        return createdBy;
    }
}
