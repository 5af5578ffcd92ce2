package io.traveler.projects.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.projects.internal.Project;
import io.traveler.projects.internal.ProjectProgress;
import io.traveler.projects.internal.ProjectService;
import io.traveler.projects.internal.ProjectService.NewDesignDoc;
import io.traveler.projects.internal.ProjectService.NewProject;
import io.traveler.projects.internal.ProjectService.ProjectChange;
import io.traveler.projects.internal.ProjectService.ProjectFilter;
import io.traveler.projects.internal.ProjectService.Promotion;
import io.traveler.projects.internal.ProjectTasks;
import io.traveler.projects.internal.StageFlow;
import io.traveler.projects.internal.StageGateException;
import io.traveler.projects.web.ProjectViews.ActionRecordView;
import io.traveler.projects.web.ProjectViews.DesignDocView;
import io.traveler.projects.web.ProjectViews.MissingView;
import io.traveler.projects.web.ProjectViews.MoveView;
import io.traveler.projects.web.ProjectViews.ProjectDetail;
import io.traveler.projects.web.ProjectViews.ProjectSummary;
import io.traveler.projects.web.ProjectViews.TaskView;
import io.traveler.projects.web.ProjectViews.TimeView;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.JsonObjects;
import io.traveler.shared.web.Problems;
import io.traveler.shared.web.Versions;
import io.traveler.tasks.Tasks;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Projects, their way through their stages, stage action records, design documents, tasks, time and promotion to a
 * product. Every path answers with and without its trailing slash ({@code /api/projects/{id}/start/}). Enum values
 * are lower case ({@code "status":"in_progress"}), accepted in any case.
 */
@Tag(name = "Projects")
@RestController
class ProjectsController {
    private final ProjectService projects;
    private final StageFlow flow;
    private final ProjectTasks tasks;
    private final ProjectProgress progress;

    private final io.traveler.projects.internal.DesignDocUploads designDocUploads;

    ProjectsController(
            ProjectService projects,
            StageFlow flow,
            ProjectTasks tasks,
            ProjectProgress progress,
            io.traveler.projects.internal.DesignDocUploads designDocUploads) {
        this.designDocUploads = designDocUploads;
        this.projects = projects;
        this.flow = flow;
        this.tasks = tasks;
        this.progress = progress;
    }

    record ProjectBody(
            String name,
            UUID customerId,
            UUID workflowId,
            UUID productId,
            BigDecimal quantity,
            LocalDate dueDate,
            BigDecimal estimatedPrice,
            BigDecimal estimatedCost,
            String notes) {}

    record ChangeBody(
            String name,
            BigDecimal quantity,
            LocalDate dueDate,
            BigDecimal estimatedPrice,
            BigDecimal estimatedCost,
            String notes) {}

    record FromOrderBody(UUID orderId, Boolean onePerLine, UUID workflowId) {}

    record MoveBody(UUID toStageId, String reason) {}

    record ActionBody(String value, BigDecimal measuredValue, String fileKey) {}

    record DesignDocBody(String fileKey, String fileName, String contentType, Long sizeBytes, JsonNode metadata) {}

    record PromotionBody(String sku, String name, List<UUID> designDocIds) {}

    record PromotedProduct(UUID id, String sku, String name, String status, UUID promotedFromProjectId) {}

    record TaskBody(
            UUID stageInstanceId,
            String title,
            String description,
            Integer sequence,
            String assigneeType,
            UUID stationId,
            UUID employeeId,
            Boolean required,
            Integer estimateMinutes,
            LocalDate dueDate,
            String recurrenceRule,
            List<UUID> dependsOn,
            List<String> checklistItems) {}

    // --- projects --------------------------------------------------------------------------------------------

    @Operation(summary = "List projects, newest first (filter by status, customer, order; search code and name)")
    @GetMapping("/api/projects")
    @PreAuthorize("hasAuthority('projects:read')")
    ItemList<ProjectSummary> list(
            @RequestParam(required = false) String status,
            @RequestParam(name = "customer_id", required = false) UUID customerId,
            @RequestParam(name = "order_id", required = false) UUID orderId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var filter =
                new ProjectFilter(ProjectViews.parse(Project.Status.class, "status", status), customerId, orderId, q);
        return projects.list(filter, limit(limit), cursor).map(ProjectSummary::of);
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return PageRequest.DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > ProjectService.MAX_LIST) {
            throw new ValidationException("limit", "must be between 1 and " + ProjectService.MAX_LIST);
        }
        return limit;
    }

    @Operation(summary = "Create a DRAFT project from scratch or from a product (its default workflow, its BOM pinned)")
    @PostMapping("/api/projects")
    @PreAuthorize("hasAuthority('projects:manage')")
    ResponseEntity<ProjectDetail> create(@RequestBody ProjectBody body) {
        Project created = projects.create(new NewProject(
                body.name(),
                body.customerId(),
                body.workflowId(),
                body.productId(),
                body.quantity(),
                body.dueDate(),
                body.estimatedPrice(),
                body.estimatedCost(),
                body.notes()));
        return Versions.created("/api/projects/" + created.id(), created.version(), detail(created.id()));
    }

    @Operation(summary = "Create an order's projects: one per line, or one for the whole order")
    @PostMapping("/api/projects/from-order")
    @PreAuthorize("hasAuthority('projects:manage')")
    ResponseEntity<ItemList<ProjectSummary>> fromOrder(@RequestBody FromOrderBody body) {
        boolean onePerLine = body.onePerLine() == null || body.onePerLine();
        List<Project> made = projects.createForOrder(body.orderId(), onePerLine, body.workflowId());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new ItemList<>(made.stream().map(ProjectSummary::of).toList(), null));
    }

    @Operation(summary = "Get a project with its stages and what its current stage still misses")
    @GetMapping("/api/projects/{id}")
    @PreAuthorize("hasAuthority('projects:read')")
    ResponseEntity<ProjectDetail> get(@PathVariable UUID id) {
        ProjectDetail detail = detail(id);
        return Versions.ok(detail.version(), detail);
    }

    private ProjectDetail detail(UUID id) {
        return ProjectDetail.of(projects.project(id), projects.stagesOf(id), flow.missing(id));
    }

    @Operation(summary = "Change a project's name, quantity, dates, estimates and notes")
    @PatchMapping("/api/projects/{id}")
    @PreAuthorize("hasAuthority('projects:manage')")
    ResponseEntity<ProjectDetail> change(
            @PathVariable UUID id, ExpectedVersion expected, @RequestBody ChangeBody body) {
        projects.change(
                id,
                new ProjectChange(
                        body.name(),
                        body.quantity(),
                        body.dueDate(),
                        body.estimatedPrice(),
                        body.estimatedCost(),
                        body.notes(),
                        ExplicitNulls.inThisRequest()),
                expected);
        return get(id);
    }

    @Operation(summary = "Delete a DRAFT project")
    @DeleteMapping("/api/projects/{id}")
    @PreAuthorize("hasAuthority('projects:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        projects.delete(id, expected);
        return ResponseEntity.noContent().build();
    }

    // --- stages ----------------------------------------------------------------------------------------------

    @Operation(summary = "Start a DRAFT project: its first stage in progress, that station's template tasks made")
    @PostMapping("/api/projects/{id}/start")
    @PreAuthorize("hasAuthority('projects:manage')")
    ResponseEntity<ProjectDetail> start(@PathVariable UUID id, ExpectedVersion expected) {
        flow.start(id, expected);
        return get(id);
    }

    @Operation(
            summary = "Move to the next stage (no body), or back to an earlier one with a reason (rework)",
            description = "409 with `missing` listing the required tasks and stage actions still open")
    @PostMapping("/api/projects/{id}/move_stage")
    @PreAuthorize("hasAuthority('projects:advance')")
    ResponseEntity<ProjectDetail> moveStage(
            @PathVariable UUID id, ExpectedVersion expected, @RequestBody(required = false) MoveBody body) {
        MoveBody sent = body == null ? new MoveBody(null, null) : body;
        flow.move(id, sent.toStageId(), sent.reason(), expected);
        return get(id);
    }

    @Operation(summary = "Put an ACTIVE project on hold")
    @PostMapping("/api/projects/{id}/hold")
    @PreAuthorize("hasAuthority('projects:manage')")
    ResponseEntity<ProjectDetail> hold(@PathVariable UUID id, ExpectedVersion expected) {
        projects.hold(id, expected);
        return get(id);
    }

    @Operation(summary = "Resume a project on hold")
    @PostMapping("/api/projects/{id}/resume")
    @PreAuthorize("hasAuthority('projects:manage')")
    ResponseEntity<ProjectDetail> resume(@PathVariable UUID id, ExpectedVersion expected) {
        projects.resume(id, expected);
        return get(id);
    }

    @Operation(summary = "Cancel a started project (a DRAFT is deleted instead)")
    @PostMapping("/api/projects/{id}/cancel")
    @PreAuthorize("hasAuthority('projects:manage')")
    ResponseEntity<ProjectDetail> cancel(@PathVariable UUID id, ExpectedVersion expected) {
        projects.cancel(id, expected);
        return get(id);
    }

    @Operation(summary = "List a project's stage moves, oldest first")
    @GetMapping("/api/projects/{id}/moves")
    @PreAuthorize("hasAuthority('projects:read')")
    ItemList<MoveView> moves(@PathVariable UUID id) {
        return new ItemList<>(flow.moves(id).stream().map(MoveView::of).toList(), null);
    }

    @Operation(summary = "Record a stage action for the current entry of the stage in progress")
    @PostMapping("/api/projects/{id}/stages/{stageId}/actions/{actionId}")
    @PreAuthorize("hasAuthority('projects:advance')")
    ActionRecordView recordAction(
            @PathVariable UUID id,
            @PathVariable UUID stageId,
            @PathVariable UUID actionId,
            @RequestBody(required = false) ActionBody body) {
        ActionBody sent = body == null ? new ActionBody(null, null, null) : body;
        return ActionRecordView.of(flow.record(
                id, stageId, actionId, new StageFlow.ActionInput(sent.value(), sent.measuredValue(), sent.fileKey())));
    }

    @Operation(summary = "List a project's stage action records")
    @GetMapping("/api/projects/{id}/action-records")
    @PreAuthorize("hasAuthority('projects:read')")
    ItemList<ActionRecordView> actionRecords(@PathVariable UUID id) {
        return new ItemList<>(
                flow.records(id).stream().map(ActionRecordView::of).toList(), null);
    }

    // --- tasks and time --------------------------------------------------------------------------------------

    @Operation(summary = "List a project's tasks")
    @GetMapping("/api/projects/{id}/tasks")
    @PreAuthorize("hasAuthority('projects:read')")
    ItemList<TaskView> tasks(@PathVariable UUID id) {
        return new ItemList<>(tasks.tasksOf(id).stream().map(TaskView::of).toList(), null);
    }

    @Operation(summary = "Add a task to a project, on one of its stages or none")
    @PostMapping("/api/projects/{id}/tasks")
    @PreAuthorize("hasAuthority('tasks:manage')")
    ResponseEntity<TaskView> addTask(@PathVariable UUID id, @RequestBody TaskBody body) {
        Tasks.TaskView added = tasks.add(
                id,
                new Tasks.NewTask(
                        body.stageInstanceId(),
                        null,
                        body.title(),
                        body.description(),
                        body.sequence(),
                        ProjectViews.parse(Tasks.AssigneeType.class, "assignee_type", body.assigneeType()),
                        body.stationId(),
                        body.employeeId(),
                        body.required(),
                        body.estimateMinutes(),
                        body.dueDate(),
                        body.recurrenceRule(),
                        body.dependsOn(),
                        body.checklistItems()));
        return Versions.created("/api/tasks/" + added.id(), added.version(), TaskView.of(added));
    }

    @Operation(summary = "A project's time: minutes and labour cost logged, planned against actual per stage")
    @GetMapping("/api/projects/{id}/time")
    @PreAuthorize("hasAuthority('projects:read')")
    TimeView time(@PathVariable UUID id) {
        return TimeView.of(progress.timeOf(id));
    }

    // --- design documents and promotion ----------------------------------------------------------------------

    @Operation(summary = "List a project's design documents")
    @GetMapping("/api/projects/{id}/design-docs")
    @PreAuthorize("hasAuthority('projects:read')")
    ItemList<DesignDocView> designDocs(@PathVariable UUID id) {
        return new ItemList<>(
                projects.designDocs(id).stream().map(DesignDocView::of).toList(), null);
    }

    @Operation(
            summary = "Attach a design document (file key and metadata) to a project",
            description = "A file_key doc:<document id> names a document uploaded through POST /api/documents (422 when"
                    + " it names none of this organization); its name, detected type and size fill the rest.")
    @PostMapping("/api/projects/{id}/design-docs")
    @PreAuthorize("hasAuthority('projects:manage')")
    ResponseEntity<DesignDocView> addDesignDoc(@PathVariable UUID id, @RequestBody DesignDocBody body) {
        if (body.metadata() != null
                && !body.metadata().isNull()
                && !body.metadata().isObject()) {
            throw new ValidationException("metadata", "must be a JSON object");
        }
        var added = designDocUploads.attach(
                id,
                new NewDesignDoc(
                        body.fileKey(),
                        body.fileName(),
                        body.contentType(),
                        body.sizeBytes(),
                        JsonObjects.text("metadata", body.metadata())));
        return ResponseEntity.created(URI.create("/api/projects/" + id + "/design-docs/" + added.id()))
                .body(DesignDocView.of(added));
    }

    @Operation(summary = "Promote a project to a DRAFT product: its pinned BOM copied, the chosen design documents")
    @PostMapping("/api/projects/{id}/promote-to-template")
    @PreAuthorize("hasAuthority('projects:manage')")
    ResponseEntity<PromotedProduct> promote(@PathVariable UUID id, @RequestBody PromotionBody body) {
        UUID product = projects.promote(id, new Promotion(body.sku(), body.name(), body.designDocIds()));
        Project project = projects.project(id);
        String name = body.name() == null || body.name().isBlank()
                ? project.name()
                : body.name().strip();
        return ResponseEntity.created(URI.create("/api/products/templates/" + product))
                .body(new PromotedProduct(product, body.sku().strip(), name, "draft", id));
    }

    // --- refusals --------------------------------------------------------------------------------------------

    /** A stage that cannot be left: 409 listing what is missing ({@code missing: [{kind, id, title}]}). */
    @ExceptionHandler(StageGateException.class)
    ResponseEntity<ProblemDetail> gateClosed(StageGateException e) {
        var answer = Problems.answerTo(e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(answer.status(), e.getMessage());
        problem.setType(answer.type());
        problem.setTitle(answer.title());
        problem.setProperty("missing", e.missing().stream().map(MissingView::of).toList());
        problem.setProperty(
                "errors",
                e.errors().stream()
                        .map(f -> Map.of("field", f.field(), "message", f.message()))
                        .toList());
        return ResponseEntity.status(answer.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
