package io.traveler.production.web;

import io.traveler.production.internal.LabelSheets.Layout;
import io.traveler.production.internal.Labels;
import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Label printing in the web UI: a project's units (serial, stage, status) to tick, a layout, and the PDF of the
 * ticked units, of all of them or of a range of positions; each unit's label as PNG, SVG or ZPL. The files are the
 * API's, answered to the signed-in session.
 */
@PageController
class LabelPages {
    private final Labels labels;

    LabelPages(Labels labels) {
        this.labels = labels;
    }

    @GetMapping({"/app/projects/{id}/labels", "/app/projects/{id}/labels/"})
    @PreAuthorize("hasAuthority('production:read')")
    String page(
            @PathVariable UUID id,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("project", labels.project(id));
        model.addAttribute("unitCount", labels.count(id));
        model.addAttribute("maxSheet", Labels.MAX_SHEET);
        model.addAttribute("maxSelected", Labels.MAX_SELECTED);
        model.addAttribute("layouts", List.of(Layout.values()));
        return ListPages.of(request, model, "production/labels")
                .show(cursor, page -> labels.units(id, page.cursor(), page.size()));
    }

    /**
     * The PDF of the ticked units ({@code scope=selected}) or of all of them, or of positions from..to
     * ({@code scope=all}); a refusal goes back to the page with the reason.
     */
    @PostMapping("/app/projects/{id}/labels.pdf")
    @PreAuthorize("hasAuthority('production:read')")
    String pdf(
            @PathVariable UUID id,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String layout,
            @RequestParam(required = false) List<UUID> units,
            @RequestParam(required = false) Integer from,
            @RequestParam(required = false) Integer to,
            HttpServletResponse response,
            RedirectAttributes redirect)
            throws IOException {
        boolean selected = !"all".equals(scope);
        try {
            if (selected && (units == null || units.isEmpty())) {
                throw new io.traveler.shared.errors.ValidationException("units", "tick the units to print");
            }
            var chosen = LabelResponses.layout(layout);
            var sheet = labels.sheet(
                    id,
                    selected ? LabelResponses.selection(units, null, null) : LabelResponses.selection(null, from, to));
            LabelResponses.pdf(sheet.labels(), chosen, sheet.job().code(), response);
            return null;
        } catch (TravelerException refused) {
            if (refused.kind() == TravelerException.Kind.NOT_FOUND) {
                throw refused;
            }
            redirect.addFlashAttribute(Forms.ERROR, refused.getMessage());
            return "redirect:/app/projects/" + id + "/labels";
        }
    }

    @GetMapping("/app/units/{id}/label.png")
    @PreAuthorize("hasAuthority('production:read')")
    ResponseEntity<byte[]> png(@PathVariable UUID id) {
        return LabelResponses.png(labels.label(id));
    }

    @GetMapping("/app/units/{id}/label.svg")
    @PreAuthorize("hasAuthority('production:read')")
    ResponseEntity<byte[]> svg(@PathVariable UUID id) {
        return LabelResponses.svg(labels.label(id));
    }

    @GetMapping("/app/units/{id}/label.zpl")
    @PreAuthorize("hasAuthority('production:read')")
    ResponseEntity<byte[]> zpl(@PathVariable UUID id) {
        return LabelResponses.zpl(labels.label(id));
    }
}
