package io.traveler.workflows.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.Versions;
import io.traveler.workflows.internal.StationTaskTemplates;
import io.traveler.workflows.internal.StationTaskTemplates.TemplateData;
import io.traveler.workflows.web.WorkflowViews.TemplateView;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Workflows")
@RestController
class TaskTemplatesController {
    private final StationTaskTemplates templates;

    TaskTemplatesController(StationTaskTemplates templates) {
        this.templates = templates;
    }

    /** A template as sent: the title is required on creation; in a PATCH a field left out stays, null clears. */
    record TemplateBody(
            String title,
            String description,
            Integer sequence,
            Integer estimateMinutes,
            List<String> checklistItems,
            Boolean required) {
        TemplateData data(Set<String> cleared) {
            return new TemplateData(title, description, sequence, estimateMinutes, checklistItems, required, cleared);
        }
    }

    @Operation(summary = "The station's task templates, by sequence")
    @GetMapping("/api/stations/{id}/task-templates")
    @PreAuthorize("hasAuthority('workflows:read')")
    ItemList<TemplateView> list(@PathVariable UUID id) {
        return new ItemList<>(templates.list(id).stream().map(TemplateView::of).toList(), null);
    }

    @Operation(summary = "Add a task template to a station (required unless said otherwise)")
    @PostMapping("/api/stations/{id}/task-templates")
    @PreAuthorize("hasAuthority('workflows:manage')")
    ResponseEntity<TemplateView> create(@PathVariable UUID id, @RequestBody TemplateBody body) {
        var created = templates.create(id, body.data(Set.of()));
        return Versions.created(
                "/api/stations/" + id + "/task-templates/" + created.id(), created.version(), TemplateView.of(created));
    }

    @Operation(summary = "Get a station's task template")
    @GetMapping("/api/stations/{id}/task-templates/{templateId}")
    @PreAuthorize("hasAuthority('workflows:read')")
    ResponseEntity<TemplateView> get(@PathVariable UUID id, @PathVariable UUID templateId) {
        var found = templates.get(id, templateId);
        return Versions.ok(found.version(), TemplateView.of(found));
    }

    @Operation(summary = "Change a station's task template")
    @PatchMapping("/api/stations/{id}/task-templates/{templateId}")
    @PreAuthorize("hasAuthority('workflows:manage')")
    ResponseEntity<TemplateView> change(
            @PathVariable UUID id,
            @PathVariable UUID templateId,
            ExpectedVersion expected,
            @RequestBody TemplateBody body) {
        var changed = templates.change(id, templateId, expected, body.data(ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.version(), TemplateView.of(changed));
    }

    @Operation(summary = "Remove a station's task template (tasks made from it stay)")
    @DeleteMapping("/api/stations/{id}/task-templates/{templateId}")
    @PreAuthorize("hasAuthority('workflows:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, @PathVariable UUID templateId, ExpectedVersion expected) {
        templates.delete(id, templateId, expected);
        return ResponseEntity.noContent().build();
    }
}
