package io.traveler.tasks.internal;

import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.jpa.TenantOwned;
import io.traveler.tasks.Tasks.AssigneeType;
import io.traveler.tasks.Tasks.Status;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A unit of work of a project. Its status moves todo → in progress → done, may be blocked and reopened; the
 * dependency and checklist rules that guard the moves live in {@link TaskService}, which sees the other rows.
 */
@Entity
@Table(schema = "tasks", name = "tasks")
public class Task extends TenantOwned {
    private UUID projectId;
    private UUID stageInstanceId;
    private Integer stageEntry;
    private UUID templateId;
    private String title;
    private String description;
    private int sequence;

    @Enumerated(EnumType.STRING)
    private AssigneeType assigneeType;

    private UUID stationId;
    private UUID employeeId;

    @Enumerated(EnumType.STRING)
    private Status status;

    private boolean required;
    private Integer estimateMinutes;
    private LocalDate dueDate;
    private String recurrenceRule;
    private UUID recursFromId;
    private Instant startedAt;
    private Instant completedAt;
    private UUID completedBy;

    protected Task() {}

    Task(UUID projectId, UUID stageInstanceId, Integer stageEntry, String title, int sequence) {
        this.projectId = projectId;
        this.stageInstanceId = stageInstanceId;
        this.stageEntry = stageEntry;
        this.title = title.trim();
        this.sequence = sequence;
        this.assigneeType = AssigneeType.NONE;
        this.status = Status.TODO;
        this.required = true;
    }

    /** The next occurrence of a recurring task: the same work, due on {@code due}, not started. */
    Task nextOccurrence(LocalDate due) {
        Task next = new Task(projectId, stageInstanceId, stageEntry, title, sequence);
        next.description = description;
        next.assignTo(assigneeType, stationId, employeeId);
        next.required = required;
        next.estimateMinutes = estimateMinutes;
        next.dueDate = due;
        next.recurrenceRule = recurrenceRule;
        next.recursFromId = id();
        return next;
    }

    void start(Instant at) {
        switch (status) {
            case TODO -> {
                status = Status.IN_PROGRESS;
                startedAt = at;
            }
            case IN_PROGRESS -> {}
            case BLOCKED -> throw new ConflictException("The task is blocked; reopen it first");
            case DONE -> throw new ConflictException("The task is done; reopen it to work on it again");
        }
    }

    void complete(Instant at, UUID by) {
        if (status == Status.BLOCKED) {
            throw new ConflictException("The task is blocked; reopen it first");
        }
        if (status != Status.DONE) {
            status = Status.DONE;
            startedAt = startedAt == null ? at : startedAt;
            completedAt = at;
            completedBy = by;
        }
    }

    void block() {
        if (status == Status.DONE) {
            throw new ConflictException("A done task cannot be blocked; reopen it first");
        }
        status = Status.BLOCKED;
    }

    void reopen() {
        if (status == Status.TODO || status == Status.IN_PROGRESS) {
            throw new ConflictException("The task is open already");
        }
        status = Status.TODO;
        completedAt = null;
        completedBy = null;
    }

    void assignTo(AssigneeType type, UUID station, UUID employee) {
        this.assigneeType = type;
        this.stationId = type == AssigneeType.NONE ? null : station;
        this.employeeId = type == AssigneeType.EMPLOYEE ? employee : null;
    }

    void rename(String title) {
        this.title = title.trim();
    }

    void describe(String description) {
        this.description = description;
    }

    void placeAt(int sequence) {
        this.sequence = sequence;
    }

    void require(boolean required) {
        this.required = required;
    }

    void estimate(Integer minutes) {
        this.estimateMinutes = minutes;
    }

    void dueOn(LocalDate date) {
        this.dueDate = date;
    }

    void recur(String rule) {
        this.recurrenceRule = rule;
    }

    public UUID projectId() {
        return projectId;
    }

    public UUID stageInstanceId() {
        return stageInstanceId;
    }

    public Integer stageEntry() {
        return stageEntry;
    }

    public UUID templateId() {
        return templateId;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public int sequence() {
        return sequence;
    }

    public AssigneeType assigneeType() {
        return assigneeType;
    }

    public UUID stationId() {
        return stationId;
    }

    public UUID employeeId() {
        return employeeId;
    }

    public Status status() {
        return status;
    }

    public boolean required() {
        return required;
    }

    public Integer estimateMinutes() {
        return estimateMinutes;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    public String recurrenceRule() {
        return recurrenceRule;
    }

    public UUID recursFromId() {
        return recursFromId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public UUID completedBy() {
        return completedBy;
    }
}
