package io.traveler.projects.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A project's copy of one stage of its workflow version, and where it stands. {@code entries} counts how often it
 * was entered: each entry has its own template tasks and stage action records.
 */
@Entity
@Table(schema = "projects", name = "stage_instances")
public class StageInstance {
    public enum Status {
        PENDING,
        IN_PROGRESS,
        DONE,
        SKIPPED
    }

    @Id
    private UUID id = Ids.newId();

    @Column(name = "org_id", nullable = false, updatable = false)
    private UUID orgId;

    @Column(nullable = false, updatable = false)
    private UUID projectId;

    @Column(nullable = false, updatable = false)
    private UUID stageId;

    @Column(updatable = false)
    private int position;

    @Column(updatable = false)
    private String name;

    @Column(updatable = false)
    private UUID stationId;

    @Column(updatable = false)
    private int expectedMinutes;

    @Enumerated(EnumType.STRING)
    private Status status = Status.PENDING;

    private int entries;
    private Instant startedAt;
    private Instant endedAt;
    private UUID movedBy;

    @Version
    private Long version;

    protected StageInstance() {}

    StageInstance(Project project, UUID stageId, int position, String name, UUID stationId, int expectedMinutes) {
        this.orgId = TenantContext.requireOrgId();
        this.projectId = project.id();
        this.stageId = stageId;
        this.position = position;
        this.name = name;
        this.stationId = stationId;
        this.expectedMinutes = expectedMinutes;
    }

    /** Entered (again): in progress from now, one more entry. */
    void enter(UUID actor, Instant at) {
        status = Status.IN_PROGRESS;
        entries++;
        startedAt = at;
        endedAt = null;
        movedBy = actor;
    }

    void finish(UUID actor, Instant at) {
        status = Status.DONE;
        endedAt = at;
        movedBy = actor;
    }

    /** Back to waiting, by a rework move to an earlier stage. Its entries and records stay. */
    void reset(UUID actor) {
        status = Status.PENDING;
        startedAt = null;
        endedAt = null;
        movedBy = actor;
    }

    /** The entry a task added to this stage belongs to: the current one, or the next one while it waits. */
    int entryForNewTasks() {
        return status == Status.PENDING ? entries + 1 : Math.max(entries, 1);
    }

    public UUID id() {
        return id;
    }

    public UUID orgId() {
        return orgId;
    }

    public UUID projectId() {
        return projectId;
    }

    public UUID stageId() {
        return stageId;
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

    public Status status() {
        return status;
    }

    public int entries() {
        return entries;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public UUID movedBy() {
        return movedBy;
    }

    public long version() {
        return version == null ? 0 : version;
    }
}
