package io.traveler.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.catalog.internal.BomLines;
import io.traveler.catalog.internal.BomService;
import io.traveler.catalog.internal.CatalogExport;
import io.traveler.shared.Quantity;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Versions;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Bills of materials")
@RestController
@RequestMapping("/api/boms")
class BomsController {
    /** Activating a DRAFT without approval takes every permission an administrator has for it. */
    private final BomService boms;

    private final CatalogExport export;

    BomsController(BomService boms, CatalogExport export) {
        this.boms = boms;
        this.export = export;
    }

    record ComparisonView(
            List<BomLines.Line> added, List<BomLines.Line> removed, List<BomService.LineChange> changed) {}

    @Operation(summary = "Compare two BOM versions")
    @GetMapping("/compare")
    @PreAuthorize("hasAuthority('catalog:read')")
    ComparisonView compare(@RequestParam UUID from, @RequestParam UUID to) {
        var c = boms.compare(from, to);
        return new ComparisonView(c.added(), c.removed(), c.changed());
    }

    /**
     * The ACTIVE bills of materials as the BOM-line import's CSV; importing it with {@code ?activate=true} rebuilds
     * them.
     */
    @Operation(summary = "Export the lines of every active BOM as CSV")
    @GetMapping("/export")
    @PreAuthorize("hasAuthority('catalog:read')")
    void export(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"bom-lines.csv\"");
        export.bomLines(response.getWriter());
    }

    @Operation(summary = "Get a BOM version with its lines")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:read')")
    ResponseEntity<BomViews.BomView> get(@PathVariable UUID id) {
        return view(HttpStatus.OK, boms.bom(id));
    }

    @Operation(summary = "Replace a draft BOM's lines")
    @PutMapping("/{id}/lines")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<BomViews.BomView> replaceLines(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody BomViews.LinesBody body) {
        return view(HttpStatus.OK, boms.replaceLines(id, expected, body.toLines()));
    }

    @Operation(summary = "Submit a draft BOM for approval")
    @PostMapping("/{id}/submit")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<BomViews.BomView> submit(@PathVariable UUID id, ExpectedVersion expected) {
        return view(HttpStatus.OK, boms.submit(id, expected));
    }

    @Operation(summary = "Approve a submitted BOM")
    @PostMapping("/{id}/approve")
    @PreAuthorize("hasAuthority('boms:approve')")
    ResponseEntity<BomViews.BomView> approve(@PathVariable UUID id, ExpectedVersion expected) {
        return view(HttpStatus.OK, boms.approve(id, expected));
    }

    @Operation(summary = "Activate a BOM version")
    @PostMapping("/{id}/activate")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<BomViews.BomView> activate(@PathVariable UUID id, ExpectedVersion expected) {
        return view(HttpStatus.OK, boms.activate(id, expected));
    }

    @Operation(summary = "Copy a BOM version into a new draft")
    @PostMapping("/{id}/revise")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<BomViews.BomView> revise(@PathVariable UUID id) {
        return view(HttpStatus.CREATED, boms.revise(id));
    }

    @Operation(
            summary = "Explode a BOM for a quantity",
            description =
                    "Every line below the BOM in path order with the rolled-up totals. `lines=compact` writes each"
                            + " line as an array of the values named by `columns` (about half the bytes); `lines=none` only"
                            + " the totals and `line_count`, for clients that need the roll-up alone.")
    @ApiResponse(
            responseCode = "200",
            description = "The explosion, in the format `lines` chose",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            oneOf = {
                                                BomService.Explosion.class,
                                                ExplosionBody.Compact.class,
                                                ExplosionBody.Totals.class
                                            })))
    @GetMapping("/{id}/explosion")
    @PreAuthorize("hasAuthority('catalog:read')")
    ExplosionBody explosion(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "1") @DecimalMin(value = "0", inclusive = false) @Quantity BigDecimal quantity,
            @RequestParam(name = "include_optional", defaultValue = "true") boolean includeOptional,
            @Parameter(
                            description = "full (default): each line an object; compact: each line an array of the"
                                    + " values named by columns; none: the totals only",
                            schema = @Schema(allowableValues = {"full", "compact", "none"}))
                    @RequestParam(defaultValue = "full")
                    String lines) {
        ExplosionBody.Lines format = ExplosionBody.Lines.of(lines);
        return new ExplosionBody(boms.prepareExplosion(id, quantity, includeOptional), format);
    }

    private static ResponseEntity<BomViews.BomView> view(HttpStatus status, BomService.BomWithLines bom) {
        return Versions.withEtag(status, bom.bom().version(), BomViews.BomView.of(bom));
    }
}
