package io.traveler.tasks.internal;

import io.traveler.accounts.Accounts;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.tasks.TaskCompleted;
import io.traveler.tasks.Tasks;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tasks of projects: created by hand or from a station's templates when a stage is entered, planned (assignee,
 * order, estimate, due date, dependencies, checklist, recurrence) and worked (start, complete, block, reopen).
 *
 * <p>Rules: a task starts or completes only when every task it depends on is done (409 naming them); it completes
 * only when every checklist item is ticked (409 naming them); a completed recurring task gets its next occurrence
 * once. Dependencies stay within one project and never form a cycle: they are changed under a transaction lock of
 * the project's task graph, so two concurrent changes cannot close a cycle between them.
 */
@Service
public class TaskService implements Tasks {
    static final int MAX_CHECKLIST_ITEMS = 100;
    static final int MAX_DEPENDENCIES = 100;

    /** A change of a task's plan; a null field is left as it is, a field in {@code cleared} is emptied. */
    public record TaskChange(
            String title,
            String description,
            Integer sequence,
            AssigneeType assigneeType,
            UUID stationId,
            UUID employeeId,
            Boolean required,
            Integer estimateMinutes,
            LocalDate dueDate,
            String recurrenceRule,
            List<String> checklistItems,
            Set<String> cleared) {}

    private final TaskRows rows;
    private final EntityManager em;
    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final OrganizationSettings settings;
    private final ApplicationEventPublisher events;
    private final TimeKeeping time;

    TaskService(
            TaskRows rows,
            EntityManager em,
            JdbcClient jdbc,
            Accounts accounts,
            OrganizationSettings settings,
            ApplicationEventPublisher events,
            TimeKeeping time) {
        this.rows = rows;
        this.em = em;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.settings = settings;
        this.events = events;
        this.time = time;
    }

    // --- the facade ----------------------------------------------------------------------------------------------

    @Override
    @Transactional
    public List<TaskView> createForStageEntry(
            UUID projectId, UUID stageInstanceId, int stageEntry, UUID stationId, List<TemplateTask> templates) {
        if (stageEntry < 1) {
            throw new ValidationException("stage_entry", "must be 1 or more");
        }
        if (projectId == null || stageInstanceId == null || stationId == null) {
            throw new ValidationException("station_id", "a stage entry's tasks need its project, stage and station");
        }
        UUID org = TenantContext.requireOrgId();
        for (TemplateTask template : templates) {
            if (template.templateId() == null) {
                throw new ValidationException("template_id", "is required: it makes a template's task once per entry");
            }
            validTitle(template.title());
            validDescription(template.description());
            List<String> checklist = validChecklist(template.checklistItems(), "checklist_items");
            // The unique index on (stage instance, entry, template) decides: a repeated or concurrent call waits
            // for the first insert and then inserts nothing.
            List<UUID> inserted = jdbc.sql("""
                            insert into tasks.tasks (org_id, id, project_id, stage_instance_id, stage_entry,
                                   template_id, title, description, sequence, assignee_type, station_id, status,
                                   required, estimate_minutes, created_at, updated_at)
                            values (:org, :id, :project, :stage, :entry, :template, :title, :description,
                                   :sequence, 'STATION', :station, 'TODO', :required, :estimate, now(), now())
                            on conflict (org_id, stage_instance_id, stage_entry, template_id)
                               where template_id is not null do nothing
                            returning id
                            """)
                    .param("org", org)
                    .param("id", io.traveler.shared.Ids.newId())
                    .param("project", projectId)
                    .param("stage", stageInstanceId)
                    .param("entry", stageEntry)
                    .param("template", template.templateId())
                    .param("title", template.title().trim())
                    .param("description", blankToNull(template.description()))
                    .param("sequence", Math.max(1, Math.min(10_000, template.sequence())))
                    .param("station", stationId)
                    .param("required", template.required())
                    .param("estimate", validEstimate(template.estimateMinutes()))
                    .query(UUID.class)
                    .list();
            inserted.forEach(id -> writeChecklist(id, checklist));
        }
        return views(
                "t.stage_instance_id = :stage and t.stage_entry = :entry and t.template_id is not null",
                Map.of("stage", stageInstanceId, "entry", stageEntry));
    }

    @Override
    @Transactional
    public TaskView create(UUID projectId, NewTask task) {
        if (projectId == null) {
            throw new ValidationException("project_id", "is required");
        }
        if ((task.stageInstanceId() == null) != (task.stageEntry() == null)) {
            throw new ValidationException("stage_entry", "goes with stage_instance_id");
        }
        if (task.stageEntry() != null && task.stageEntry() < 1) {
            throw new ValidationException("stage_entry", "must be 1 or more");
        }
        validTitle(task.title());
        validDescription(task.description());
        Task created = new Task(
                projectId,
                task.stageInstanceId(),
                task.stageEntry(),
                task.title(),
                task.sequence() == null ? nextSequence(projectId) : validSequence(task.sequence()));
        created.describe(blankToNull(task.description()));
        AssigneeType type = task.assigneeType() != null
                ? task.assigneeType()
                : task.employeeId() != null
                        ? AssigneeType.EMPLOYEE
                        : task.stationId() != null ? AssigneeType.STATION : AssigneeType.NONE;
        validAssignee(type, task.stationId(), task.employeeId());
        created.assignTo(type, task.stationId(), task.employeeId());
        created.require(task.required() == null || task.required());
        created.estimate(validEstimate(task.estimateMinutes()));
        created.dueOn(task.dueDate());
        if (task.recurrenceRule() != null) {
            created.recur(Recurrence.normalized(task.recurrenceRule(), "recurrence_rule"));
        }
        List<String> checklist = validChecklist(task.checklistItems(), "checklist_items");
        List<UUID> dependsOn = task.dependsOn() == null ? List.of() : task.dependsOn();
        Task saved = rows.saveAndFlush(created);
        writeChecklist(saved.id(), checklist);
        if (!dependsOn.isEmpty()) {
            replaceDependencies(saved, dependsOn);
        }
        return view(saved.id());
    }

    @Override
    @Transactional(readOnly = true)
    public List<TaskView> ofProject(UUID projectId) {
        return views("t.project_id = :project", Map.of("project", projectId));
    }

    @Override
    @Transactional(readOnly = true)
    public List<TaskView> openRequired(UUID stageInstanceId, int stageEntry) {
        return views(
                "t.stage_instance_id = :stage and t.stage_entry = :entry and t.required and t.status <> 'DONE'",
                Map.of("stage", stageInstanceId, "entry", stageEntry));
    }

    @Override
    @Transactional(readOnly = true)
    public TimeTotals timeOfProject(UUID projectId) {
        return time.ofProjects(List.of(projectId)).get(projectId);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, TimeTotals> timeOfProjects(Collection<UUID> projectIds) {
        return time.ofProjects(projectIds);
    }

    @Override
    @Transactional
    public TaskView start(UUID taskId) {
        return start(taskId, ExpectedVersion.none());
    }

    @Override
    @Transactional
    public TaskView complete(UUID taskId) {
        return complete(taskId, ExpectedVersion.none());
    }

    @Override
    @Transactional
    public LoggedTime logTime(UUID taskId, TimeEntry entry) {
        TimeKeeping.TimeLog log = time.log(
                taskId,
                new TimeKeeping.NewLog(
                        entry.employeeId(), entry.minutes(), entry.startedAt(), entry.endedAt(), entry.note()));
        return new LoggedTime(
                log.id(), log.taskId(), log.employeeId(), log.minutes(), log.hourlyRate(), log.labourCost());
    }

    // --- one task ------------------------------------------------------------------------------------------------

    @Override
    @Transactional(readOnly = true)
    public TaskView task(UUID id) {
        return view(id);
    }

    @Transactional
    public TaskView change(UUID id, TaskChange change, ExpectedVersion expected) {
        Task task = load(id);
        Set<String> cleared = change.cleared() == null ? Set.of() : change.cleared();
        VersionedChanges.change(rows, task, expected, t -> {
            if (change.title() != null || cleared.contains("title")) {
                validTitle(change.title());
                t.rename(change.title());
            }
            if (change.description() != null || cleared.contains("description")) {
                validDescription(change.description());
                t.describe(blankToNull(change.description()));
            }
            if (change.sequence() != null) {
                t.placeAt(validSequence(change.sequence()));
            }
            if (change.assigneeType() != null
                    || change.stationId() != null
                    || change.employeeId() != null
                    || cleared.contains("station_id")
                    || cleared.contains("employee_id")) {
                AssigneeType type = change.assigneeType() != null ? change.assigneeType() : t.assigneeType();
                UUID station = change.stationId() != null || cleared.contains("station_id")
                        ? change.stationId()
                        : type == AssigneeType.NONE ? null : t.stationId();
                UUID employee = change.employeeId() != null || cleared.contains("employee_id")
                        ? change.employeeId()
                        : type == AssigneeType.EMPLOYEE ? t.employeeId() : null;
                validAssignee(type, station, employee);
                t.assignTo(type, station, employee);
            }
            if (change.required() != null) {
                t.require(change.required());
            }
            if (change.estimateMinutes() != null || cleared.contains("estimate_minutes")) {
                t.estimate(validEstimate(change.estimateMinutes()));
            }
            if (change.dueDate() != null || cleared.contains("due_date")) {
                t.dueOn(change.dueDate());
            }
            if (change.recurrenceRule() != null || cleared.contains("recurrence_rule")) {
                t.recur(
                        change.recurrenceRule() == null
                                ? null
                                : Recurrence.normalized(change.recurrenceRule(), "recurrence_rule"));
            }
        });
        if (change.checklistItems() != null) {
            List<String> checklist = validChecklist(change.checklistItems(), "checklist_items");
            jdbc.sql("delete from tasks.checklist_items where org_id = :org and task_id = :task")
                    .param("org", TenantContext.requireOrgId())
                    .param("task", id)
                    .update();
            writeChecklist(id, checklist);
        }
        return view(id);
    }

    /**
     * Deletes a task with no time logged on it, no timer running on it and no occurrence following it; its
     * checklist, comments and dependencies go too.
     */
    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        Task task = load(id);
        VersionedChanges.delete(rows, task, expected, t -> {
            if (count("select count(*) from tasks.time_logs where org_id = :org and task_id = :id", id) > 0) {
                throw new ConflictException("Time is logged on this task; it stays as the record of that work");
            }
            if (count("select count(*) from tasks.tasks where org_id = :org and recurs_from_id = :id", id) > 0) {
                throw new ConflictException("The next occurrence of this recurring task follows from it");
            }
            if (count("select count(*) from tasks.timers where org_id = :org and task_id = :id", id) > 0) {
                throw new ConflictException("A timer runs on this task; stop it first");
            }
        });
    }

    @Transactional
    public TaskView start(UUID id, ExpectedVersion expected) {
        return act(id, expected, task -> {
            if (task.status() == Status.TODO) {
                requireDependenciesDone(task, "started");
            }
            task.start(Instant.now());
        });
    }

    @Transactional
    public TaskView complete(UUID id, ExpectedVersion expected) {
        Task locked = lock(id);
        expected.checkIfGiven(locked.version());
        if (locked.status() == Status.DONE) {
            return view(id);
        }
        requireDependenciesDone(locked, "completed");
        requireChecklistTicked(locked);
        Instant now = Instant.now();
        UUID actor = TenantContext.actorId().orElse(null);
        locked.complete(now, actor);
        rows.saveAndFlush(locked);
        time.stopTimersOn(locked.id());
        scheduleNextOccurrence(locked);
        events.publishEvent(new TaskCompleted(
                locked.orgId(),
                locked.id(),
                locked.projectId(),
                locked.stageInstanceId(),
                locked.stageEntry(),
                actor,
                now));
        return view(id);
    }

    @Transactional
    public TaskView block(UUID id, String reason, ExpectedVersion expected) {
        TaskView blocked = act(id, expected, Task::block);
        if (reason != null && !reason.isBlank()) {
            comment(id, "Blocked: " + reason.trim());
        }
        return blocked;
    }

    @Transactional
    public TaskView reopen(UUID id, ExpectedVersion expected) {
        return act(id, expected, Task::reopen);
    }

    /**
     * Starts an employee's timer on a task (the caller's own employee record when none is named), starting the task
     * too when it is still to do: one tap at the station.
     */
    @Transactional
    public TimeKeeping.Timer startTimer(UUID taskId, UUID employeeId) {
        Task task = lock(taskId);
        Accounts.EmployeeRef employee = time.employeeFor(employeeId);
        if (task.status() == Status.TODO) {
            requireDependenciesDone(task, "started");
        }
        task.start(Instant.now());
        rows.saveAndFlush(task);
        return time.start(taskId, employee);
    }

    /**
     * One tap at a station: the caller's timer moves to this task. A timer running elsewhere is stopped (and its time
     * logged) in the same transaction as the start, so a start that is refused leaves it running.
     */
    @Transactional
    public TimeKeeping.Timer moveCallersTimerTo(UUID taskId) {
        Accounts.EmployeeRef me = time.employeeFor(null);
        if (time.runningOf(me.id()).isPresent()) {
            time.stop(me.id());
        }
        return startTimer(taskId, me.id());
    }

    /** Ticks or unticks one checklist item of the task. */
    @Transactional
    public ChecklistItem tick(UUID taskId, UUID itemId, boolean done) {
        Task task = lock(taskId);
        if (task.status() == Status.DONE) {
            throw new ConflictException("The task is done; reopen it to change its checklist");
        }
        var item = jdbc.sql("""
                        update tasks.checklist_items
                           set done = :done,
                               done_by = case when :done then :actor end,
                               done_at = case when :done then now() end,
                               version = version + 1
                         where org_id = :org and task_id = :task and id = :item
                        returning id, position, label, done
                        """)
                .param("done", done)
                .param("actor", TenantContext.actorId().orElse(null))
                .param("org", TenantContext.requireOrgId())
                .param("task", taskId)
                .param("item", itemId)
                .query((rs, n) ->
                        new ChecklistItem(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getBoolean(4)))
                .optional()
                .orElseThrow(() -> new NotFoundException("Checklist item", itemId));
        return item;
    }

    /** Replaces what the task depends on; a change of the task, so its version moves on. */
    @Transactional
    public TaskView dependOn(UUID taskId, List<UUID> dependsOn, ExpectedVersion expected) {
        Task task = lock(taskId);
        expected.require(task.version());
        replaceDependencies(task, dependsOn == null ? List.of() : dependsOn);
        em.lock(task, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        return view(taskId);
    }

    // --- comments ------------------------------------------------------------------------------------------------

    public record Comment(UUID id, UUID taskId, UUID authorId, String body, Instant createdAt) {}

    @Transactional(readOnly = true)
    public List<Comment> comments(UUID taskId) {
        load(taskId);
        return jdbc.sql("""
                        select id, task_id, author_id, body, created_at from tasks.comments
                         where org_id = :org and task_id = :task order by created_at, id limit 1000
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("task", taskId)
                .query((rs, n) -> new Comment(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    @Transactional
    public Comment comment(UUID taskId, String body) {
        load(taskId);
        if (body == null || body.isBlank()) {
            throw new ValidationException("body", "is required");
        }
        if (body.length() > 4000) {
            throw new ValidationException("body", "is longer than 4000 characters");
        }
        UUID author = TenantContext.actorId().orElseThrow(() -> new ValidationException("body", "needs an author"));
        if (count("select count(*) from tasks.comments where org_id = :org and task_id = :id", taskId) >= 1000) {
            throw new ConflictException("This task has 1000 comments, the most it keeps");
        }
        Comment comment = new Comment(io.traveler.shared.Ids.newId(), taskId, author, body.trim(), Instant.now());
        jdbc.sql("""
                        insert into tasks.comments (org_id, id, task_id, author_id, body, created_at)
                        values (:org, :id, :task, :author, :body, :at)
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", comment.id())
                .param("task", taskId)
                .param("author", author)
                .param("body", comment.body())
                .param("at", Timestamp.from(comment.createdAt()))
                .update();
        return comment;
    }

    // --- queues --------------------------------------------------------------------------------------------------

    /** The open tasks of a station, in the order they should be done: in progress first, then by due date. */
    @Transactional(readOnly = true)
    public List<TaskView> stationQueue(UUID stationId, int limit) {
        return views(
                "t.station_id = :station and t.status <> 'DONE'",
                Map.of("station", stationId),
                QUEUE_ORDER + " limit " + Math.max(1, Math.min(limit, 500)));
    }

    /** An employee's open tasks: assigned to them, or to one of their stations. */
    @Transactional(readOnly = true)
    public List<TaskView> openTasksOf(UUID employeeId, Collection<UUID> stationIds, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("employee", employeeId);
        String condition = "t.status <> 'DONE' and (t.employee_id = :employee";
        if (!stationIds.isEmpty()) {
            condition += " or (t.assignee_type = 'STATION' and t.station_id in (:stations))";
            params.put("stations", List.copyOf(stationIds));
        }
        return views(condition + ")", params, QUEUE_ORDER + " limit " + Math.max(1, Math.min(limit, 500)));
    }

    private static final String QUEUE_ORDER = "order by case t.status when 'IN_PROGRESS' then 0 when 'TODO' then 1"
            + " else 2 end, t.due_date nulls last, t.sequence, t.created_at, t.id";

    // --- rules ---------------------------------------------------------------------------------------------------

    private TaskView act(UUID id, ExpectedVersion expected, Consumer<Task> action) {
        Task task = lock(id);
        expected.checkIfGiven(task.version());
        action.accept(task);
        rows.saveAndFlush(task);
        return view(id);
    }

    private void requireDependenciesDone(Task task, String what) {
        List<String> open = jdbc.sql("""
                        select t.title || ' (' || t.id || ')' from tasks.dependencies d
                          join tasks.tasks t on t.org_id = d.org_id and t.id = d.depends_on_id
                         where d.org_id = :org and d.task_id = :task and t.status <> 'DONE'
                         order by t.sequence, t.id
                        """)
                .param("org", task.orgId())
                .param("task", task.id())
                .query(String.class)
                .list();
        if (!open.isEmpty()) {
            throw new ConflictException("The task cannot be " + what + " before the tasks it depends on are done: "
                    + String.join(", ", open));
        }
    }

    private void requireChecklistTicked(Task task) {
        List<String> open = jdbc.sql("""
                        select label from tasks.checklist_items
                         where org_id = :org and task_id = :task and not done order by position
                        """)
                .param("org", task.orgId())
                .param("task", task.id())
                .query(String.class)
                .list();
        if (!open.isEmpty()) {
            throw new ConflictException(
                    "The task cannot be completed before its checklist is ticked: " + String.join(", ", open));
        }
    }

    /**
     * The next occurrence of a completed recurring task: the first date of its series after the later of its due
     * date and today (missed dates are not made up). Once: the task row is locked, and the unique index on
     * {@code recurs_from_id} is the backstop.
     */
    private void scheduleNextOccurrence(Task done) {
        if (done.recurrenceRule() == null
                || count("select count(*) from tasks.tasks where org_id = :org and recurs_from_id = :id", done.id())
                        > 0) {
            return;
        }
        LocalDate today = LocalDate.now(zone());
        LocalDate start = jdbc.sql("""
                        with recursive chain(id, recurs_from_id, due_date, created_at, depth) as (
                            select id, recurs_from_id, due_date, created_at, 0 from tasks.tasks
                             where org_id = :org and id = :id
                            union all
                            select t.id, t.recurs_from_id, t.due_date, t.created_at, c.depth + 1
                              from tasks.tasks t join chain c on t.org_id = :org and t.id = c.recurs_from_id
                             where c.depth < 100000)
                        select coalesce(due_date, (created_at at time zone :zone)::date) from chain
                         order by depth desc limit 1
                        """)
                .param("org", done.orgId())
                .param("id", done.id())
                .param("zone", zone().getId())
                .query(LocalDate.class)
                .single();
        LocalDate after = done.dueDate() != null && done.dueDate().isAfter(today) ? done.dueDate() : today;
        Recurrence.parse(done.recurrenceRule(), "recurrence_rule")
                .nextAfter(start, after)
                .ifPresent(due -> {
                    Task next = rows.saveAndFlush(done.nextOccurrence(due));
                    List<String> labels = jdbc.sql(
                                    "select label from tasks.checklist_items where org_id = :org and task_id = :done"
                                            + " order by position")
                            .param("org", done.orgId())
                            .param("done", done.id())
                            .query(String.class)
                            .list();
                    writeChecklist(next.id(), labels);
                });
    }

    /** What each task of the project depends on: the project's whole graph, one query. */
    private Map<UUID, List<UUID>> dependencyGraph(UUID org, UUID projectId) {
        Map<UUID, List<UUID>> graph = new HashMap<>();
        jdbc.sql("""
                        select d.task_id, d.depends_on_id from tasks.dependencies d
                          join tasks.tasks t on t.org_id = d.org_id and t.id = d.task_id
                         where d.org_id = :org and t.project_id = :project
                        """).param("org", org).param("project", projectId).query(rs -> {
            graph.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                    .add(rs.getObject(2, UUID.class));
        });
        return graph;
    }

    /**
     * The shortest way from {@code task} through one of {@code wanted} and what they depend on back to {@code task}
     * (task, wanted, …, task), or nothing. Breadth first, each task visited once: linear in the graph's size.
     */
    static List<UUID> pathBack(UUID task, Collection<UUID> wanted, Map<UUID, List<UUID>> graph) {
        Map<UUID, UUID> reachedFrom = new HashMap<>();
        ArrayDeque<UUID> queue = new ArrayDeque<>();
        for (UUID start : wanted) {
            if (reachedFrom.putIfAbsent(start, task) == null) {
                queue.add(start);
            }
        }
        while (!queue.isEmpty()) {
            UUID current = queue.poll();
            if (current.equals(task)) {
                List<UUID> path = new ArrayList<>();
                for (UUID step = task; path.isEmpty() || !step.equals(task); step = reachedFrom.get(step)) {
                    path.addFirst(step);
                }
                path.addFirst(task);
                return path;
            }
            for (UUID next : graph.getOrDefault(current, List.of())) {
                if (reachedFrom.putIfAbsent(next, current) == null) {
                    queue.add(next);
                }
            }
        }
        return List.of();
    }

    private List<String> titles(UUID org, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> byId = new HashMap<>();
        jdbc.sql("select id, title from tasks.tasks where org_id = :org and id in (:ids)")
                .param("org", org)
                .param("ids", List.copyOf(new LinkedHashSet<>(ids)))
                .query(rs -> {
                    byId.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return ids.stream().map(byId::get).toList();
    }

    /**
     * The task depends on exactly {@code dependsOn}: tasks of its own project, none of which already depends on it,
     * directly or through others. Checked and written under a transaction lock of the project's graph.
     */
    private void replaceDependencies(Task task, List<UUID> dependsOn) {
        Set<UUID> wanted = new LinkedHashSet<>(dependsOn);
        if (wanted.size() > MAX_DEPENDENCIES) {
            throw new ValidationException("depends_on", "names more than " + MAX_DEPENDENCIES + " tasks");
        }
        if (wanted.contains(null)) {
            throw new ValidationException("depends_on", "contains an empty id");
        }
        if (wanted.contains(task.id())) {
            throw new ValidationException("depends_on", "names the task itself");
        }
        UUID org = task.orgId();
        jdbc.sql("select 1 from pg_advisory_xact_lock(hashtextextended('tasks.graph:' || :project, 0))")
                .param("project", task.projectId().toString())
                .query(Integer.class)
                .single();
        if (!wanted.isEmpty()) {
            List<UUID> sameProject = jdbc.sql(
                            "select id from tasks.tasks where org_id = :org and project_id = :project and id in (:ids)")
                    .param("org", org)
                    .param("project", task.projectId())
                    .param("ids", List.copyOf(wanted))
                    .query(UUID.class)
                    .list();
            List<UUID> strangers =
                    wanted.stream().filter(id -> !sameProject.contains(id)).toList();
            if (!strangers.isEmpty()) {
                throw new ValidationException("depends_on", "names tasks that are not of this project: " + strangers);
            }
            // A path from one of the wanted tasks back to this one, along what they depend on, would become a cycle.
            List<String> cycle = titles(org, pathBack(task.id(), wanted, dependencyGraph(org, task.projectId())));
            if (!cycle.isEmpty()) {
                throw new ValidationException(
                        "depends_on",
                        "would close the cycle " + String.join(" → ", cycle) + " (each waits for the next)");
            }
        }
        jdbc.sql("delete from tasks.dependencies where org_id = :org and task_id = :task")
                .param("org", org)
                .param("task", task.id())
                .update();
        for (UUID dependency : wanted) {
            jdbc.sql("insert into tasks.dependencies (org_id, task_id, depends_on_id) values (:org, :task, :dep)")
                    .param("org", org)
                    .param("task", task.id())
                    .param("dep", dependency)
                    .update();
        }
    }

    private void validAssignee(AssigneeType type, UUID stationId, UUID employeeId) {
        switch (type) {
            case STATION -> {
                if (stationId == null) {
                    throw new ValidationException("station_id", "is required for a station's task");
                }
                if (employeeId != null) {
                    throw new ValidationException("employee_id", "is not set on a station's task");
                }
            }
            case EMPLOYEE -> {
                if (employeeId == null) {
                    throw new ValidationException("employee_id", "is required for an employee's task");
                }
            }
            case NONE -> {
                if (stationId != null) {
                    throw new ValidationException("station_id", "is not set on an unassigned task");
                }
                if (employeeId != null) {
                    throw new ValidationException("employee_id", "is not set on an unassigned task");
                }
            }
        }
        if (stationId != null && accounts.station(stationId).isEmpty()) {
            throw new ValidationException("station_id", "is not a station of this organization");
        }
        if (employeeId != null && accounts.employee(employeeId).isEmpty()) {
            throw new ValidationException("employee_id", "is not an employee of this organization");
        }
    }

    private static void validTitle(String title) {
        if (title == null || title.isBlank()) {
            throw new ValidationException("title", "is required");
        }
        if (title.trim().length() > 200) {
            throw new ValidationException("title", "is longer than 200 characters");
        }
    }

    private static void validDescription(String description) {
        if (description != null && description.length() > 4000) {
            throw new ValidationException("description", "is longer than 4000 characters");
        }
    }

    private static int validSequence(int sequence) {
        if (sequence < 1 || sequence > 10_000) {
            throw new ValidationException("sequence", "must be between 1 and 10000");
        }
        return sequence;
    }

    private static Integer validEstimate(Integer minutes) {
        if (minutes != null && (minutes < 0 || minutes > 525_600)) {
            throw new ValidationException("estimate_minutes", "must be between 0 and 525600");
        }
        return minutes;
    }

    private static List<String> validChecklist(List<String> items, String field) {
        if (items == null) {
            return List.of();
        }
        if (items.size() > MAX_CHECKLIST_ITEMS) {
            throw new ValidationException(field, "has more than " + MAX_CHECKLIST_ITEMS + " items");
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String label = items.get(i);
            if (label == null || label.isBlank()) {
                throw new ValidationException(field + "[" + i + "]", "is empty");
            }
            if (label.trim().length() > 200) {
                throw new ValidationException(field + "[" + i + "]", "is longer than 200 characters");
            }
            labels.add(label.trim());
        }
        return labels;
    }

    private void writeChecklist(UUID taskId, List<String> labels) {
        for (int i = 0; i < labels.size(); i++) {
            jdbc.sql("""
                            insert into tasks.checklist_items (org_id, id, task_id, position, label)
                            values (:org, :id, :task, :position, :label)
                            """)
                    .param("org", TenantContext.requireOrgId())
                    .param("id", io.traveler.shared.Ids.newId())
                    .param("task", taskId)
                    .param("position", i + 1)
                    .param("label", labels.get(i))
                    .update();
        }
    }

    private int nextSequence(UUID projectId) {
        int last = jdbc.sql(
                        "select coalesce(max(sequence), 0) from tasks.tasks where org_id = :org and project_id = :p")
                .param("org", TenantContext.requireOrgId())
                .param("p", projectId)
                .query(Integer.class)
                .single();
        return Math.min(10_000, last + 1);
    }

    private long count(String sql, UUID id) {
        return jdbc.sql(sql)
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query(Long.class)
                .single();
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(settings.current().timezone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    Task load(UUID id) {
        return rows.findById(id).orElseThrow(() -> new NotFoundException("Task", id));
    }

    private Task lock(UUID id) {
        Task task = em.find(Task.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            throw new NotFoundException("Task", id);
        }
        return task;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    // --- reading -------------------------------------------------------------------------------------------------

    TaskView view(UUID id) {
        List<TaskView> found = views("t.id = :id", Map.of("id", id));
        if (found.isEmpty()) {
            throw new NotFoundException("Task", id);
        }
        return found.getFirst();
    }

    private List<TaskView> views(String condition, Map<String, ?> params) {
        return views(condition, params, "order by t.sequence, t.created_at, t.id limit 5000");
    }

    /** Tasks with their dependencies and checklists, in two queries. */
    List<TaskView> views(String condition, Map<String, ?> params, String order) {
        em.flush();
        UUID org = TenantContext.requireOrgId();
        var statement = jdbc.sql("""
                        select t.id, t.project_id, t.stage_instance_id, t.stage_entry, t.template_id, t.title,
                               t.description, t.sequence, t.assignee_type, t.station_id, t.employee_id, t.status,
                               t.required, t.estimate_minutes, t.due_date, t.recurrence_rule, t.started_at,
                               t.completed_at, t.version,
                               array(select d.depends_on_id from tasks.dependencies d
                                      where d.org_id = t.org_id and d.task_id = t.id order by d.depends_on_id)
                          from tasks.tasks t
                         where t.org_id = :org and (%s)
                        %s
                        """.formatted(condition, order)).param("org", org);
        for (var param : params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        List<TaskRow> found = statement.query((rs, n) -> TaskRow.of(rs)).list();
        Map<UUID, List<ChecklistItem>> checklists = new HashMap<>();
        if (!found.isEmpty()) {
            jdbc.sql("""
                            select task_id, id, position, label, done from tasks.checklist_items
                             where org_id = :org and task_id in (:ids) order by task_id, position
                            """)
                    .param("org", org)
                    .param("ids", found.stream().map(TaskRow::id).toList())
                    .query(rs -> {
                        checklists
                                .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                .add(new ChecklistItem(
                                        rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4), rs.getBoolean(5)));
                    });
        }
        Map<UUID, TaskView> views = new LinkedHashMap<>();
        for (TaskRow row : found) {
            views.put(row.id(), row.view(checklists.getOrDefault(row.id(), List.of())));
        }
        return List.copyOf(views.values());
    }

    private record TaskRow(TaskView partial) {
        UUID id() {
            return partial.id();
        }

        static TaskRow of(ResultSet rs) throws SQLException {
            Timestamp started = rs.getTimestamp(17);
            Timestamp completed = rs.getTimestamp(18);
            var due = rs.getObject(15, LocalDate.class);
            return new TaskRow(new TaskView(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getObject(3, UUID.class),
                    (Integer) rs.getObject(4),
                    rs.getObject(5, UUID.class),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getInt(8),
                    AssigneeType.valueOf(rs.getString(9)),
                    rs.getObject(10, UUID.class),
                    rs.getObject(11, UUID.class),
                    Status.valueOf(rs.getString(12)),
                    rs.getBoolean(13),
                    (Integer) rs.getObject(14),
                    due,
                    rs.getString(16),
                    List.of((UUID[]) rs.getArray(20).getArray()),
                    List.of(),
                    started == null ? null : started.toInstant(),
                    completed == null ? null : completed.toInstant(),
                    rs.getLong(19)));
        }

        TaskView view(List<ChecklistItem> checklist) {
            TaskView p = partial;
            return new TaskView(
                    p.id(),
                    p.projectId(),
                    p.stageInstanceId(),
                    p.stageEntry(),
                    p.templateId(),
                    p.title(),
                    p.description(),
                    p.sequence(),
                    p.assigneeType(),
                    p.stationId(),
                    p.employeeId(),
                    p.status(),
                    p.required(),
                    p.estimateMinutes(),
                    p.dueDate(),
                    p.recurrenceRule(),
                    p.dependsOn(),
                    List.copyOf(checklist),
                    p.startedAt(),
                    p.completedAt(),
                    p.version());
        }
    }
}
