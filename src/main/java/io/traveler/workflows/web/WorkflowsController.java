package io.traveler.workflows.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.accounts.Accounts;
import io.traveler.catalog.Catalog;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.Versions;
import io.traveler.workflows.Workflows;
import io.traveler.workflows.internal.WorkflowDefinition;
import io.traveler.workflows.internal.WorkflowDefinition.StageDefinition;
import io.traveler.workflows.internal.WorkflowService;
import io.traveler.workflows.internal.WorkflowService.WorkflowFilter;
import io.traveler.workflows.internal.WorkflowSnapshot;
import io.traveler.workflows.internal.WorkflowVersion;
import io.traveler.workflows.web.WorkflowViews.StageView;
import io.traveler.workflows.web.WorkflowViews.WorkflowSummary;
import io.traveler.workflows.web.WorkflowViews.WorkflowView;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Workflows")
@RestController
class WorkflowsController {
    private final WorkflowService workflows;
    private final Accounts accounts;

    WorkflowsController(WorkflowService workflows, Accounts accounts) {
        this.workflows = workflows;
        this.accounts = accounts;
    }

    /**
     * A workflow as sent: its name and stages in order, each with a station, expected minutes and actions. On
     * creation {@code status} may be {@code draft} (default {@code active}); an edit ignores it.
     */
    record WorkflowBody(String name, String description, String status, List<StageDefinition> stages) {
        WorkflowDefinition definition() {
            return new WorkflowDefinition(name, description, stages);
        }
    }

    record ProductsBody(List<UUID> productIds) {}

    record ProductView(UUID id, String sku, String name, BigDecimal basePrice) {
        static ProductView of(Catalog.Sellable p) {
            return new ProductView(p.productId(), p.sku(), p.name(), p.listPrice());
        }
    }

    @Operation(summary = "List workflows (every version not superseded, unless a status is asked for)")
    @GetMapping("/api/workflows")
    @PreAuthorize("hasAuthority('workflows:read')")
    ItemList<WorkflowSummary> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status) {
        var page = PageRequest.of(limit, cursor, sort, WorkflowService.SORTS.keySet(), "name");
        return workflows
                .list(page, new WorkflowFilter(WorkflowViews.statusOf("status", status), q))
                .map(WorkflowSummary::of);
    }

    @Operation(summary = "Create a workflow: ACTIVE, or DRAFT when \"status\" is \"draft\"")
    @PostMapping("/api/workflows")
    @PreAuthorize("hasAuthority('workflows:manage')")
    ResponseEntity<WorkflowView> create(@RequestBody WorkflowBody body) {
        var status = WorkflowViews.statusOf("status", body.status());
        if (status != null && status != WorkflowVersion.Status.DRAFT && status != WorkflowVersion.Status.ACTIVE) {
            throw new io.traveler.shared.errors.ValidationException("status", "a new workflow is draft or active");
        }
        var created = workflows.create(body.definition(), status == WorkflowVersion.Status.DRAFT);
        return Versions.created("/api/workflows/" + created.id(), created.version(), view(created));
    }

    @Operation(summary = "Get a workflow version with its stages and their actions")
    @GetMapping("/api/workflows/{id}")
    @PreAuthorize("hasAuthority('workflows:read')")
    ResponseEntity<WorkflowView> get(@PathVariable UUID id) {
        var found = workflows.get(id);
        return Versions.ok(found.version(), view(found));
    }

    @Operation(
            summary = "Edit a workflow: a draft changes in place (200); the active version is superseded by the"
                    + " next version, which answers (201 with its Location)")
    @PutMapping("/api/workflows/{id}")
    @PreAuthorize("hasAuthority('workflows:manage')")
    ResponseEntity<WorkflowView> edit(@PathVariable UUID id, ExpectedVersion expected, @RequestBody WorkflowBody body) {
        var edited = workflows.edit(id, expected, body.definition());
        var answer = edited.workflow();
        if (edited.newVersion()) {
            return Versions.created("/api/workflows/" + answer.id(), answer.version(), view(answer));
        }
        return Versions.ok(answer.version(), view(answer));
    }

    @Operation(summary = "Delete a workflow version no project runs")
    @DeleteMapping("/api/workflows/{id}")
    @PreAuthorize("hasAuthority('workflows:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        workflows.delete(id, expected);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Make this version the active one of its workflow (the active one is superseded)")
    @PostMapping("/api/workflows/{id}/activate")
    @PreAuthorize("hasAuthority('workflows:manage')")
    ResponseEntity<WorkflowView> activate(@PathVariable UUID id, ExpectedVersion expected) {
        var activated = workflows.activate(id, expected);
        return Versions.ok(activated.version(), view(activated));
    }

    @Operation(summary = "Archive a workflow version: no longer offered; projects running it keep it")
    @PostMapping("/api/workflows/{id}/archive")
    @PreAuthorize("hasAuthority('workflows:manage')")
    ResponseEntity<WorkflowView> archive(@PathVariable UUID id, ExpectedVersion expected) {
        var archived = workflows.archive(id, expected);
        return Versions.ok(archived.version(), view(archived));
    }

    @Operation(summary = "Every version of the workflow, the newest first")
    @GetMapping("/api/workflows/{id}/versions")
    @PreAuthorize("hasAuthority('workflows:read')")
    ItemList<WorkflowSummary> versions(@PathVariable UUID id) {
        return new ItemList<>(
                workflows.versionsOf(id).stream().map(WorkflowSummary::of).toList(), null);
    }

    @Operation(summary = "The stages of a workflow version, in order, with their actions")
    @GetMapping("/api/workflows/{id}/stages")
    @PreAuthorize("hasAuthority('workflows:read')")
    ItemList<StageView> stages(@PathVariable UUID id) {
        return new ItemList<>(view(workflows.get(id)).stages(), null);
    }

    @Operation(summary = "The products whose default workflow this is")
    @GetMapping("/api/workflows/{id}/products")
    @PreAuthorize("hasAuthority('workflows:read')")
    ItemList<ProductView> products(@PathVariable UUID id) {
        return new ItemList<>(
                workflows.products(id).stream().map(ProductView::of).toList(), null);
    }

    @Operation(summary = "Make this the default workflow of exactly these products")
    @PutMapping("/api/workflows/{id}/products")
    @PreAuthorize("hasAuthority('workflows:manage')")
    ItemList<ProductView> assignProducts(@PathVariable UUID id, @RequestBody ProductsBody body) {
        return new ItemList<>(
                workflows.assignProducts(id, body.productIds()).stream()
                        .map(ProductView::of)
                        .toList(),
                null);
    }

    private WorkflowView view(WorkflowSnapshot workflow) {
        return WorkflowView.of(workflow, stationsOf(workflow.stages()));
    }

    private Map<UUID, Accounts.StationRef> stationsOf(Collection<Workflows.Stage> stages) {
        return accounts.stations(stages.stream()
                .map(Workflows.Stage::stationId)
                .filter(Objects::nonNull)
                .distinct()
                .toList());
    }
}
