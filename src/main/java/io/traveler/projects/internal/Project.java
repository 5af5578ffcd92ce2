package io.traveler.projects.internal;

import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A production job: it runs one workflow version (never changed once created), for a customer, optionally for an
 * order or one of its lines, and for a product whose ACTIVE bill of materials it pinned when it was created.
 */
@Entity
@Table(schema = "projects", name = "projects")
public class Project extends TenantOwned {
    public enum Status {
        DRAFT,
        ACTIVE,
        ON_HOLD,
        COMPLETED,
        CANCELLED;

        public boolean isFinal() {
            return this == COMPLETED || this == CANCELLED;
        }
    }

    @Column(nullable = false, updatable = false)
    private String code;

    private String name;

    @Column(updatable = false)
    private UUID customerId;

    @Column(updatable = false)
    private UUID orderId;

    @Column(updatable = false)
    private UUID orderLineId;

    @Column(updatable = false)
    private UUID productId;

    @Column(updatable = false)
    private UUID bomId;

    @Column(nullable = false, updatable = false)
    private UUID workflowId;

    private BigDecimal quantity;
    private LocalDate dueDate;
    private BigDecimal estimatedPrice;
    private BigDecimal estimatedCost;

    @Enumerated(EnumType.STRING)
    private Status status = Status.DRAFT;

    private UUID currentStageId;
    private String notes;
    private Instant startedAt;
    private Instant completedAt;

    @Column(updatable = false)
    private UUID createdBy;

    /** What the materials issued to it cost: written by inventory through ProjectStages, only read here. */
    @Column(insertable = false, updatable = false)
    private BigDecimal materialsCost;

    protected Project() {}

    /** The origin of a project: what it was made from, fixed at creation. */
    public record Origin(
            UUID customerId, UUID orderId, UUID orderLineId, UUID productId, UUID bomId, UUID workflowId) {}

    public Project(String code, String name, Origin origin, BigDecimal quantity, UUID createdBy) {
        this.code = code;
        this.name = name;
        this.customerId = origin.customerId();
        this.orderId = origin.orderId();
        this.orderLineId = origin.orderLineId();
        this.productId = origin.productId();
        this.bomId = origin.bomId();
        this.workflowId = origin.workflowId();
        this.quantity = quantity;
        this.createdBy = createdBy;
    }

    public void rename(String name) {
        this.name = name;
    }

    public void plan(BigDecimal quantity, LocalDate dueDate, BigDecimal estimatedPrice, BigDecimal estimatedCost) {
        this.quantity = quantity;
        this.dueDate = dueDate;
        this.estimatedPrice = estimatedPrice;
        this.estimatedCost = estimatedCost;
    }

    public void note(String notes) {
        this.notes = notes;
    }

    void start(UUID firstStageId, Instant at) {
        require(Status.DRAFT, "started");
        this.status = Status.ACTIVE;
        this.startedAt = at;
        this.currentStageId = firstStageId;
    }

    void enter(UUID stageId) {
        this.currentStageId = stageId;
    }

    void complete(Instant at) {
        require(Status.ACTIVE, "completed");
        this.status = Status.COMPLETED;
        this.completedAt = at;
        this.currentStageId = null;
    }

    void hold() {
        require(Status.ACTIVE, "put on hold");
        this.status = Status.ON_HOLD;
    }

    void resume() {
        require(Status.ON_HOLD, "resumed");
        this.status = Status.ACTIVE;
    }

    void cancel() {
        if (status == Status.DRAFT) {
            throw new ConflictException("A DRAFT project is deleted, not cancelled");
        }
        if (status.isFinal()) {
            throw new ConflictException("A " + status + " project cannot be cancelled");
        }
        this.status = Status.CANCELLED;
    }

    void requireActive(String what) {
        require(Status.ACTIVE, what);
    }

    private void require(Status expected, String what) {
        if (status != expected) {
            throw new ConflictException("Only an " + expected + " project can be " + what + "; this one is " + status);
        }
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public UUID customerId() {
        return customerId;
    }

    public UUID orderId() {
        return orderId;
    }

    public UUID orderLineId() {
        return orderLineId;
    }

    public UUID productId() {
        return productId;
    }

    public UUID bomId() {
        return bomId;
    }

    public UUID workflowId() {
        return workflowId;
    }

    public BigDecimal quantity() {
        return quantity;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    public BigDecimal estimatedPrice() {
        return estimatedPrice;
    }

    public BigDecimal estimatedCost() {
        return estimatedCost;
    }

    public Status status() {
        return status;
    }

    public UUID currentStageId() {
        return currentStageId;
    }

    public String notes() {
        return notes;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public BigDecimal materialsCost() {
        return materialsCost == null ? BigDecimal.ZERO : materialsCost;
    }

    public UUID createdBy() {
        return createdBy;
    }
}
