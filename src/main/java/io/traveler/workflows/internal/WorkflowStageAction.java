package io.traveler.workflows.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.workflows.Workflows.ActionKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.SQLRestriction;
import org.hibernate.type.SqlTypes;

/**
 * What must be done at a stage before it may be left: a scan, a checklist (its items), a measurement (unit, target
 * and tolerance), a photo, or a sign-off by someone holding a permission.
 */
@Entity
@Table(schema = "workflows", name = "stage_actions")
@SQLRestriction("org_id = nullif(current_setting('app.org_id', true), '')::uuid")
public class WorkflowStageAction {
    @Id
    private UUID id = Ids.newId();

    @Column(name = "org_id", nullable = false, updatable = false)
    private UUID orgId;

    @Column(name = "stage_id", nullable = false, updatable = false)
    private UUID stageId;

    private int position;

    @Enumerated(EnumType.STRING)
    private ActionKind kind;

    private String label;
    private boolean required;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] checklistItems = new String[0];

    private String unit;
    private BigDecimal targetValue;
    private BigDecimal tolerance;
    private String permission;

    protected WorkflowStageAction() {}

    WorkflowStageAction(UUID stageId, int position, ActionKind kind, String label, boolean required) {
        this.stageId = stageId;
        this.position = position;
        this.kind = kind;
        this.label = label.trim();
        this.required = required;
    }

    void checklist(List<String> items) {
        this.checklistItems = items.toArray(String[]::new);
    }

    void measure(String unit, BigDecimal targetValue, BigDecimal tolerance) {
        this.unit = unit;
        this.targetValue = targetValue;
        this.tolerance = tolerance;
    }

    void signedOffBy(String permission) {
        this.permission = permission;
    }

    @PrePersist
    void assignOrganization() {
        orgId = TenantContext.requireOrgId();
    }

    public UUID id() {
        return id;
    }

    public int position() {
        return position;
    }

    public ActionKind kind() {
        return kind;
    }

    public String label() {
        return label;
    }

    public boolean required() {
        return required;
    }

    public List<String> checklistItems() {
        return List.of(checklistItems);
    }

    public String unit() {
        return unit;
    }

    public BigDecimal targetValue() {
        return targetValue;
    }

    public BigDecimal tolerance() {
        return tolerance;
    }

    public String permission() {
        return permission;
    }
}
