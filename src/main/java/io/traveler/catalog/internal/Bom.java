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
 * SUPERSEDED. Only a DRAFT's lines may change; at most one version of a product is ACTIVE. A CUSTOM version was
 * generated for one configuration of the product: it is approved like any other but never becomes the product's
 * ACTIVE one.
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

    public enum Kind {
        STANDARD,
        CUSTOM
    }

    private UUID productId;
    private int number;

    @Enumerated(EnumType.STRING)
    private Kind kind = Kind.STANDARD;

    private UUID configurationId;

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

    /** A CUSTOM version, generated for one configuration of the product. */
    public static Bom custom(UUID productId, int number, UUID configurationId, String notes) {
        var bom = new Bom(productId, number, null, notes);
        bom.kind = Kind.CUSTOM;
        bom.configurationId = configurationId;
        return bom;
    }

    /** A new version copying this one; a CUSTOM BOM is not revised (409): it is generated again. */
    public Bom revision(int number) {
        requireLinesByHand();
        var copy = new Bom(productId, number, id(), notes);
        copy.kind = kind;
        copy.configurationId = configurationId;
        return copy;
    }

    /**
     * A CUSTOM BOM's lines come from its configuration's rules alone (the rule behind each line is recorded with
     * it): they are neither edited nor revised by hand, the BOM is generated again.
     */
    public void requireLinesByHand() {
        if (kind == Kind.CUSTOM) {
            throw new ConflictException("BOM " + id() + " is CUSTOM: its lines come from configuration "
                    + configurationId + "; regenerate it from its configuration instead of editing it");
        }
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
        requireActivatable();
        if (status == Status.DRAFT && mayActivateDraft) {
            status = Status.ACTIVE;
            return;
        }
        move(Status.APPROVED, Status.ACTIVE);
    }

    /** A CUSTOM BOM is used by its configuration alone: it never becomes the product's ACTIVE one. */
    public void requireActivatable() {
        if (kind == Kind.CUSTOM) {
            throw new ConflictException("BOM " + id() + " is CUSTOM: it was generated for configuration "
                    + configurationId + " and is never its product's ACTIVE BOM");
        }
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

    public Kind kind() {
        return kind;
    }

    public UUID configurationId() {
        return configurationId;
    }
}
