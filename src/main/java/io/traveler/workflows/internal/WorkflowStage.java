package io.traveler.workflows.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.workflows.Workflows.ActionKind;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.SQLRestriction;

/** A stage of one workflow version: owned by a station, with its expected duration and required actions. */
@Entity
@Table(schema = "workflows", name = "stages")
@SQLRestriction("org_id = nullif(current_setting('app.org_id', true), '')::uuid")
public class WorkflowStage {
    @Id
    private UUID id = Ids.newId();

    @Column(name = "org_id", nullable = false, updatable = false)
    private UUID orgId;

    @Column(name = "workflow_id", nullable = false, updatable = false)
    private UUID workflowId;

    private int position;
    private String name;
    private UUID stationId;
    private int expectedMinutes;
    private UUID requiredQcProcessId;

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "stage_id", insertable = false, updatable = false)
    @OrderBy("position")
    @BatchSize(size = 200)
    private List<WorkflowStageAction> actions = new ArrayList<>();

    protected WorkflowStage() {}

    WorkflowStage(
            UUID workflowId, int position, String name, UUID stationId, int expectedMinutes, UUID requiredQcProcessId) {
        this.workflowId = workflowId;
        this.position = position;
        this.name = name.trim();
        this.stationId = stationId;
        this.expectedMinutes = expectedMinutes;
        this.requiredQcProcessId = requiredQcProcessId;
    }

    WorkflowStageAction addAction(ActionKind kind, String label, boolean required) {
        var action = new WorkflowStageAction(id, actions.size() + 1, kind, label, required);
        actions.add(action);
        return action;
    }

    @PrePersist
    void assignOrganization() {
        orgId = TenantContext.requireOrgId();
    }

    public UUID id() {
        return id;
    }

    public UUID workflowId() {
        return workflowId;
    }

    public int position() {
        return position;
    }

    public String name() {
        return name;
    }

    public UUID stationId() {
        return stationId;
    }

    public int expectedMinutes() {
        return expectedMinutes;
    }

    public UUID requiredQcProcessId() {
        return requiredQcProcessId;
    }

    public List<WorkflowStageAction> actions() {
        return List.copyOf(actions);
    }
}
