package io.traveler.workflows.internal;

import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.OptimisticLock;

/**
 * One version of a workflow: its name and its stages in order. The versions of a workflow share a family (the id of
 * its first version); at most one of them is ACTIVE. An ACTIVE version is never changed: editing it writes the next
 * version and retires this one (SUPERSEDED), so the projects running it keep what they started with.
 */
@Entity
@Table(schema = "workflows", name = "workflows")
public class WorkflowVersion extends TenantOwned {
    public enum Status {
        DRAFT,
        ACTIVE,
        SUPERSEDED,
        ARCHIVED
    }

    @Column(nullable = false, updatable = false)
    private UUID familyId;

    @Column(nullable = false, updatable = false)
    private int versionNo;

    private String name;
    private String description;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(updatable = false)
    private UUID createdBy;

    /** Replaced whole by an edit of a draft, which moves the version itself (WorkflowService.edit). */
    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "workflow_id", insertable = false, updatable = false)
    @OrderBy("position")
    @BatchSize(size = 50)
    @OptimisticLock(excluded = true)
    private List<WorkflowStage> stages = new ArrayList<>();

    protected WorkflowVersion() {}

    /** The first version of a new workflow. */
    static WorkflowVersion first(String name, String description, Status status, UUID createdBy) {
        var workflow = new WorkflowVersion();
        workflow.familyId = workflow.id();
        workflow.versionNo = 1;
        workflow.status = status;
        workflow.createdBy = createdBy;
        workflow.describe(name, description);
        return workflow;
    }

    /** The version after {@code previous}, in its family, ACTIVE. */
    static WorkflowVersion after(
            WorkflowVersion previous, int versionNo, String name, String description, UUID createdBy) {
        var workflow = new WorkflowVersion();
        workflow.familyId = previous.familyId;
        workflow.versionNo = versionNo;
        workflow.status = Status.ACTIVE;
        workflow.createdBy = createdBy;
        workflow.describe(name, description);
        return workflow;
    }

    void describe(String name, String description) {
        this.name = name.trim();
        this.description = description == null || description.isBlank() ? null : description.strip();
    }

    void replaceStages(List<WorkflowStage> next) {
        stages.clear();
        stages.addAll(next);
    }

    void requireDraft(String what) {
        if (status != Status.DRAFT) {
            throw new ConflictException(
                    "Workflow version " + versionNo + " is " + status.name().toLowerCase() + ": " + what);
        }
    }

    void activate() {
        if (status == Status.ACTIVE) {
            throw new ConflictException("This version is already active");
        }
        status = Status.ACTIVE;
    }

    /** Retired by the version that replaces it; unchanged otherwise, since projects may run it. */
    void supersede() {
        status = Status.SUPERSEDED;
    }

    void archive() {
        if (status == Status.ARCHIVED) {
            throw new ConflictException("This version is already archived");
        }
        status = Status.ARCHIVED;
    }

    public UUID familyId() {
        return familyId;
    }

    public int versionNo() {
        return versionNo;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Status status() {
        return status;
    }

    public UUID createdBy() {
        return createdBy;
    }

    public List<WorkflowStage> stages() {
        return List.copyOf(stages);
    }
}
