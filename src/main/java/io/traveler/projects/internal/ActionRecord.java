package io.traveler.projects.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.workflows.Workflows.ActionKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A stage action done for one entry of a stage instance: the scanned code, the checklist ticked, the measured value
 * and whether it is within tolerance, the photo's file key, or the sign-off. Recording it again replaces it.
 */
@Entity
@Table(schema = "projects", name = "action_records")
public class ActionRecord {
    @Id
    private UUID id = Ids.newId();

    @Column(name = "org_id", nullable = false, updatable = false)
    private UUID orgId;

    private UUID stageInstanceId;
    private int stageEntry;
    private UUID actionId;

    @Enumerated(EnumType.STRING)
    private ActionKind kind;

    private String valueText;
    private BigDecimal measuredValue;
    private Boolean withinTolerance;
    private UUID actorId;
    private Instant at;

    protected ActionRecord() {}

    ActionRecord(StageInstance stage, UUID actionId, ActionKind kind) {
        this.orgId = TenantContext.requireOrgId();
        this.stageInstanceId = stage.id();
        this.stageEntry = stage.entries();
        this.actionId = actionId;
        this.kind = kind;
    }

    void record(String valueText, BigDecimal measuredValue, Boolean withinTolerance, UUID actor, Instant at) {
        this.valueText = valueText;
        this.measuredValue = measuredValue;
        this.withinTolerance = withinTolerance;
        this.actorId = actor;
        this.at = at;
    }

    /** Done: recorded, and a measurement within its tolerance. */
    boolean satisfies() {
        return kind != ActionKind.MEASUREMENT || Boolean.TRUE.equals(withinTolerance);
    }

    public UUID id() {
        return id;
    }

    public UUID stageInstanceId() {
        return stageInstanceId;
    }

    public int stageEntry() {
        return stageEntry;
    }

    public UUID actionId() {
        return actionId;
    }

    public ActionKind kind() {
        return kind;
    }

    public String valueText() {
        return valueText;
    }

    public BigDecimal measuredValue() {
        return measuredValue;
    }

    public Boolean withinTolerance() {
        return withinTolerance;
    }

    public UUID actorId() {
        return actorId;
    }

    public Instant at() {
        return at;
    }
}
