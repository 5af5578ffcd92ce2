package io.traveler.inventory.web;

import io.traveler.catalog.Catalog;
import io.traveler.inventory.internal.ProjectMaterials;
import io.traveler.projects.ProjectStages;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A project's materials page: what its BOM requires per part and stage, what is reserved, issued and short; the
 * shortfalls its stages' backflush recorded; the lots issued to it (each linked to its trace); reserve again and
 * release.
 */
@PageController
class ProjectMaterialsPages {
    private final ProjectMaterials materials;
    private final ProjectStages projects;
    private final Catalog catalog;

    ProjectMaterialsPages(ProjectMaterials materials, ProjectStages projects, Catalog catalog) {
        this.materials = materials;
        this.projects = projects;
        this.catalog = catalog;
    }

    record LineRow(ProjectMaterials.Line line, String part, String partName, String unit, String stage) {}

    record LotRow(ProjectMaterials.IssuedLot lot, String part) {}

    record ShortfallRow(ProjectMaterials.Shortfall shortfall, String part, String stage) {}

    @GetMapping({"/app/projects/{id}/materials", "/app/projects/{id}/materials/"})
    @PreAuthorize("hasAuthority('inventory:read')")
    String materials(@PathVariable UUID id, Model model) {
        ProjectStages.Job job = projects.job(id).orElseThrow(() -> new NotFoundException("Project", id));
        List<ProjectMaterials.Line> lines = materials.linesOf(id);
        List<ProjectMaterials.IssuedLot> lots = materials.issuedLots(id);
        List<ProjectMaterials.Shortfall> shortfalls = materials.shortfalls(id);
        Map<UUID, Catalog.PartRef> parts = catalog.parts(Stream.of(
                        lines.stream().map(ProjectMaterials.Line::partId),
                        lots.stream().map(ProjectMaterials.IssuedLot::partId),
                        shortfalls.stream().map(ProjectMaterials.Shortfall::partId))
                .flatMap(s -> s)
                .toList());
        String firstStage =
                job.stages().isEmpty() ? null : job.stages().getFirst().name();
        Map<UUID, String> stageNames = new java.util.HashMap<>();
        job.stages().forEach(s -> stageNames.put(s.stageInstanceId(), s.name()));
        model.addAttribute("project", job);
        model.addAttribute(
                "lines",
                lines.stream()
                        .map(l -> new LineRow(
                                l,
                                number(parts, l.partId()),
                                parts.containsKey(l.partId())
                                        ? parts.get(l.partId()).name()
                                        : null,
                                parts.containsKey(l.partId())
                                        ? parts.get(l.partId()).unitOfMeasure()
                                        : null,
                                l.stageName() != null ? l.stageName() : firstStage))
                        .toList());
        model.addAttribute(
                "lots",
                lots.stream().map(l -> new LotRow(l, number(parts, l.partId()))).toList());
        model.addAttribute(
                "shortfalls",
                shortfalls.stream()
                        .map(s -> new ShortfallRow(s, number(parts, s.partId()), stageNames.get(s.stageInstanceId())))
                        .toList());
        model.addAttribute(
                "short", lines.stream().map(ProjectMaterials.Line::shortage).reduce(BigDecimal.ZERO, BigDecimal::add));
        model.addAttribute(
                "issuedCost",
                lots.stream().map(ProjectMaterials.IssuedLot::cost).reduce(BigDecimal.ZERO, BigDecimal::add));
        model.addAttribute(
                "started", job.status().equals("ACTIVE") || job.status().equals("ON_HOLD"));
        return "inventory/project-materials";
    }

    @PostMapping("/app/projects/{id}/materials/refresh")
    @PreAuthorize("hasAuthority('inventory:move')")
    String refresh(@PathVariable UUID id, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/projects/" + id + "/materials",
                "Reserved what stock allows.",
                () -> materials.refresh(id));
    }

    @PostMapping("/app/projects/{id}/materials/release")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String release(@PathVariable UUID id, RedirectAttributes flash) {
        return Forms.act(
                flash, "/app/projects/" + id + "/materials", "Reservations released.", () -> materials.release(id));
    }

    private static String number(Map<UUID, Catalog.PartRef> parts, UUID partId) {
        Catalog.PartRef part = parts.get(partId);
        return part == null ? partId.toString() : part.partNumber();
    }
}
