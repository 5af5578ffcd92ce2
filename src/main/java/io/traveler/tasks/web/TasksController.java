package io.traveler.tasks.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.Versions;
import io.traveler.tasks.Tasks.AssigneeType;
import io.traveler.tasks.Tasks.ChecklistItem;
import io.traveler.tasks.Tasks.Status;
import io.traveler.tasks.Tasks.TaskView;
import io.traveler.tasks.internal.TaskQueries;
import io.traveler.tasks.internal.TaskService;
import io.traveler.tasks.internal.TaskService.Comment;
import io.traveler.tasks.internal.TaskService.TaskChange;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tasks: read, plan (change, assign, depend, delete: {@code tasks:manage}) and work them (start, complete, block,
 * reopen, tick the checklist, comment: {@code tasks:work}). Tasks are added through their project
 * ({@code POST /api/projects/{id}/tasks/}). Statuses and assignee types are lowercase. Every path also answers with
 * a trailing slash.
 */
@Tag(name = "Tasks")
@RestController
class TasksController {
    private final TaskService tasks;
    private final TaskQueries queries;

    TasksController(TaskService tasks, TaskQueries queries) {
        this.tasks = tasks;
        this.queries = queries;
    }

    /** A change of the plan; fields left out stay, fields sent as null are cleared. */
    record TaskChangeBody(
            @Size(max = 200) String title,
            @Size(max = 4000) String description,
            Integer sequence,
            AssigneeType assigneeType,
            UUID stationId,
            UUID employeeId,
            Boolean required,
            Integer estimateMinutes,
            LocalDate dueDate,
            @Size(max = 500) String recurrenceRule,
            @Size(max = 100) List<String> checklistItems) {}

    record BlockBody(@Size(max = 2000) String reason) {}

    record TickBody(@NotNull Boolean done) {}

    record CommentBody(@Size(max = 4000) String body) {}

    record DependenciesBody(@NotNull @Size(max = 100) List<UUID> dependsOn) {}

    @Operation(summary = "List tasks, newest first, by project, station, employee or status")
    @GetMapping("/api/tasks")
    @PreAuthorize("hasAuthority('tasks:read')")
    ItemList<TaskView> list(
            @RequestParam(name = "project_id", required = false) UUID projectId,
            @RequestParam(name = "station_id", required = false) UUID stationId,
            @RequestParam(name = "employee_id", required = false) UUID employeeId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor, null, Set.of("created_at"), "-created_at");
        return queries.list(
                new TaskQueries.TaskFilter(projectId, stationId, employeeId, status(status)),
                page.limit(),
                page.cursor());
    }

    private static Status status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Status.of(value);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("status", "must be todo, in_progress, blocked or done");
        }
    }

    @Operation(summary = "A task with its checklist and what it depends on")
    @GetMapping("/api/tasks/{id}")
    @PreAuthorize("hasAuthority('tasks:read')")
    ResponseEntity<TaskView> get(@PathVariable UUID id) {
        TaskView task = tasks.task(id);
        return Versions.ok(task.version(), task);
    }

    @Operation(summary = "Change, assign or reschedule a task (If-Match required)")
    @PatchMapping("/api/tasks/{id}")
    @PreAuthorize("hasAuthority('tasks:manage')")
    ResponseEntity<TaskView> change(
            @PathVariable UUID id, @Valid @RequestBody TaskChangeBody body, ExpectedVersion expected) {
        TaskView changed = tasks.change(
                id,
                new TaskChange(
                        body.title(),
                        body.description(),
                        body.sequence(),
                        body.assigneeType(),
                        body.stationId(),
                        body.employeeId(),
                        body.required(),
                        body.estimateMinutes(),
                        body.dueDate(),
                        body.recurrenceRule(),
                        body.checklistItems(),
                        ExplicitNulls.inThisRequest()),
                expected);
        return Versions.ok(changed.version(), changed);
    }

    @Operation(summary = "Delete a task on which no time is logged (If-Match required)")
    @DeleteMapping("/api/tasks/{id}")
    @PreAuthorize("hasAuthority('tasks:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        tasks.delete(id, expected);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Start a task; refused (409) while a task it depends on is not done")
    @PostMapping("/api/tasks/{id}/start")
    @PreAuthorize("hasAuthority('tasks:work')")
    ResponseEntity<TaskView> start(@PathVariable UUID id, ExpectedVersion expected) {
        TaskView started = tasks.start(id, expected);
        return Versions.ok(started.version(), started);
    }

    @Operation(
            summary = "Complete a task; refused (409) while a dependency is not done or a checklist item not ticked."
                    + " Running timers on it stop and log their time; a recurring task gets its next occurrence")
    @PostMapping("/api/tasks/{id}/complete")
    @PreAuthorize("hasAuthority('tasks:work')")
    ResponseEntity<TaskView> complete(@PathVariable UUID id, ExpectedVersion expected) {
        TaskView done = tasks.complete(id, expected);
        return Versions.ok(done.version(), done);
    }

    @Operation(summary = "Mark a task blocked, with an optional reason kept as a comment")
    @PostMapping("/api/tasks/{id}/block")
    @PreAuthorize("hasAuthority('tasks:work')")
    ResponseEntity<TaskView> block(
            @PathVariable UUID id, @Valid @RequestBody(required = false) BlockBody body, ExpectedVersion expected) {
        TaskView blocked = tasks.block(id, body == null ? null : body.reason(), expected);
        return Versions.ok(blocked.version(), blocked);
    }

    @Operation(summary = "Reopen a done or blocked task")
    @PostMapping("/api/tasks/{id}/reopen")
    @PreAuthorize("hasAuthority('tasks:work')")
    ResponseEntity<TaskView> reopen(@PathVariable UUID id, ExpectedVersion expected) {
        TaskView reopened = tasks.reopen(id, expected);
        return Versions.ok(reopened.version(), reopened);
    }

    @Operation(summary = "Tick or untick a checklist item of a task")
    @PostMapping("/api/tasks/{id}/checklist/{itemId}")
    @PreAuthorize("hasAuthority('tasks:work')")
    ChecklistItem tick(@PathVariable UUID id, @PathVariable UUID itemId, @Valid @RequestBody TickBody body) {
        return tasks.tick(id, itemId, body.done());
    }

    @Operation(
            summary = "Replace what a task depends on (tasks of the same project; cycles refused, If-Match required)")
    @PutMapping("/api/tasks/{id}/dependencies")
    @PreAuthorize("hasAuthority('tasks:manage')")
    ResponseEntity<TaskView> dependOn(
            @PathVariable UUID id, @Valid @RequestBody DependenciesBody body, ExpectedVersion expected) {
        TaskView changed = tasks.dependOn(id, body.dependsOn(), expected);
        return Versions.ok(changed.version(), changed);
    }

    @Operation(summary = "A task's comments, oldest first")
    @GetMapping("/api/tasks/{id}/comments")
    @PreAuthorize("hasAuthority('tasks:read')")
    ItemList<Comment> comments(@PathVariable UUID id) {
        return new ItemList<>(tasks.comments(id), null);
    }

    @Operation(summary = "Comment on a task")
    @PostMapping("/api/tasks/{id}/comments")
    @PreAuthorize("hasAuthority('tasks:work')")
    ResponseEntity<Comment> comment(@PathVariable UUID id, @Valid @RequestBody CommentBody body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(tasks.comment(id, body.body()));
    }
}
