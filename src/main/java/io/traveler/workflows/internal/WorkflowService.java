package io.traveler.workflows.internal;

import io.traveler.catalog.Catalog;
import io.traveler.shared.SearchWords;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.TravelerException.FieldError;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.KeysetPager;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.workflows.Workflows;
import io.traveler.workflows.Workflows.ActionKind;
import io.traveler.workflows.internal.WorkflowDefinition.ActionDefinition;
import io.traveler.workflows.internal.WorkflowDefinition.StageDefinition;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Workflows and their versions. A workflow is created ACTIVE (or DRAFT when asked); a DRAFT is edited in place; an
 * edit of the ACTIVE version writes the next version, ACTIVE, and retires the edited one (SUPERSEDED) unchanged, in
 * one transaction. An edit locks the edited version's row first, so edits of one version happen one after another
 * and each checks the version the one before left (the later ones are stale: 412); the partial unique index on the
 * ACTIVE version of a family is the guarantee behind it.
 */
@Service
public class WorkflowService implements Workflows {
    public static final Map<String, String> SORTS =
            Map.of("name", "name", "created_at", "createdAt", "updated_at", "updatedAt");
    static final int MAX_PRODUCTS = 500;

    /** A list's narrowing: a status (none: every version not superseded) and words of the name. */
    public record WorkflowFilter(WorkflowVersion.Status status, String q) {}

    /** An edit's outcome: the version that answers, and whether it is a new one (the edited was ACTIVE). */
    public record Edited(WorkflowSnapshot workflow, boolean newVersion) {}

    private final WorkflowVersions versions;
    private final WorkflowRules rules;
    private final StationTaskTemplates templates;
    private final Catalog catalog;
    private final EntityManager em;

    WorkflowService(
            WorkflowVersions versions,
            WorkflowRules rules,
            StationTaskTemplates templates,
            Catalog catalog,
            EntityManager em) {
        this.versions = versions;
        this.rules = rules;
        this.templates = templates;
        this.catalog = catalog;
        this.em = em;
    }

    // --- facade ----------------------------------------------------------------------------------------------

    @Override
    @Transactional(readOnly = true)
    public Optional<Workflow> workflow(UUID workflowId) {
        return versions.findById(workflowId).map(WorkflowSnapshot::of).map(WorkflowSnapshot::toFacade);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Workflow> activeVersionOf(UUID workflowId) {
        return activeOf(workflowId).map(WorkflowSnapshot::toFacade);
    }

    @Override
    @Transactional(readOnly = true)
    public List<WorkflowSummary> summaries(java.util.Collection<UUID> workflowIds) {
        return versions.findAllById(workflowIds).stream()
                .map(WorkflowService::summary)
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<WorkflowSummary> activeWorkflows() {
        return versions.findByStatusOrderByNameAscIdAsc(WorkflowVersion.Status.ACTIVE).stream()
                .map(WorkflowService::summary)
                .toList();
    }

    private static WorkflowSummary summary(WorkflowVersion version) {
        return new WorkflowSummary(
                version.id(),
                version.familyId(),
                version.versionNo(),
                version.name(),
                version.status().name());
    }

    @Override
    public List<TaskTemplate> taskTemplates(UUID stationId) {
        return templates.of(stationId);
    }

    // --- workflows -------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public ItemList<WorkflowSnapshot> list(PageRequest page, WorkflowFilter filter) {
        return KeysetPager.page(em, WorkflowVersion.class, page, SORTS, (root, cb) -> {
                    List<Predicate> where = new ArrayList<>();
                    where.add(
                            filter.status() == null
                                    ? cb.notEqual(root.get("status"), WorkflowVersion.Status.SUPERSEDED)
                                    : cb.equal(root.get("status"), filter.status()));
                    for (String word : SearchWords.of(filter.q())) {
                        where.add(cb.like(cb.lower(root.get("name")), SearchWords.containing(word), '\\'));
                    }
                    return cb.and(where.toArray(Predicate[]::new));
                })
                .map(WorkflowSnapshot::of);
    }

    @Transactional(readOnly = true)
    public WorkflowSnapshot get(UUID id) {
        return WorkflowSnapshot.of(find(id));
    }

    /** The ACTIVE version of the family of {@code id}, which may name a version or the family itself. */
    @Transactional(readOnly = true)
    public Optional<WorkflowSnapshot> activeOf(UUID id) {
        UUID family = versions.findById(id).map(WorkflowVersion::familyId).orElse(id);
        return versions.findByFamilyIdAndStatus(family, WorkflowVersion.Status.ACTIVE)
                .map(WorkflowSnapshot::of);
    }

    /** Every version of the workflow {@code id} is a version of, the newest first. */
    @Transactional(readOnly = true)
    public List<WorkflowSnapshot> versionsOf(UUID id) {
        return versions.findByFamilyIdOrderByVersionNoDesc(find(id).familyId()).stream()
                .map(WorkflowSnapshot::of)
                .toList();
    }

    @Transactional
    public WorkflowSnapshot create(WorkflowDefinition definition, boolean draft) {
        rules.check(definition);
        var workflow = WorkflowVersion.first(
                definition.name(),
                definition.description(),
                draft ? WorkflowVersion.Status.DRAFT : WorkflowVersion.Status.ACTIVE,
                TenantContext.actorId().orElse(null));
        workflow.replaceStages(stagesOf(workflow.id(), definition));
        return WorkflowSnapshot.of(versions.saveAndFlush(workflow));
    }

    /**
     * A DRAFT changes in place (its stages replaced); the ACTIVE version is retired and its successor answers;
     * a superseded or archived version is history and stays as it is.
     */
    @Transactional
    public Edited edit(UUID id, ExpectedVersion expected, WorkflowDefinition definition) {
        var edited = versions.findLocked(id).orElseThrow(() -> NotFoundException.of("Workflow", id));
        expected.require(edited.version());
        rules.check(definition);
        switch (edited.status()) {
            case DRAFT -> {
                // the stages are not part of the version's optimistic lock: a new stage list moves it here
                em.lock(edited, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
                edited.describe(definition.name(), definition.description());
                edited.replaceStages(stagesOf(edited.id(), definition));
                return new Edited(WorkflowSnapshot.of(versions.saveAndFlush(edited)), false);
            }
            case ACTIVE -> {
                edited.supersede();
                versions.saveAndFlush(edited);
                var next = WorkflowVersion.after(
                        edited,
                        versions.lastVersionNo(edited.familyId()) + 1,
                        definition.name(),
                        definition.description(),
                        TenantContext.actorId().orElse(null));
                next.replaceStages(stagesOf(next.id(), definition));
                return new Edited(WorkflowSnapshot.of(versions.saveAndFlush(next)), true);
            }
            default ->
                throw new ConflictException("Version " + edited.versionNo() + " is "
                        + edited.status().name().toLowerCase() + " and stays as it was; edit the active version");
        }
    }

    /** The version becomes the ACTIVE one of its family; the one active before is superseded. */
    @Transactional
    public WorkflowSnapshot activate(UUID id, ExpectedVersion expected) {
        var workflow = find(id);
        expected.checkIfGiven(workflow.version());
        if (workflow.status() == WorkflowVersion.Status.ACTIVE) {
            throw new ConflictException("Version " + workflow.versionNo() + " is already active");
        }
        versions.findByFamilyIdAndStatus(workflow.familyId(), WorkflowVersion.Status.ACTIVE)
                .ifPresent(active -> {
                    active.supersede();
                    versions.saveAndFlush(active);
                });
        workflow.activate();
        return WorkflowSnapshot.of(versions.saveAndFlush(workflow));
    }

    /** Archived: no longer offered for new projects; projects running it keep it. */
    @Transactional
    public WorkflowSnapshot archive(UUID id, ExpectedVersion expected) {
        var workflow = find(id);
        expected.checkIfGiven(workflow.version());
        workflow.archive();
        return WorkflowSnapshot.of(versions.saveAndFlush(workflow));
    }

    /** Any version no project runs (the projects' foreign keys refuse the others). */
    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        var workflow = find(id);
        try {
            VersionedChanges.delete(versions, workflow, expected);
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("Version " + workflow.versionNo() + " of " + workflow.name()
                    + " is run by projects and cannot be deleted; archive it instead");
        }
    }

    // --- products made by a workflow -------------------------------------------------------------------------

    /** The products whose default workflow is this one (named by any of its versions or its family). */
    @Transactional(readOnly = true)
    public List<Catalog.Sellable> products(UUID id) {
        return catalog.productsMadeBy(namesOf(find(id)));
    }

    /**
     * The products made by this workflow become exactly {@code productIds}: each names the workflow's family (so a
     * project from it runs whichever version is ACTIVE then); products no longer listed name none.
     */
    @Transactional
    public List<Catalog.Sellable> assignProducts(UUID id, List<UUID> productIds) {
        var workflow = find(id);
        if (productIds == null) {
            throw new ValidationException("product_ids", "is required");
        }
        if (productIds.size() > MAX_PRODUCTS) {
            throw new ValidationException("product_ids", "at most " + MAX_PRODUCTS + " products");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<UUID> wanted = new LinkedHashSet<>();
        for (int i = 0; i < productIds.size(); i++) {
            UUID product = productIds.get(i);
            if (product == null || !catalog.productExists(product)) {
                errors.add(new FieldError("product_ids[" + i + "]", "is not a product of this organization"));
            } else {
                wanted.add(product);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        for (Catalog.Sellable current : catalog.productsMadeBy(namesOf(workflow))) {
            if (!wanted.contains(current.productId())) {
                catalog.assignDefaultWorkflow(current.productId(), null);
            }
        }
        wanted.forEach(product -> catalog.assignDefaultWorkflow(product, workflow.familyId()));
        return catalog.productsMadeBy(namesOf(workflow));
    }

    private List<UUID> namesOf(WorkflowVersion workflow) {
        List<UUID> names = new ArrayList<>();
        names.add(workflow.familyId());
        versions.findByFamilyIdOrderByVersionNoDesc(workflow.familyId()).forEach(v -> names.add(v.id()));
        return names;
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private WorkflowVersion find(UUID id) {
        return versions.findById(id).orElseThrow(() -> NotFoundException.of("Workflow", id));
    }

    /** The stages as checked by {@link WorkflowRules}, numbered in the order sent, each with its actions. */
    private static List<WorkflowStage> stagesOf(UUID workflowId, WorkflowDefinition definition) {
        List<WorkflowStage> stages = new ArrayList<>();
        for (StageDefinition s : definition.stages()) {
            var stage = new WorkflowStage(
                    workflowId,
                    stages.size() + 1,
                    s.name(),
                    s.stationId(),
                    s.expectedMinutes() == null ? 0 : s.expectedMinutes(),
                    s.requiredQcProcessId());
            for (ActionDefinition a : s.actions() == null ? List.<ActionDefinition>of() : s.actions()) {
                ActionKind kind = WorkflowRules.kindOf(a.kind());
                var action = stage.addAction(
                        kind,
                        a.label() == null || a.label().isBlank() ? labelOf(kind) : a.label(),
                        a.required() == null || a.required());
                action.checklist(
                        a.checklistItems() == null
                                ? List.of()
                                : a.checklistItems().stream().map(String::strip).toList());
                action.measure(blankToNull(a.unit()), a.targetValue(), a.tolerance());
                action.signedOffBy(blankToNull(a.permission()));
            }
            stages.add(stage);
        }
        return stages;
    }

    static String labelOf(ActionKind kind) {
        return switch (kind) {
            case SCAN -> "Scan";
            case CHECKLIST -> "Checklist";
            case MEASUREMENT -> "Measurement";
            case PHOTO -> "Photo";
            case SIGN_OFF -> "Sign-off";
        };
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
