package io.traveler.workflows.web;

import io.traveler.accounts.Accounts;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import io.traveler.workflows.internal.StationTaskTemplate;
import io.traveler.workflows.internal.StationTaskTemplates;
import io.traveler.workflows.internal.StationTaskTemplates.TemplateData;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A station's task templates: the list in order, a form to add one, and each template's own form. */
@PageController
@RequestMapping("/app/stations/{stationId}/task-templates")
class TaskTemplatePages {
    private final StationTaskTemplates templates;
    private final Accounts accounts;

    TaskTemplatePages(StationTaskTemplates templates, Accounts accounts) {
        this.templates = templates;
        this.accounts = accounts;
    }

    /** The whole template as the form holds it: the checklist one item a line; an empty field means none. */
    record TemplateForm(
            String title,
            String description,
            Integer sequence,
            Integer estimateMinutes,
            String checklist,
            boolean required,
            Long version) {
        static TemplateForm blank() {
            return new TemplateForm("", "", null, null, "", true, null);
        }

        static TemplateForm of(StationTaskTemplate t) {
            return new TemplateForm(
                    t.title(),
                    t.description(),
                    t.sequence(),
                    t.estimateMinutes(),
                    String.join("\n", t.checklistItems()),
                    t.required(),
                    t.version());
        }

        TemplateData data(boolean creating) {
            List<String> items = checklist == null || checklist.isBlank()
                    ? List.of()
                    : Arrays.stream(checklist.split("\\R"))
                            .map(String::strip)
                            .filter(item -> !item.isEmpty())
                            .toList();
            return new TemplateData(
                    title == null ? "" : title,
                    description,
                    sequence,
                    estimateMinutes,
                    items,
                    required,
                    creating ? Set.of() : Set.of("description", "estimate_minutes", "checklist_items"));
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('workflows:read')")
    String list(@PathVariable UUID stationId, Model model) {
        return page(stationId, TemplateForm.blank(), model);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('workflows:manage')")
    String add(
            @PathVariable UUID stationId,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) Integer sequence,
            @RequestParam(name = "estimate_minutes", required = false) Integer estimateMinutes,
            @RequestParam(name = "checklist_items", required = false) String checklist,
            @RequestParam(required = false) Boolean required,
            Model model,
            RedirectAttributes flash) {
        var form = new TemplateForm(
                title, description, sequence, estimateMinutes, checklist, Boolean.TRUE.equals(required), null);
        return Forms.submit(
                model,
                () -> {
                    var added = templates.create(stationId, form.data(true));
                    return Forms.notice(
                            flash,
                            added.title() + " added.",
                            "redirect:/app/stations/" + stationId + "/task-templates");
                },
                () -> page(stationId, form, model));
    }

    @GetMapping("/{templateId}")
    @PreAuthorize("hasAuthority('workflows:read')")
    String template(@PathVariable UUID stationId, @PathVariable UUID templateId, Model model) {
        var template = templates.get(stationId, templateId);
        return form(stationId, template, TemplateForm.of(template), model);
    }

    @PostMapping("/{templateId}")
    @PreAuthorize("hasAuthority('workflows:manage')")
    String change(
            @PathVariable UUID stationId,
            @PathVariable UUID templateId,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) Integer sequence,
            @RequestParam(name = "estimate_minutes", required = false) Integer estimateMinutes,
            @RequestParam(name = "checklist_items", required = false) String checklist,
            @RequestParam(required = false) Boolean required,
            @RequestParam(required = false) Long version,
            Model model,
            RedirectAttributes flash) {
        var form = new TemplateForm(
                title, description, sequence, estimateMinutes, checklist, Boolean.TRUE.equals(required), version);
        return Forms.submit(
                model,
                () -> {
                    var changed = templates.change(
                            stationId, templateId, ExpectedVersion.ofNullable(version), form.data(false));
                    return Forms.notice(
                            flash,
                            changed.title() + " saved.",
                            "redirect:/app/stations/" + stationId + "/task-templates");
                },
                () -> form(stationId, templates.get(stationId, templateId), form, model));
    }

    @PostMapping("/{templateId}/delete")
    @PreAuthorize("hasAuthority('workflows:manage')")
    String delete(
            @PathVariable UUID stationId,
            @PathVariable UUID templateId,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/stations/" + stationId + "/task-templates",
                "Removed.",
                () -> templates.delete(stationId, templateId, ExpectedVersion.ofNullable(version)));
    }

    private String page(UUID stationId, TemplateForm form, Model model) {
        model.addAttribute("station", station(stationId));
        model.addAttribute("templates", templates.list(stationId));
        model.addAttribute("form", form);
        model.addAttribute("template", null);
        return "workflows/task-templates";
    }

    private String form(UUID stationId, StationTaskTemplate template, TemplateForm form, Model model) {
        model.addAttribute("station", station(stationId));
        model.addAttribute("template", template);
        model.addAttribute("form", form);
        return "workflows/task-template";
    }

    private Accounts.StationRef station(UUID stationId) {
        return accounts.station(stationId).orElseThrow(() -> NotFoundException.of("Station", stationId));
    }
}
