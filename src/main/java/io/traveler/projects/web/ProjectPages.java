package io.traveler.projects.web;

import io.traveler.accounts.Accounts;
import io.traveler.catalog.Catalog;
import io.traveler.customers.CustomerStandings;
import io.traveler.projects.Projects;
import io.traveler.projects.internal.Project;
import io.traveler.projects.internal.ProjectPageViews;
import io.traveler.projects.internal.ProjectService;
import io.traveler.projects.internal.StageFlow;
import io.traveler.projects.internal.StageGateException;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.ActorNames;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.security.Callers;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.Htmx;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import io.traveler.shared.web.Problems;
import io.traveler.tasks.Tasks;
import io.traveler.workflows.Workflows;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Projects in the web UI: the list, the board of one workflow (a column per stage; a card moves forward by
 * {@code move_stage}, or says what is missing), and a project's page: its stage timeline, the current stage's
 * actions and the move buttons, its tasks, the time logged and its labour cost against the plan, its design
 * documents and its moves.
 */
@PageController
@RequestMapping("/app/projects")
class ProjectPages {
    static final List<String> STATUSES = List.of("DRAFT", "ACTIVE", "ON_HOLD", "COMPLETED", "CANCELLED");

    /** Projects of one order the page reads at most (one per line). */
    static final int ORDER_PROJECTS = 1000;

    /** Customers a form offers at most. */
    static final int CHOICES = 500;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final ProjectPageViews views;
    private final Workflows workflows;
    private final Tasks tasks;
    private final Accounts accounts;
    private final CustomerStandings customers;
    private final ActorNames actors;
    private final OrganizationSettings settings;
    private final Catalog catalog;
    private final Projects projects;
    private final ProjectService service;
    private final StageFlow flow;
    private final Callers callers;

    ProjectPages(
            ProjectPageViews views,
            Workflows workflows,
            Tasks tasks,
            Accounts accounts,
            CustomerStandings customers,
            ActorNames actors,
            OrganizationSettings settings,
            Catalog catalog,
            Projects projects,
            ProjectService service,
            StageFlow flow,
            Callers callers) {
        this.views = views;
        this.workflows = workflows;
        this.tasks = tasks;
        this.accounts = accounts;
        this.customers = customers;
        this.actors = actors;
        this.settings = settings;
        this.catalog = catalog;
        this.projects = projects;
        this.service = service;
        this.flow = flow;
        this.callers = callers;
    }

    // --- the list ----------------------------------------------------------------------------------------------

    record ListRow(ProjectPageViews.Row project, String customer) {}

    @GetMapping
    @PreAuthorize("hasAuthority('projects:read')")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(name = "customer_id", required = false) UUID customerId,
            @RequestParam(name = "order_id", required = false) UUID orderId,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        String wanted =
                status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("customers", customers.choices(CHOICES));
        var filter = new ProjectPageViews.Filter(
                wanted != null && STATUSES.contains(wanted) ? wanted : null, customerId, orderId, null, blankToNull(q));
        return ListPages.of(request, model, "projects/projects")
                .filter("q", q)
                .filter("status", filter.status())
                .filter("customer_id", customerId)
                .filter("order_id", orderId)
                .show(cursor, page -> {
                    var rows = views.list(filter, page.cursor(), page.size());
                    Map<UUID, String> names = customerNames(rows.items().stream()
                            .map(ProjectPageViews.Row::customerId)
                            .toList());
                    return rows.map(row -> new ListRow(row, names.get(row.customerId())));
                });
    }

    // --- new projects -----------------------------------------------------------------------------------------

    /** The new-project form; numbers are typed as text so that what was typed comes back with the reason. */
    record ProjectForm(
            String name,
            @BindParam("customer_id") UUID customerId,
            @BindParam("product_id") UUID productId,
            @BindParam("workflow_id") UUID workflowId,
            String quantity,

            @BindParam("due_date") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate dueDate,

            @BindParam("estimated_price") String estimatedPrice,
            @BindParam("estimated_cost") String estimatedCost,
            String notes) {
        static ProjectForm blank() {
            return new ProjectForm("", null, null, null, "1", null, "", "", "");
        }
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('projects:manage')")
    String newProject(Model model) {
        return projectForm(model, ProjectForm.blank());
    }

    private String projectForm(Model model, ProjectForm form) {
        model.addAttribute("form", form);
        model.addAttribute("customers", customers.choices(CHOICES));
        model.addAttribute(
                "products",
                catalog.offeredSellables(CHOICES).stream()
                        .filter(s -> s.variantId() == null)
                        .toList());
        model.addAttribute("workflows", views.activeWorkflows());
        return "projects/project-form";
    }

    /** Creates the project as a draft and shows it. */
    @PostMapping
    @PreAuthorize("hasAuthority('projects:manage')")
    String create(@Valid ProjectForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        return Forms.save(form, binding, model, () -> projectForm(model, form), () -> {
            Project created = service.create(new ProjectService.NewProject(
                    blankToNull(form.name()),
                    form.customerId(),
                    form.workflowId(),
                    form.productId(),
                    number("quantity", form.quantity()),
                    form.dueDate(),
                    number("estimated_price", form.estimatedPrice()),
                    number("estimated_cost", form.estimatedCost()),
                    blankToNull(form.notes())));
            return Forms.notice(flash, created.code() + " created.", "redirect:/app/projects/" + created.id());
        });
    }

    /** The order's projects that do not exist yet: one per line, or one for the whole order. */
    @PostMapping("/from-order")
    @PreAuthorize("hasAuthority('projects:manage')")
    String fromOrder(
            @RequestParam(name = "order_id") UUID orderId,
            @RequestParam(required = false) String per,
            RedirectAttributes flash) {
        boolean perLine = !"order".equals(per);
        return Forms.act(flash, "/app/orders/" + orderId, "Projects created.", () -> {
            Set<UUID> before = views
                    .list(new ProjectPageViews.Filter(null, null, orderId, null, null), null, ORDER_PROJECTS)
                    .items()
                    .stream()
                    .map(ProjectPageViews.Row::id)
                    .collect(Collectors.toSet());
            if (before.containsAll(projects.createForOrder(orderId, perLine, null))) {
                throw new ConflictException("The order's projects exist already; none was created.");
            }
        });
    }

    // --- the board ---------------------------------------------------------------------------------------------

    /** A column: before the start ("draft"), a stage (its position), or done ("completed"). */
    record Column(String key, String title, List<CardView> cards) {}

    /** A card, and the column its one forward move leads to (null when it cannot move from the board). */
    record CardView(ProjectPageViews.Card card, String customer, String next, String nextLabel) {}

    @GetMapping("/board")
    @PreAuthorize("hasAuthority('projects:read')")
    String board(@RequestParam(name = "workflow_id", required = false) UUID workflowId, Model model) {
        return boardView(workflowId, model, "projects/board");
    }

    String boardView(UUID workflowId, Model model, String view) {
        List<ProjectPageViews.BoardWorkflow> choices = views.boardWorkflows();
        UUID chosen = workflowId != null
                ? workflowId
                : choices.isEmpty() ? null : choices.getFirst().id();
        model.addAttribute("workflows", choices);
        model.addAttribute("workflowId", chosen);
        Workflows.Workflow workflow =
                chosen == null ? null : workflows.workflow(chosen).orElse(null);
        model.addAttribute("workflow", workflow);
        model.addAttribute("columns", workflow == null ? List.of() : columns(workflow));
        return view;
    }

    private List<Column> columns(Workflows.Workflow workflow) {
        List<ProjectPageViews.Card> cards = views.cards(workflow.id());
        Map<UUID, String> names = customerNames(
                cards.stream().map(ProjectPageViews.Card::customerId).toList());
        List<Workflows.Stage> stages = workflow.stages();
        int last = stages.size();
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(
                "draft",
                "Not started",
                cardsOf(
                        cards,
                        c -> c.status().equals("DRAFT"),
                        names,
                        "1",
                        stages.isEmpty() ? "Start" : stages.getFirst().name())));
        for (Workflows.Stage stage : stages) {
            int position = stage.position();
            boolean lastStage = position == last;
            columns.add(new Column(
                    String.valueOf(position),
                    stage.name(),
                    cardsOf(
                            cards,
                            c -> c.position() == position
                                    && (c.status().equals("ACTIVE")
                                            || c.status().equals("ON_HOLD")),
                            names,
                            lastStage ? "completed" : String.valueOf(position + 1),
                            lastStage ? "Complete" : stages.get(position).name())));
        }
        columns.add(new Column(
                "completed", "Completed", cardsOf(cards, c -> c.status().equals("COMPLETED"), names, null, null)));
        return columns;
    }

    private static List<CardView> cardsOf(
            List<ProjectPageViews.Card> cards,
            java.util.function.Predicate<ProjectPageViews.Card> in,
            Map<UUID, String> names,
            String next,
            String nextLabel) {
        return cards.stream()
                .filter(in)
                .map(c -> c.status().equals("ON_HOLD")
                        ? new CardView(c, names.get(c.customerId()), null, null)
                        : new CardView(c, names.get(c.customerId()), next, nextLabel))
                .toList();
    }

    /**
     * Moves a project on: the board posts the column it was dropped on ({@code to_phase}: only the next one; going
     * back asks for a reason on the project's page) with htmx and gets the board back, the card in its new column or
     * what is missing; the project's page posts nothing (forward) or {@code to_stage_id} and a reason (rework) and
     * gets a redirect with a notice or the refusal.
     */
    @PostMapping("/{id}/move")
    @PreAuthorize("hasAuthority('projects:advance')")
    String move(
            @PathVariable UUID id,
            @RequestParam(name = "to_phase", required = false) String toColumn,
            @RequestParam(name = "to_stage_id", required = false) UUID toStageId,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String from,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes flash) {
        if (Htmx.wantsFragment(request) && "board".equals(request.getHeader("HX-Target"))) {
            UUID workflowId = views.head(id).workflowId();
            try {
                Project moved = fromBoard(id, toColumn);
                model.addAttribute("moved", moved.code() + " " + movedTo(moved) + ".");
            } catch (TravelerException refused) {
                if (refused instanceof NotFoundException) {
                    throw refused;
                }
                response.setStatus(Problems.answerTo(refused).status().value());
                model.addAttribute("refusal", reasonOf(refused));
            }
            return boardView(workflowId, model, "projects/board :: board");
        }
        if ("board".equals(from)) {
            UUID workflowId = views.head(id).workflowId();
            return Forms.act(
                    flash,
                    "/app/projects/board?workflow_id=" + workflowId,
                    "Project moved.",
                    () -> gated(() -> fromBoard(id, toColumn)));
        }
        return Forms.act(
                flash,
                "/app/projects/" + id,
                toStageId == null ? "Moved on." : "Sent back for rework.",
                () -> gated(() -> flow.move(id, toStageId, blankToNull(reason), ExpectedVersion.none())));
    }

    /** A drop on the board: a draft starts, an active project advances; any other column is refused. */
    private Project fromBoard(UUID id, String column) {
        ProjectPageViews.Head project = views.head(id);
        String next = nextColumn(project);
        if (column != null && !column.isBlank() && !column.strip().equals(next)) {
            throw new ConflictException("From the board a project moves to the next column only; rework (back to an"
                    + " earlier stage) asks for a reason on the project's page");
        }
        if (project.status().equals("DRAFT")) {
            callers.require("projects:manage", "Starting a project");
            return flow.start(id, ExpectedVersion.none());
        }
        return gated(() -> flow.move(id, null, null, ExpectedVersion.none()));
    }

    private String nextColumn(ProjectPageViews.Head project) {
        if (project.status().equals("DRAFT")) {
            return "1";
        }
        List<ProjectPageViews.Stage> stages = views.stages(project.id());
        return stages.stream()
                .filter(s -> s.id().equals(project.currentStageId()))
                .findFirst()
                .map(s -> s.position() == stages.size() ? "completed" : String.valueOf(s.position() + 1))
                .orElse(null);
    }

    private String movedTo(Project moved) {
        if (moved.status() == Project.Status.COMPLETED) {
            return "completed";
        }
        return "moved to "
                + views.stages(moved.id()).stream()
                        .filter(s -> s.id().equals(moved.currentStageId()))
                        .map(ProjectPageViews.Stage::name)
                        .findFirst()
                        .orElse("its next stage");
    }

    /** A gate's refusal names what is missing, so that the page can say it. */
    private static Project gated(Supplier<Project> move) {
        try {
            return move.get();
        } catch (StageGateException gate) {
            throw new ConflictException(gate.getMessage() + ": "
                    + gate.missing().stream()
                            .map(m -> m.title() + " (" + m.kind() + ")")
                            .collect(Collectors.joining(", ")));
        }
    }

    @PostMapping("/{id}/start")
    @PreAuthorize("hasAuthority('projects:manage')")
    String start(@PathVariable UUID id, RedirectAttributes flash) {
        return Forms.act(flash, "/app/projects/" + id, "Started.", () -> flow.start(id, ExpectedVersion.none()));
    }

    @PostMapping("/{id}/hold")
    @PreAuthorize("hasAuthority('projects:manage')")
    String hold(@PathVariable UUID id, RedirectAttributes flash) {
        return Forms.act(flash, "/app/projects/" + id, "On hold.", () -> service.hold(id, ExpectedVersion.none()));
    }

    @PostMapping("/{id}/resume")
    @PreAuthorize("hasAuthority('projects:manage')")
    String resume(@PathVariable UUID id, RedirectAttributes flash) {
        return Forms.act(flash, "/app/projects/" + id, "Resumed.", () -> service.resume(id, ExpectedVersion.none()));
    }

    @GetMapping("/{id}/cancel")
    @PreAuthorize("hasAuthority('projects:manage')")
    String confirmCancel(@PathVariable UUID id, Model model) {
        ProjectPageViews.Head project = views.head(id);
        model.addAttribute("confirm", "Cancel project");
        return Forms.confirm(
                model,
                "Cancel " + project.code() + "?",
                "A cancelled project leaves the board and its order's progress; its history and time stay. A project"
                        + " not started yet is deleted instead.",
                "/app/projects/" + id + "/cancel",
                project.version(),
                "/app/projects/" + id);
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAuthority('projects:manage')")
    String cancel(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/projects/" + id,
                "Cancelled.",
                () -> service.cancel(id, ExpectedVersion.ofNullable(version)));
    }

    @GetMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('projects:manage')")
    String confirmDelete(@PathVariable UUID id, Model model) {
        ProjectPageViews.Head project = views.head(id);
        return Forms.confirm(
                model,
                "Delete " + project.code() + "?",
                "Only a project not started yet can be deleted; a started one is cancelled instead.",
                "/app/projects/" + id + "/delete",
                project.version(),
                "/app/projects/" + id);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('projects:manage')")
    String delete(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/projects",
                "Project deleted.",
                () -> service.delete(id, ExpectedVersion.ofNullable(version)));
    }

    /** Records a stage action of the stage in progress: a scanned code, a checklist, a measurement, a photo's key. */
    @PostMapping("/{id}/stages/{stageId}/actions/{actionId}")
    @PreAuthorize("hasAuthority('projects:advance')")
    String recordAction(
            @PathVariable UUID id,
            @PathVariable UUID stageId,
            @PathVariable UUID actionId,
            @RequestParam(required = false) String value,
            @RequestParam(name = "measured_value", required = false) String measuredValue,
            @RequestParam(name = "file_key", required = false) String fileKey,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/projects/" + id,
                "Recorded.",
                () -> flow.record(
                        id,
                        stageId,
                        actionId,
                        new StageFlow.ActionInput(
                                blankToNull(value), number("measured_value", measuredValue), blankToNull(fileKey))));
    }

    // --- a project ---------------------------------------------------------------------------------------------

    /** A stage of the timeline: the instance, its station, and how long it took or has taken so far. */
    record StageView(
            ProjectPageViews.Stage stage,
            String station,
            String started,
            String ended,
            String took,
            List<ActionView> actions) {
        public boolean current() {
            return stage.status().equals("IN_PROGRESS");
        }
    }

    /** A stage action and, for the stage's current entry, its record (null when not recorded yet). */
    record ActionView(Workflows.StageAction action, ProjectPageViews.ActionRecord record, String by, String when) {
        public boolean done() {
            return record != null && (record.withinTolerance() == null || record.withinTolerance());
        }
    }

    record TaskRow(Tasks.TaskView task, String stage, String assignee) {
        public long ticked() {
            return task.checklist().stream().filter(Tasks.ChecklistItem::done).count();
        }
    }

    /** Planned against actual, per stage and in all: minutes and labour cost. */
    record PlanRow(String stage, int plannedMinutes, BigDecimal actualMinutes, BigDecimal labourCost) {
        public BigDecimal difference() {
            return actualMinutes.subtract(BigDecimal.valueOf(plannedMinutes));
        }
    }

    record DocView(ProjectPageViews.DesignDoc doc, String added) {}

    record MoveView(String when, String kind, String from, String to, String actor, String reason) {}

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('projects:read')")
    String project(@PathVariable UUID id, Model model) {
        ProjectPageViews.Head project = views.head(id);
        ZoneId zone = zone();
        List<ProjectPageViews.Stage> stages = views.stages(id);
        List<ProjectPageViews.Move> moves = views.moves(id);
        List<ProjectPageViews.ActionRecord> records = views.actionRecords(id);
        List<ProjectPageViews.DesignDoc> docs = views.designDocs(id);
        List<Tasks.TaskView> projectTasks = tasks.ofProject(id);
        Workflows.Workflow workflow = workflows.workflow(project.workflowId()).orElse(null);

        Set<UUID> actorIds = new HashSet<>();
        stages.forEach(s -> actorIds.add(s.movedBy()));
        moves.forEach(m -> actorIds.add(m.actorId()));
        records.forEach(r -> actorIds.add(r.actorId()));
        docs.forEach(d -> actorIds.add(d.createdBy()));
        actorIds.remove(null);
        Map<UUID, String> who = actorIds.isEmpty() ? Map.of() : actors.namesOf(actorIds);

        Set<UUID> stationIds = new HashSet<>();
        stages.forEach(s -> stationIds.add(s.stationId()));
        projectTasks.forEach(t -> stationIds.add(t.stationId()));
        stationIds.remove(null);
        Map<UUID, Accounts.StationRef> stations = stationIds.isEmpty() ? Map.of() : accounts.stations(stationIds);
        Set<UUID> employeeIds = projectTasks.stream()
                .map(Tasks.TaskView::employeeId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<UUID, Accounts.EmployeeRef> employees = employeeIds.isEmpty() ? Map.of() : accounts.employees(employeeIds);

        Map<UUID, List<Workflows.StageAction>> actionsByStage = workflow == null
                ? Map.of()
                : workflow.stages().stream().collect(Collectors.toMap(Workflows.Stage::id, Workflows.Stage::actions));
        Map<UUID, String> stageNames =
                stages.stream().collect(Collectors.toMap(ProjectPageViews.Stage::id, ProjectPageViews.Stage::name));

        List<StageView> timeline = stages.stream()
                .map(s -> new StageView(
                        s,
                        nameOf(stations.get(s.stationId()), Accounts.StationRef::name),
                        when(s.startedAt(), zone),
                        when(s.endedAt(), zone),
                        s.startedAt() == null
                                ? null
                                : span(Duration.between(
                                        s.startedAt(), s.endedAt() == null ? Instant.now() : s.endedAt())),
                        actionsOf(s, actionsByStage.getOrDefault(s.stageId(), List.of()), records, who, zone)))
                .toList();
        StageView current =
                timeline.stream().filter(StageView::current).findFirst().orElse(null);

        model.addAttribute("project", project);
        model.addAttribute(
                "customer",
                project.customerId() == null
                        ? null
                        : customers
                                .standingOf(project.customerId())
                                .map(c -> c.name())
                                .orElse(null));
        model.addAttribute(
                "workflowName", workflow == null ? null : workflow.name() + " (version " + workflow.versionNo() + ")");
        model.addAttribute("timeline", timeline);
        model.addAttribute("current", current);
        model.addAttribute("lastStage", current != null && current.stage().position() == stages.size());
        model.addAttribute(
                "earlierStages",
                current == null
                        ? List.of()
                        : stages.stream()
                                .filter(s -> s.position() < current.stage().position())
                                .toList());
        model.addAttribute(
                "tasks",
                projectTasks.stream()
                        .map(t -> new TaskRow(
                                t,
                                t.stageInstanceId() == null
                                        ? null
                                        : stageNames.get(t.stageInstanceId()) + entrySuffix(t.stageEntry()),
                                assignee(t, stations, employees)))
                        .toList());
        Tasks.TimeTotals time = tasks.timeOfProject(id);
        model.addAttribute("time", time);
        model.addAttribute("plan", plan(stages, time));
        model.addAttribute(
                "plannedMinutes",
                stages.stream()
                        .mapToInt(ProjectPageViews.Stage::expectedMinutes)
                        .sum());
        model.addAttribute(
                "docs",
                docs.stream()
                        .map(d -> new DocView(d, when(d.createdAt(), zone)))
                        .toList());
        model.addAttribute(
                "moves",
                moves.stream()
                        .map(m -> new MoveView(
                                when(m.at(), zone),
                                m.kind(),
                                stageNames.get(m.fromStageId()),
                                stageNames.get(m.toStageId()),
                                who.get(m.actorId()),
                                m.reason()))
                        .toList());
        return "projects/project";
    }

    private List<ActionView> actionsOf(
            ProjectPageViews.Stage stage,
            List<Workflows.StageAction> actions,
            List<ProjectPageViews.ActionRecord> records,
            Map<UUID, String> who,
            ZoneId zone) {
        return actions.stream()
                .map(action -> {
                    var record = records.stream()
                            .filter(r -> r.stageInstanceId().equals(stage.id())
                                    && r.stageEntry() == stage.entries()
                                    && r.actionId().equals(action.id()))
                            .findFirst()
                            .orElse(null);
                    return new ActionView(
                            action,
                            record,
                            record == null ? null : who.get(record.actorId()),
                            record == null ? null : when(record.at(), zone));
                })
                .toList();
    }

    private static List<PlanRow> plan(List<ProjectPageViews.Stage> stages, Tasks.TimeTotals time) {
        List<PlanRow> rows = new ArrayList<>();
        for (ProjectPageViews.Stage stage : stages) {
            rows.add(new PlanRow(
                    stage.name(),
                    stage.expectedMinutes(),
                    time.minutesByStageInstance().getOrDefault(stage.id(), BigDecimal.ZERO),
                    time.costByStageInstance().getOrDefault(stage.id(), BigDecimal.ZERO)));
        }
        BigDecimal staged = rows.stream().map(PlanRow::actualMinutes).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal unstaged = time.totalMinutes().subtract(staged);
        if (unstaged.signum() > 0) {
            BigDecimal stagedCost = rows.stream().map(PlanRow::labourCost).reduce(BigDecimal.ZERO, BigDecimal::add);
            rows.add(
                    new PlanRow("Not on a stage", 0, unstaged, time.labourCost().subtract(stagedCost)));
        }
        return rows;
    }

    private static String assignee(
            Tasks.TaskView task, Map<UUID, Accounts.StationRef> stations, Map<UUID, Accounts.EmployeeRef> employees) {
        return switch (task.assigneeType()) {
            case STATION -> nameOf(stations.get(task.stationId()), Accounts.StationRef::name);
            case EMPLOYEE -> nameOf(employees.get(task.employeeId()), Accounts.EmployeeRef::name);
            case NONE -> null;
        };
    }

    private static String entrySuffix(Integer entry) {
        return entry == null || entry <= 1 ? "" : " (entry " + entry + ")";
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private Map<UUID, String> customerNames(Collection<UUID> ids) {
        Set<UUID> named = ids.stream().filter(Objects::nonNull).collect(Collectors.toSet());
        return customers.standingsOf(named).values().stream()
                .collect(Collectors.toMap(
                        CustomerStandings.CustomerStanding::id, CustomerStandings.CustomerStanding::name));
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(settings.current().timezone());
        } catch (RuntimeException unknown) {
            return ZoneId.of("UTC");
        }
    }

    private static <T> String nameOf(T ref, Function<T, String> name) {
        return ref == null ? null : name.apply(ref);
    }

    private static String when(Instant at, ZoneId zone) {
        return at == null ? null : WHEN.format(at.atZone(zone));
    }

    /** The refusal as one sentence: its detail, and for invalid input what each field needs. */
    static String reasonOf(TravelerException refused) {
        if (refused.kind() != TravelerException.Kind.INVALID) {
            return refused.getMessage();
        }
        return refused.errors().stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
    }

    /** A typed number, or null when left empty; anything else is 422 on its field. */
    static BigDecimal number(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException(field, "is not a number");
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** "3 d 4 h", "2 h 5 min", "12 min", "40 s". */
    static String span(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " min";
        }
        return minutes > 0 ? minutes + " min" : seconds + " s";
    }
}
