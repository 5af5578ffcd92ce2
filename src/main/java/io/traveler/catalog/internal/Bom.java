package io.traveler.catalog.internal;

import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * One numbered version of a product's bill of materials: DRAFT → PENDING_APPROVAL → APPROVED → ACTIVE →
 * SUPERSEDED. Only a DRAFT's lines may change; at most one version of a product is ACTIVE.
 */
@Entity
@Table(schema = "catalog", name = "boms")
public class Bom extends TenantOwned {
    public enum Status {
        DRAFT,
        PENDING_APPROVAL,
        APPROVED,
        ACTIVE,
        SUPERSEDED
    }

    public enum ComponentType {
        PART,
        PRODUCT
    }

    private UUID productId;
    private int number;

    @Enumerated(EnumType.STRING)
    private Status status = Status.DRAFT;

    private UUID parentBomId;
    private String notes;

    protected Bom() {}

    public Bom(UUID productId, int number, UUID parentBomId, String notes) {
        this.productId = productId;
        this.number = number;
        this.parentBomId = parentBomId;
        this.notes = notes;
    }

    public void requireDraft() {
        if (status != Status.DRAFT) {
            throw new ConflictException("BOM " + id() + " is " + status + "; only a DRAFT can be edited");
        }
    }

    public void submit() {
        move(Status.DRAFT, Status.PENDING_APPROVAL);
    }

    public void approve() {
        move(Status.PENDING_APPROVAL, Status.APPROVED);
    }

    /** APPROVED → ACTIVE; straight from DRAFT only when the caller may both approve and administer. */
    public void activate(boolean mayActivateDraft) {
        if (status == Status.DRAFT && mayActivateDraft) {
            status = Status.ACTIVE;
            return;
        }
        move(Status.APPROVED, Status.ACTIVE);
    }

    public void supersede() {
        move(Status.ACTIVE, Status.SUPERSEDED);
    }

    private void move(Status from, Status to) {
        if (status != from) {
            throw new ConflictException("BOM " + id() + " is " + status + ", not " + from + "; it cannot become " + to);
        }
        status = to;
    }

    public UUID productId() {
        return productId;
    }

    public int number() {
        return number;
    }

    public Status status() {
        return status;
    }

    public UUID parentBomId() {
        return parentBomId;
    }

    public String notes() {
        return notes;
    }
}
