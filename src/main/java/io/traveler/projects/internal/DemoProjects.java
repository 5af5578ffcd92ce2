package io.traveler.projects.internal;

import io.traveler.accounts.Accounts;
import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.catalog.Catalog;
import io.traveler.customers.CustomerStandings;
import io.traveler.projects.DemoProjectsLoaded;
import io.traveler.projects.OrderSource;
import io.traveler.projects.Projects;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.tasks.Tasks;
import io.traveler.workflows.Workflows;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo factory's projects, made through the same services as the API: one per line of its demo orders in
 * approval, production, on hold and quality control, started, and walked along their workflow as the shop floor
 * would (each task's checklist ticked, the task started, time logged by an employee of its station, the task
 * completed; each required stage action recorded; the stage left), so that the board, the project pages, My work
 * and the orders' progress have something to show; and a draft project of straps for stock. It hears the same event
 * as the demo orders and workflows, on another thread, so it waits (with a deadline) for the orders and the products'
 * default workflows. A factory that already has projects is skipped.
 */
@Component
class DemoProjects {
    private static final Logger log = LoggerFactory.getLogger(DemoProjects.class);
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    /** How far each demo order's projects go: stages left behind, or all of them (-1), or held after the start. */
    private record Plan(String phase, int stagesDone, boolean hold) {}

    private static final List<Plan> PLANS = List.of(
            new Plan("PRODUCTION", 2, false),
            new Plan("APPROVAL", 1, false),
            new Plan("ON_HOLD", 0, true),
            new Plan("QUALITY_CONTROL", -1, false));

    private final Projects projects;
    private final ProjectService service;
    private final ProjectPageViews views;
    private final StageFlow flow;
    private final OrderSource orders;
    private final Tasks tasks;
    private final Workflows workflows;
    private final Accounts accounts;
    private final Catalog catalog;
    private final CustomerStandings customers;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    DemoProjects(
            Projects projects,
            ProjectService service,
            ProjectPageViews views,
            StageFlow flow,
            OrderSource orders,
            Tasks tasks,
            Workflows workflows,
            Accounts accounts,
            Catalog catalog,
            CustomerStandings customers,
            TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.events = events;
        this.projects = projects;
        this.service = service;
        this.views = views;
        this.flow = flow;
        this.orders = orders;
        this.tasks = tasks;
        this.workflows = workflows;
        this.accounts = accounts;
        this.catalog = catalog;
        this.customers = customers;
        this.transactions = transactions;
    }

    @Async
    @TransactionalEventListener
    void load(DemoOrganizationsLoaded demo) {
        var factory = Tenant.user(demo.factoryOrgId(), demo.factoryAdminId());
        try {
            if (call(factory, () -> accounts.allStations().stream()
                    .noneMatch(s -> s.name().equals("Cutting")))) {
                return; // not the demo factory: no demo workflows will come
            }
            var inProduction = await(factory, () -> Optional.of(orders.ordersInPhase("PRODUCTION"))
                    .filter(ids -> !ids.isEmpty()));
            var daypack = await(factory, () -> catalog.sellableBySku("BP-20")
                    .flatMap(ref -> catalog.defaultWorkflowOf(ref.productId())));
            if (daypack.isEmpty() || inProduction.isEmpty()) {
                log.warn("Demo projects skipped: the demo orders or workflows did not appear in {}", PATIENCE);
                return;
            }
            if (call(factory, () -> !views.countsByStatus().isEmpty())) {
                announce(factory);
                return;
            }
            for (Plan plan : PLANS) {
                for (UUID order : call(factory, () -> orders.ordersInPhase(plan.phase()))) {
                    for (UUID project : call(factory, () -> projects.createForOrder(order, true, null))) {
                        run(factory, plan, project);
                    }
                }
            }
            stock(factory);
            announce(factory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Demo projects stopped: {}", e.toString());
        }
    }

    /** Starts the project and walks it as far as the plan says, a transaction per step as on the shop floor. */
    private void run(Tenant factory, Plan plan, UUID projectId) {
        call(factory, () -> flow.start(projectId, ExpectedVersion.none()));
        int stages = call(factory, () -> views.stages(projectId).size());
        int toLeave = plan.stagesDone() < 0 ? stages : Math.min(plan.stagesDone(), stages);
        for (int i = 0; i < toLeave; i++) {
            call(factory, () -> {
                doCurrentStage(projectId);
                return null;
            });
            // A sign-off needs its permission: the system, as the demo's administrator is not signed in here.
            call(Tenant.system(factory.orgId()), () -> {
                signOff(projectId);
                return flow.move(projectId, null, null, ExpectedVersion.none());
            });
        }
        if (plan.hold()) {
            call(factory, () -> service.hold(projectId, ExpectedVersion.none()));
        }
    }

    /** The current stage's tasks done with time logged, and its stage actions other than sign-offs recorded. */
    private void doCurrentStage(UUID projectId) {
        ProjectPageViews.Head project = views.head(projectId);
        ProjectPageViews.Stage stage = views.stages(projectId).stream()
                .filter(s -> s.id().equals(project.currentStageId()))
                .findFirst()
                .orElseThrow();
        List<Accounts.EmployeeRef> staff = accounts.allEmployees();
        for (Tasks.TaskView task : tasks.ofProject(projectId)) {
            if (!stage.id().equals(task.stageInstanceId())
                    || task.stageEntry() != stage.entries()
                    || task.status() == Tasks.Status.DONE) {
                continue;
            }
            task.checklist().stream()
                    .filter(item -> !item.done())
                    .forEach(item -> tasks.tick(task.id(), item.id(), true));
            tasks.start(task.id());
            staff.stream()
                    .filter(e -> e.active() && e.stationIds().contains(stage.stationId()))
                    .findFirst()
                    .or(() ->
                            staff.stream().filter(Accounts.EmployeeRef::active).findFirst())
                    .ifPresent(worker -> tasks.logTime(
                            task.id(),
                            new Tasks.TimeEntry(
                                    worker.id(),
                                    BigDecimal.valueOf(task.estimateMinutes() == null ? 30 : task.estimateMinutes()),
                                    null,
                                    null,
                                    "Demo shift")));
            tasks.complete(task.id());
        }
        for (Workflows.StageAction action : actionsOf(project, stage)) {
            switch (action.kind()) {
                case SCAN ->
                    record(projectId, stage, action, "BATCH-" + LocalDate.now().getYear() + "-017", null, null);
                case CHECKLIST ->
                    record(projectId, stage, action, String.join("; ", action.checklistItems()), null, null);
                case MEASUREMENT -> record(projectId, stage, action, null, action.targetValue(), null);
                case PHOTO -> record(projectId, stage, action, null, null, "demo/photos/" + stage.id() + ".jpg");
                case SIGN_OFF -> {}
            }
        }
    }

    private void signOff(UUID projectId) {
        ProjectPageViews.Head project = views.head(projectId);
        views.stages(projectId).stream()
                .filter(s -> s.id().equals(project.currentStageId()))
                .findFirst()
                .ifPresent(stage -> actionsOf(project, stage).stream()
                        .filter(a -> a.kind() == Workflows.ActionKind.SIGN_OFF)
                        .forEach(a -> record(projectId, stage, a, "Released", null, null)));
    }

    private List<Workflows.StageAction> actionsOf(ProjectPageViews.Head project, ProjectPageViews.Stage stage) {
        return workflows.workflow(project.workflowId()).stream()
                .flatMap(w -> w.stages().stream())
                .filter(s -> s.id().equals(stage.stageId()))
                .flatMap(s -> s.actions().stream())
                .toList();
    }

    private void record(
            UUID projectId,
            ProjectPageViews.Stage stage,
            Workflows.StageAction action,
            String value,
            BigDecimal measured,
            String fileKey) {
        flow.record(projectId, stage.id(), action.id(), new StageFlow.ActionInput(value, measured, fileKey));
    }

    /** A draft project of straps for stock, made from the product (its default workflow, its active BOM). */
    private void stock(Tenant factory) {
        call(factory, () -> {
            var strap = catalog.sellableBySku("STRAP-25");
            var bluebird = customers.standingByCode("C-BLUEBIRD");
            if (strap.isEmpty()
                    || bluebird.isEmpty()
                    || catalog.defaultWorkflowOf(strap.get().productId()).isEmpty()) {
                return null;
            }
            return service.create(new ProjectService.NewProject(
                    "Spare straps",
                    bluebird.get().id(),
                    null,
                    strap.get().productId(),
                    new BigDecimal("500"),
                    LocalDate.now().plusDays(21),
                    null,
                    null,
                    "Replacement straps kept for Bluebird's repairs."));
        });
    }

    /** Published in a transaction, so that its listeners (the shop floor's demo) run after it and are registered. */
    private void announce(Tenant factory) {
        call(factory, () -> {
            events.publishEvent(new DemoProjectsLoaded(factory.orgId(), factory.actorId()));
            return null;
        });
    }

    private <T> T call(Tenant tenant, Supplier<T> work) {
        return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
    }

    /** What another demo loader is still writing: asked again every half second until the deadline. */
    private <T> Optional<T> await(Tenant tenant, Supplier<Optional<T>> lookup) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            Optional<T> found = call(tenant, lookup);
            if (found.isPresent() || Instant.now().isAfter(deadline)) {
                return found;
            }
            Thread.sleep(500);
        }
    }
}
