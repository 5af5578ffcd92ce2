package io.traveler.production.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.production.internal.Labels;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Units' labels: a QR code of the unit's URL ({@code {public-url}/s/{serial}}) with the serial and the project under
 * it, as PNG, SVG or ZPL for a thermal printer, and a project's labels as a PDF to print (an A4 sheet of 3 × 8, or
 * one 4 × 6 in label per page). Another organization's unit or project is 404.
 */
@Tag(name = "Labels")
@RestController
class LabelsController {
    private final Labels labels;

    LabelsController(Labels labels) {
        this.labels = labels;
    }

    @Operation(summary = "A unit's label as a PNG picture")
    @ApiResponse(
            responseCode = "200",
            description = "The label",
            content = @Content(mediaType = LabelResponses.PNG, schema = @Schema(type = "string", format = "binary")))
    @GetMapping(path = "/api/units/{id}/label.png", produces = LabelResponses.PNG)
    @PreAuthorize("hasAuthority('production:read')")
    ResponseEntity<byte[]> png(@PathVariable UUID id) {
        return LabelResponses.png(labels.label(id));
    }

    @Operation(summary = "A unit's label as an SVG drawing")
    @ApiResponse(
            responseCode = "200",
            description = "The label",
            content = @Content(mediaType = LabelResponses.SVG, schema = @Schema(type = "string", format = "binary")))
    @GetMapping(path = "/api/units/{id}/label.svg", produces = LabelResponses.SVG)
    @PreAuthorize("hasAuthority('production:read')")
    ResponseEntity<byte[]> svg(@PathVariable UUID id) {
        return LabelResponses.svg(labels.label(id));
    }

    @Operation(summary = "A unit's label in ZPL for a thermal label printer")
    @ApiResponse(
            responseCode = "200",
            description = "The label's ZPL",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
    @GetMapping(path = "/api/units/{id}/label.zpl", produces = "text/plain")
    @PreAuthorize("hasAuthority('production:read')")
    ResponseEntity<byte[]> zpl(@PathVariable UUID id) {
        return LabelResponses.zpl(labels.label(id));
    }

    @Operation(summary = "A project's labels as a PDF: all units, a range of positions, or the units named")
    @ApiResponse(
            responseCode = "200",
            description = "The labels, streamed",
            content = @Content(mediaType = LabelResponses.PDF, schema = @Schema(type = "string", format = "binary")))
    @GetMapping(path = "/api/projects/{id}/labels.pdf", produces = LabelResponses.PDF)
    @PreAuthorize("hasAuthority('production:read')")
    void pdf(
            @PathVariable UUID id,
            @Parameter(description = "a4 (3 × 8 labels of 70 × 37 mm, the default) or 4x6 (one label per page)")
                    @RequestParam(required = false)
                    String layout,
            @Parameter(description = "The units to print, comma-separated ids of the project's units (at most 1,000)")
                    @RequestParam(required = false)
                    List<UUID> units,
            @Parameter(description = "The first position to print") @RequestParam(required = false) Integer from,
            @Parameter(description = "The last position to print") @RequestParam(required = false) Integer to,
            HttpServletResponse response)
            throws IOException {
        var chosen = LabelResponses.layout(layout);
        var sheet = labels.sheet(id, LabelResponses.selection(units, from, to));
        LabelResponses.pdf(sheet.labels(), chosen, sheet.job().code(), response);
    }
}
