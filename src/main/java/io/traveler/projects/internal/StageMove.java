package io.traveler.projects.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One move of a project between stages, written once. */
@Entity
@Table(schema = "projects", name = "stage_moves")
public class StageMove {
    public enum Kind {
        START,
        ADVANCE,
        REWORK,
        COMPLETE
    }

    @Id
    private UUID id = Ids.newId();

    @Column(name = "org_id", nullable = false, updatable = false)
    private UUID orgId;

    private UUID projectId;
    private UUID fromStageId;
    private UUID toStageId;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    private String reason;
    private UUID actorId;
    private Instant at;

    protected StageMove() {}

    StageMove(Project project, StageInstance from, StageInstance to, Kind kind, String reason, UUID actor, Instant at) {
        this.orgId = TenantContext.requireOrgId();
        this.projectId = project.id();
        this.fromStageId = from == null ? null : from.id();
        this.toStageId = to == null ? null : to.id();
        this.kind = kind;
        this.reason = reason;
        this.actorId = actor;
        this.at = at;
    }

    public UUID id() {
        return id;
    }

    public UUID projectId() {
        return projectId;
    }

    public UUID fromStageId() {
        return fromStageId;
    }

    public UUID toStageId() {
        return toStageId;
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    public UUID actorId() {
        return actorId;
    }

    public Instant at() {
        return at;
    }
}
