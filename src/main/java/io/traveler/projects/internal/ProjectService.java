package io.traveler.projects.internal;

import io.traveler.catalog.Catalog;
import io.traveler.catalog.ProductTemplates;
import io.traveler.customers.CustomerStandings;
import io.traveler.projects.OrderSource;
import io.traveler.projects.OrderSource.OrderForProjects;
import io.traveler.projects.ProjectCancelled;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.SearchWords;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.TimeCursor;
import io.traveler.shared.security.Callers;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.workflows.Workflows;
import io.traveler.workflows.Workflows.Workflow;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating projects (from scratch, from a product, from an order), changing, holding, resuming, cancelling and
 * deleting them, their design documents and their promotion to a product. A project copies the stages of the ACTIVE
 * version of its workflow when it is created and keeps them, whatever later versions say; moving between them is
 * {@link StageFlow}'s.
 */
@Service
public class ProjectService {
    /** The numbering series of projects (PRJ-2026-000042). */
    static final String SERIES = "projects";

    static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");
    static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999999.9999");
    static final int MAX_NOTES = 20000;
    static final int MAX_PROMOTED_DOCS = 100;
    public static final int MAX_LIST = 200;

    /** A project as sent: a name, a customer, a quantity and a workflow, or a product naming its default one. */
    public record NewProject(
            String name,
            UUID customerId,
            UUID workflowId,
            UUID productId,
            BigDecimal quantity,
            LocalDate dueDate,
            BigDecimal estimatedPrice,
            BigDecimal estimatedCost,
            String notes) {}

    /** A change: a null keeps the value, unless the field is in {@code cleared} (sent as null). */
    public record ProjectChange(
            String name,
            BigDecimal quantity,
            LocalDate dueDate,
            BigDecimal estimatedPrice,
            BigDecimal estimatedCost,
            String notes,
            Set<String> cleared) {
        public ProjectChange {
            cleared = cleared == null ? Set.of() : Set.copyOf(cleared);
        }
    }

    public record ProjectFilter(Project.Status status, UUID customerId, UUID orderId, String q) {}

    public record NewDesignDoc(String fileKey, String fileName, String contentType, Long sizeBytes, String metadata) {}

    public record Promotion(String sku, String name, List<UUID> designDocIds) {}

    private final ProjectRepository projects;
    private final StageInstances stages;
    private final DesignDocs designDocs;
    private final Workflows workflows;
    private final Catalog catalog;
    private final ProductTemplates templates;
    private final CustomerStandings customers;
    private final OrganizationSettings settings;
    private final ObjectProvider<OrderSource> orderSource;
    private final JdbcClient jdbc;
    private final EntityManager em;
    private final ApplicationEventPublisher events;
    private final Callers callers;

    ProjectService(
            ProjectRepository projects,
            StageInstances stages,
            DesignDocs designDocs,
            Workflows workflows,
            Catalog catalog,
            ProductTemplates templates,
            CustomerStandings customers,
            OrganizationSettings settings,
            ObjectProvider<OrderSource> orderSource,
            JdbcClient jdbc,
            EntityManager em,
            ApplicationEventPublisher events,
            Callers callers) {
        this.projects = projects;
        this.stages = stages;
        this.designDocs = designDocs;
        this.workflows = workflows;
        this.catalog = catalog;
        this.templates = templates;
        this.customers = customers;
        this.settings = settings;
        this.orderSource = orderSource;
        this.jdbc = jdbc;
        this.em = em;
        this.events = events;
        this.callers = callers;
    }

    // --- creating --------------------------------------------------------------------------------------------

    /**
     * A DRAFT project for a customer, from scratch or from a product: the ACTIVE version of the named workflow (or
     * of the product's default workflow) with its stages copied, the product's ACTIVE bill of materials pinned.
     */
    @Transactional
    public Project create(NewProject sent) {
        String name = required("name", sent.name(), 200);
        if (sent.customerId() == null) {
            throw new ValidationException("customer_id", "is required");
        }
        customers
                .standingOf(sent.customerId())
                .orElseThrow(() -> new ValidationException("customer_id", "must name a customer of this organization"));
        if (sent.productId() != null && !catalog.productExists(sent.productId())) {
            throw new ValidationException("product_id", "must name a product of this organization");
        }
        Workflow workflow = workflowFor(sent.workflowId(), sent.productId(), "workflow_id");
        var origin = new Project.Origin(
                sent.customerId(),
                null,
                null,
                sent.productId(),
                sent.productId() == null
                        ? null
                        : catalog.activeBomOf(sent.productId()).orElse(null),
                workflow.id());
        var project = new Project(nextCode(), name, origin, quantity("quantity", sent.quantity()), actor());
        project.plan(
                project.quantity(),
                sent.dueDate(),
                amount("estimated_price", sent.estimatedPrice()),
                amount("estimated_cost", sent.estimatedCost()));
        project.note(notes(sent.notes()));
        return save(project, workflow);
    }

    /**
     * Creates the order's projects that do not exist yet: one per line, or one for the whole order. Answers every
     * project of that kind the order has, in creation order. Concurrent calls for one order take turns.
     */
    @Transactional
    public List<Project> createForOrder(UUID orderId, boolean onePerLine, UUID workflowId) {
        if (orderId == null) {
            throw new ValidationException("order_id", "is required");
        }
        OrderForProjects order =
                orderSource.getObject().order(orderId).orElseThrow(() -> NotFoundException.of("Order", orderId));
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "projects-of-order:" + orderId)
                .query()
                .singleValue();
        List<Project> existing = projects.findOfOrder(orderId);
        boolean otherKind = existing.stream()
                .filter(p -> p.status() != Project.Status.CANCELLED)
                .anyMatch(p -> (p.orderLineId() != null) != onePerLine);
        if (otherKind) {
            throw new ConflictException(
                    onePerLine
                            ? "The order already has one project for the whole order"
                            : "The order already has projects for its lines");
        }
        List<Project> answer = new ArrayList<>();
        if (!onePerLine) {
            Optional<Project> whole =
                    existing.stream().filter(p -> p.orderLineId() == null).findFirst();
            answer.add(whole.orElseGet(() -> createForWholeOrder(order, workflowId)));
            return answer;
        }
        if (order.lines().isEmpty()) {
            throw new ConflictException("The order has no lines to make projects of");
        }
        for (int i = 0; i < order.lines().size(); i++) {
            OrderSource.Line line = order.lines().get(i);
            Optional<Project> made = existing.stream()
                    .filter(p -> line.lineId().equals(p.orderLineId()))
                    .findFirst();
            String field = workflowId == null ? "lines[" + i + "].product_id" : "workflow_id";
            answer.add(made.orElseGet(() -> createForLine(order, line, workflowId, field)));
        }
        return answer;
    }

    private Project createForLine(OrderForProjects order, OrderSource.Line line, UUID workflowId, String field) {
        Workflow workflow = workflowFor(workflowId, line.productId(), field);
        var origin = new Project.Origin(
                order.customerId(), order.orderId(), line.lineId(), line.productId(), bomOf(line), workflow.id());
        var project = new Project(
                nextCode(), truncate(order.code() + " · " + line.name(), 200), origin, line.quantity(), actor());
        project.plan(line.quantity(), order.dueDate(), line.lineTotal(), null);
        return save(project, workflow);
    }

    /** The BOM the line was configured with, else the product's ACTIVE one. */
    private UUID bomOf(OrderSource.Line line) {
        if (line.bomId() != null) {
            return line.bomId();
        }
        return line.productId() == null
                ? null
                : catalog.activeBomOf(line.productId()).orElse(null);
    }

    private Project createForWholeOrder(OrderForProjects order, UUID workflowId) {
        UUID product = workflowId != null || order.lines().isEmpty()
                ? null
                : order.lines().getFirst().productId();
        Workflow workflow = workflowFor(workflowId, product, "workflow_id");
        var origin = new Project.Origin(order.customerId(), order.orderId(), null, null, null, workflow.id());
        var project = new Project(
                nextCode(),
                truncate(order.code() + " · " + (order.partyName() == null ? "order" : order.partyName()), 200),
                origin,
                BigDecimal.ONE,
                actor());
        BigDecimal total = order.lines().stream()
                .map(OrderSource.Line::lineTotal)
                .filter(java.util.Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        project.plan(BigDecimal.ONE, order.dueDate(), total, null);
        return save(project, workflow);
    }

    private Project save(Project sent, Workflow workflow) {
        Project project = projects.saveAndFlush(sent);
        for (Workflows.Stage stage : workflow.stages()) {
            stages.save(new StageInstance(
                    project, stage.id(), stage.position(), stage.name(), stage.stationId(), stage.expectedMinutes()));
        }
        stages.flush();
        return project;
    }

    /**
     * The ACTIVE version of the named workflow's family, or of the product's default workflow; 422 on {@code field}
     * when there is none, or when it has no stages.
     */
    private Workflow workflowFor(UUID workflowId, UUID productId, String field) {
        UUID named = workflowId;
        if (named == null && productId != null) {
            named = defaultWorkflowOf(productId).orElse(null);
        }
        if (named == null) {
            throw new ValidationException(
                    field, productId == null ? "is required" : "is required: the product names no default workflow");
        }
        Workflow workflow = workflows
                .activeVersionOf(named)
                .orElseThrow(() -> new ValidationException(
                        workflowId == null ? field : "workflow_id", "must name a workflow with an ACTIVE version"));
        if (workflow.stages().isEmpty()) {
            throw new ValidationException("workflow_id", "must name a workflow with stages");
        }
        return workflow;
    }

    private Optional<UUID> defaultWorkflowOf(UUID productId) {
        return catalog.defaultWorkflowOf(productId);
    }

    private String nextCode() {
        return settings.nextNumber(SERIES);
    }

    // --- reading ---------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Project project(UUID id) {
        return projects.findById(id).orElseThrow(() -> NotFoundException.of("Project", id));
    }

    @Transactional(readOnly = true)
    public List<StageInstance> stagesOf(UUID projectId) {
        project(projectId);
        return stages.findOfProject(projectId);
    }

    /** Newest first, by {@code (created_at, id)}; {@code q} matches the code or the name. */
    @Transactional(readOnly = true)
    public ItemList<Project> list(ProjectFilter filter, int limit, String cursor) {
        TimeCursor after = TimeCursor.parse(cursor);
        StringBuilder jpql = new StringBuilder("select p from Project p where 1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (filter.status() != null) {
            jpql.append(" and p.status = :status");
            params.put("status", filter.status());
        }
        if (filter.customerId() != null) {
            jpql.append(" and p.customerId = :customer");
            params.put("customer", filter.customerId());
        }
        if (filter.orderId() != null) {
            jpql.append(" and p.orderId = :order");
            params.put("order", filter.orderId());
        }
        String q = like(filter.q());
        if (q != null) {
            jpql.append(" and (lower(p.code) like :q escape '\\' or lower(p.name) like :q escape '\\')");
            params.put("q", q);
        }
        if (after != null) {
            jpql.append(" and (p.createdAt < :afterAt or (p.createdAt = :afterAt and p.id < :afterId))");
            params.put("afterAt", after.at());
            params.put("afterId", after.id());
        }
        jpql.append(" order by p.createdAt desc, p.id desc");
        var query = em.createQuery(jpql.toString(), Project.class).setMaxResults(limit + 1);
        params.forEach(query::setParameter);
        return TimeCursor.page(query.getResultList(), limit, p -> new TimeCursor(p.createdAt(), p.id()));
    }

    private static String like(String q) {
        return q == null || q.isBlank() ? null : SearchWords.containing(q.trim().toLowerCase(java.util.Locale.ROOT));
    }

    // --- changing --------------------------------------------------------------------------------------------

    @Transactional
    public Project change(UUID id, ProjectChange sent, ExpectedVersion expected) {
        Project project = locked(id);
        if (project.status().isFinal()) {
            throw new ConflictException("A " + project.status() + " project cannot be changed");
        }
        Set<String> cleared = sent.cleared();
        for (String field : List.of("name", "quantity")) {
            if (cleared.contains(field)) {
                throw new ValidationException(field, "is required");
            }
        }
        return VersionedChanges.change(projects, project, expected, p -> {
            if (sent.name() != null) {
                p.rename(required("name", sent.name(), 200));
            }
            p.plan(
                    sent.quantity() == null ? p.quantity() : quantity("quantity", sent.quantity()),
                    keep(sent.dueDate(), p.dueDate(), cleared, "due_date"),
                    keep(
                            amount("estimated_price", sent.estimatedPrice()),
                            p.estimatedPrice(),
                            cleared,
                            "estimated_price"),
                    keep(amount("estimated_cost", sent.estimatedCost()), p.estimatedCost(), cleared, "estimated_cost"));
            if (sent.notes() != null || cleared.contains("notes")) {
                p.note(notes(sent.notes()));
            }
        });
    }

    /** Only a DRAFT is deleted (with its stages and documents); a started project is cancelled instead. */
    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        Project project = locked(id);
        VersionedChanges.delete(projects, project, expected, p -> {
            if (p.status() != Project.Status.DRAFT) {
                throw new ConflictException("Only a DRAFT project can be deleted; cancel a " + p.status() + " one");
            }
            em.createQuery("delete from StageInstance s where s.projectId = :id")
                    .setParameter("id", p.id())
                    .executeUpdate();
            em.createQuery("delete from DesignDoc d where d.projectId = :id")
                    .setParameter("id", p.id())
                    .executeUpdate();
        });
    }

    @Transactional
    public Project hold(UUID id, ExpectedVersion expected) {
        return changeStatus(id, expected, Project::hold);
    }

    @Transactional
    public Project resume(UUID id, ExpectedVersion expected) {
        return changeStatus(id, expected, Project::resume);
    }

    @Transactional
    public Project cancel(UUID id, ExpectedVersion expected) {
        Project cancelled = changeStatus(id, expected, Project::cancel);
        events.publishEvent(
                new ProjectCancelled(cancelled.orgId(), cancelled.id(), cancelled.code(), actor(), Instant.now()));
        return cancelled;
    }

    /** A change of status needs no If-Match (it is checked when sent): the row lock orders concurrent ones. */
    private Project changeStatus(UUID id, ExpectedVersion expected, java.util.function.Consumer<Project> change) {
        Project project = locked(id);
        expected.checkIfGiven(project.version());
        change.accept(project);
        return projects.saveAndFlush(project);
    }

    Project locked(UUID id) {
        return projects.findLocked(id).orElseThrow(() -> NotFoundException.of("Project", id));
    }

    // --- design documents ------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<DesignDoc> designDocs(UUID projectId) {
        project(projectId);
        return designDocs.findOfProject(projectId);
    }

    @Transactional
    public DesignDoc addDesignDoc(UUID projectId, NewDesignDoc sent) {
        Project project = project(projectId);
        String fileKey = required("file_key", sent.fileKey(), 500);
        String fileName = required("file_name", sent.fileName(), 255);
        if (sent.contentType() != null && sent.contentType().length() > 200) {
            throw new ValidationException("content_type", "must be at most 200 characters");
        }
        if (sent.sizeBytes() != null && sent.sizeBytes() < 0) {
            throw new ValidationException("size_bytes", "must not be negative");
        }
        return designDocs.saveAndFlush(new DesignDoc(
                project,
                fileKey,
                fileName,
                blankToNull(sent.contentType()),
                sent.sizeBytes(),
                sent.metadata(),
                actor(),
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    // --- promotion -------------------------------------------------------------------------------------------

    /**
     * A new product made from the project: a DRAFT with the project's pinned bill of materials copied into its first
     * (DRAFT) BOM, and the chosen design documents. The catalog does the work; this names what to copy.
     */
    @Transactional
    public UUID promote(UUID projectId, Promotion sent) {
        callers.require("catalog:manage", "Promoting a project makes a product and its bill of materials");
        Project project = project(projectId);
        List<UUID> ids = sent.designDocIds() == null ? List.of() : sent.designDocIds();
        if (ids.stream().anyMatch(java.util.Objects::isNull)) {
            throw new ValidationException("design_doc_ids", "must not contain nulls");
        }
        if (ids.size() > MAX_PROMOTED_DOCS) {
            throw new ValidationException("design_doc_ids", "names more than " + MAX_PROMOTED_DOCS + " documents");
        }
        Set<UUID> wanted = new LinkedHashSet<>(ids);
        List<DesignDoc> chosen = wanted.isEmpty() ? List.of() : designDocs.findOfProject(projectId, wanted);
        if (chosen.size() != wanted.size()) {
            throw new ValidationException("design_doc_ids", "must name design documents of this project");
        }
        String name = sent.name() == null || sent.name().isBlank() ? project.name() : sent.name();
        return templates.promoteFromProject(new ProductTemplates.Promotion(
                project.id(),
                project.code(),
                sent.sku(),
                name,
                project.bomId(),
                chosen.stream()
                        .map(d -> new ProductTemplates.DesignDocCopy(
                                d.id(), d.fileKey(), d.fileName(), d.contentType(), d.sizeBytes(), d.metadata()))
                        .toList()));
    }

    // --- values ----------------------------------------------------------------------------------------------

    static UUID actor() {
        return TenantContext.actorId().orElse(null);
    }

    static String required(String field, String text, int max) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        String trimmed = text.strip();
        if (trimmed.length() > max) {
            throw new ValidationException(field, "must be at most " + max + " characters");
        }
        return trimmed;
    }

    private static String notes(String notes) {
        if (notes != null && notes.length() > MAX_NOTES) {
            throw new ValidationException("notes", "must be at most " + MAX_NOTES + " characters");
        }
        return blankToNull(notes);
    }

    static BigDecimal quantity(String field, BigDecimal value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        if (value.signum() <= 0) {
            throw new ValidationException(field, "must be greater than 0");
        }
        if (value.compareTo(MAX_QUANTITY) > 0) {
            throw new ValidationException(field, "must be at most " + MAX_QUANTITY.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > 6) {
            throw new ValidationException(field, "must have at most 6 decimals");
        }
        return value;
    }

    static BigDecimal amount(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            throw new ValidationException(field, "must not be negative");
        }
        if (value.compareTo(MAX_AMOUNT) > 0) {
            throw new ValidationException(field, "is larger than an amount can be");
        }
        if (value.stripTrailingZeros().scale() > 4) {
            throw new ValidationException(field, "must have at most 4 decimals");
        }
        return value;
    }

    private static <T> T keep(T sent, T current, Set<String> cleared, String field) {
        if (sent != null) {
            return sent;
        }
        return cleared.contains(field) ? null : current;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
