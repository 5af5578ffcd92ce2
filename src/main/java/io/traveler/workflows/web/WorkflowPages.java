package io.traveler.workflows.web;

import io.traveler.accounts.Accounts;
import io.traveler.catalog.Catalog;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import io.traveler.workflows.Workflows;
import io.traveler.workflows.internal.WorkflowDefinition;
import io.traveler.workflows.internal.WorkflowDefinition.ActionDefinition;
import io.traveler.workflows.internal.WorkflowDefinition.StageDefinition;
import io.traveler.workflows.internal.WorkflowService;
import io.traveler.workflows.internal.WorkflowSnapshot;
import io.traveler.workflows.internal.WorkflowVersion;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workflows in the browser: the list, and the editor of a workflow — its stages as cards reordered by dragging
 * (js/workflow-editor.js), each with its station, expected minutes and actions; the editor sends the whole workflow
 * as one JSON field, the same body the API reads, so the rules and their field names are the API's.
 */
@PageController
@RequestMapping("/app/workflows")
class WorkflowPages {
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    private static final List<String> KINDS = List.of("scan", "checklist", "measurement", "photo", "sign_off");

    private final WorkflowService workflows;
    private final Accounts accounts;
    private final Catalog catalog;
    private final PermissionCatalogue catalogue;

    WorkflowPages(WorkflowService workflows, Accounts accounts, Catalog catalog, PermissionCatalogue catalogue) {
        this.workflows = workflows;
        this.accounts = accounts;
        this.catalog = catalog;
        this.catalogue = catalogue;
    }

    /** What the editor shows: a stored version, or what the user sent when it was refused. */
    record Editor(
            UUID id,
            Long version,
            int versionNo,
            String status,
            String name,
            String description,
            List<StageDefinition> stages,
            boolean editable) {

        static Editor blank() {
            return new Editor(
                    null, null, 0, "new", "", "", List.of(new StageDefinition("", null, 60, null, List.of())), true);
        }

        static Editor of(WorkflowSnapshot w) {
            List<StageDefinition> stages = new ArrayList<>();
            for (Workflows.Stage s : w.stages()) {
                stages.add(new StageDefinition(
                        s.name(),
                        s.stationId(),
                        s.expectedMinutes(),
                        s.requiredQcProcessId(),
                        s.actions().stream()
                                .map(a -> new ActionDefinition(
                                        WorkflowViews.lower(a.kind()),
                                        a.label(),
                                        a.required(),
                                        a.checklistItems(),
                                        a.unit(),
                                        a.targetValue(),
                                        a.tolerance(),
                                        a.permission()))
                                .toList()));
            }
            boolean editable =
                    w.status() == WorkflowVersion.Status.DRAFT || w.status() == WorkflowVersion.Status.ACTIVE;
            return new Editor(
                    w.id(),
                    w.version(),
                    w.versionNo(),
                    WorkflowViews.lower(w.status()),
                    w.name(),
                    w.description(),
                    stages,
                    editable);
        }

        Editor showing(WorkflowDefinition sent) {
            return new Editor(
                    id,
                    version,
                    versionNo,
                    status,
                    sent.name(),
                    sent.description(),
                    sent.stages() == null ? List.of() : sent.stages(),
                    editable);
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('workflows:read')")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        var chosen = WorkflowViews.statusOf("status", status);
        model.addAttribute("statuses", List.of("DRAFT", "ACTIVE", "SUPERSEDED", "ARCHIVED"));
        model.addAttribute("stations", accounts.allStations());
        return ListPages.of(request, model, "workflows/workflows")
                .filter("q", q)
                .filter("status", chosen == null ? null : chosen.name())
                .show(
                        cursor,
                        page -> workflows.list(
                                page.request(WorkflowService.SORTS.keySet(), "name"),
                                new WorkflowService.WorkflowFilter(chosen, q)));
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('workflows:manage')")
    String create(Model model) {
        return editor(Editor.blank(), model);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('workflows:manage')")
    String create(
            @RequestParam(required = false) String definition,
            @RequestParam(name = "save_as", required = false) String saveAs,
            Model model,
            RedirectAttributes flash) {
        WorkflowDefinition sent = parse(definition);
        return Forms.submit(
                model,
                () -> {
                    var created = workflows.create(readable(sent), "draft".equals(saveAs));
                    return Forms.notice(flash, created.name() + " created.", "redirect:/app/workflows/" + created.id());
                },
                () -> editor(Editor.blank().showing(sent), model));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('workflows:read')")
    String workflow(@PathVariable UUID id, Model model) {
        return editor(Editor.of(workflows.get(id)), model);
    }

    /** A draft is saved in place; the active version is saved as the next version, to which the page moves. */
    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('workflows:manage')")
    String save(
            @PathVariable UUID id,
            @RequestParam(required = false) String definition,
            @RequestParam(required = false) Long version,
            Model model,
            RedirectAttributes flash) {
        WorkflowDefinition sent = parse(definition);
        return Forms.submit(
                model,
                () -> {
                    var edited = workflows.edit(id, ExpectedVersion.ofNullable(version), readable(sent));
                    return Forms.notice(
                            flash,
                            edited.newVersion()
                                    ? "Saved as version " + edited.workflow().versionNo()
                                            + "; projects already running keep the version they started with."
                                    : "Saved.",
                            "redirect:/app/workflows/" + edited.workflow().id());
                },
                () -> editor(Editor.of(workflows.get(id)).showing(sent), model));
    }

    @PostMapping("/{id}/activate")
    @PreAuthorize("hasAuthority('workflows:manage')")
    String activate(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/workflows/" + id,
                "This version is now the active one.",
                () -> workflows.activate(id, ExpectedVersion.ofNullable(version)));
    }

    @PostMapping("/{id}/archive")
    @PreAuthorize("hasAuthority('workflows:manage')")
    String archive(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/workflows/" + id,
                "Archived.",
                () -> workflows.archive(id, ExpectedVersion.ofNullable(version)));
    }

    @GetMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('workflows:manage')")
    String confirmDelete(@PathVariable UUID id, Model model) {
        var workflow = workflows.get(id);
        return Forms.confirm(
                model,
                "Delete version " + workflow.versionNo() + " of " + workflow.name() + "?",
                "A version that projects run cannot be deleted; archive it instead.",
                "/app/workflows/" + id + "/delete",
                workflow.version(),
                "/app/workflows/" + id);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('workflows:manage')")
    String delete(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash, "/app/workflows", "Deleted.", () -> workflows.delete(id, ExpectedVersion.ofNullable(version)));
    }

    @PostMapping("/{id}/products")
    @PreAuthorize("hasAuthority('workflows:manage')")
    String products(
            @PathVariable UUID id,
            @RequestParam(name = "product_ids", required = false) List<UUID> productIds,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/workflows/" + id,
                "Default workflow of the chosen products saved.",
                () -> workflows.assignProducts(id, productIds == null ? List.of() : productIds));
    }

    private String editor(Editor editor, Model model) {
        model.addAttribute("editor", editor);
        model.addAttribute("heading", editor.id() == null ? "New workflow" : editor.name());
        model.addAttribute("stations", accounts.allStations());
        model.addAttribute("kinds", KINDS);
        model.addAttribute("permissions", new TreeSet<>(catalogue.allCodes()));
        if (editor.id() != null) {
            model.addAttribute("versions", workflows.versionsOf(editor.id()));
            List<Catalog.Sellable> madeBy = workflows.products(editor.id());
            Set<UUID> chosen = madeBy.stream().map(Catalog.Sellable::productId).collect(Collectors.toSet());
            model.addAttribute("chosenProducts", chosen);
            // The form replaces the whole set: every product that names the workflow now must be on it (a
            // discontinued one, or one past the offer's limit, too), or saving would silently take it away.
            Map<UUID, Catalog.Sellable> offered = new LinkedHashMap<>();
            madeBy.forEach(p -> offered.put(p.productId(), p));
            catalog.offeredSellables(500).stream()
                    .filter(s -> s.variantId() == null)
                    .forEach(p -> offered.putIfAbsent(p.productId(), p));
            model.addAttribute("products", List.copyOf(offered.values()));
        }
        return "workflows/workflow";
    }

    private static final WorkflowDefinition UNREADABLE = new WorkflowDefinition("", null, List.of());

    /** The editor's JSON; unreadable JSON (only a forged form or a page without its script sends it) shows empty. */
    private static WorkflowDefinition parse(String definition) {
        if (definition == null || definition.isBlank()) {
            return UNREADABLE;
        }
        try {
            return JSON.readValue(definition, WorkflowDefinition.class);
        } catch (JacksonException e) {
            return UNREADABLE;
        }
    }

    private static WorkflowDefinition readable(WorkflowDefinition sent) {
        if (sent == UNREADABLE) {
            throw new ValidationException("definition", "could not be read; reload the page and try again");
        }
        return sent;
    }
}
