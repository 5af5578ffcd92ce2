package io.traveler.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.catalog.internal.Bom;
import io.traveler.catalog.internal.BomService;
import io.traveler.catalog.internal.CatalogExport;
import io.traveler.catalog.internal.CatalogService;
import io.traveler.catalog.internal.Part;
import io.traveler.shared.Quantity;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jobs.JobRunner;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.JsonObjects;
import io.traveler.shared.web.Versions;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@Tag(name = "Parts")
@RestController
@RequestMapping("/api/catalog/parts")
class PartsController {
    private final CatalogService catalog;
    private final BomService boms;
    private final CatalogExport export;
    private final JobRunner jobs;

    PartsController(CatalogService catalog, BomService boms, CatalogExport export, JobRunner jobs) {
        this.catalog = catalog;
        this.boms = boms;
        this.export = export;
        this.jobs = jobs;
    }

    record PartView(
            UUID id,
            String partNumber,
            String name,
            String description,
            Part.Kind kind,
            String unitOfMeasure,
            BigDecimal unitCost,
            BigDecimal weight,
            JsonNode dimensions,
            JsonNode specifications,
            Integer leadTimeDays,
            BigDecimal minimumOrderQuantity,
            boolean custom,
            Part.Status status,
            UUID categoryId,
            Instant createdAt,
            Instant updatedAt) {
        static PartView of(Part p) {
            return new PartView(
                    p.id(),
                    p.partNumber(),
                    p.name(),
                    p.description(),
                    p.kind(),
                    p.unitOfMeasure(),
                    p.unitCost(),
                    p.weight(),
                    JsonObjects.read(p.dimensions()),
                    JsonObjects.read(p.specifications()),
                    p.leadTimeDays(),
                    p.minimumOrderQuantity(),
                    p.custom(),
                    p.status(),
                    p.categoryId(),
                    p.createdAt(),
                    p.updatedAt());
        }
    }

    record PartCreate(
            @NotBlank @Size(max = 100) String partNumber,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 4000) String description,
            Part.Kind kind,
            @NotBlank @Size(max = 20) String unitOfMeasure,
            @DecimalMin("0") @Quantity BigDecimal unitCost,
            @DecimalMin("0") @Quantity BigDecimal weight,
            JsonNode dimensions,
            JsonNode specifications,
            @Min(0) Integer leadTimeDays,

            @DecimalMin(value = "0", inclusive = false) @Quantity
            BigDecimal minimumOrderQuantity,

            Boolean custom,
            Part.Status status,
            UUID categoryId) {
        CatalogService.PartData data(Part.Kind forcedKind) {
            return new CatalogService.PartData(
                    partNumber,
                    name,
                    description,
                    forcedKind == null ? kind : forcedKind,
                    unitOfMeasure,
                    unitCost,
                    weight,
                    JsonObjects.text("dimensions", dimensions),
                    JsonObjects.text("specifications", specifications),
                    leadTimeDays,
                    minimumOrderQuantity,
                    custom,
                    status,
                    categoryId,
                    Set.of());
        }
    }

    record PartChange(
            @Size(min = 1, max = 100) String partNumber,
            @Size(min = 1, max = 200) String name,
            @Size(max = 4000) String description,
            Part.Kind kind,
            @Size(min = 1, max = 20) String unitOfMeasure,
            @DecimalMin("0") @Quantity BigDecimal unitCost,
            @DecimalMin("0") @Quantity BigDecimal weight,
            JsonNode dimensions,
            JsonNode specifications,
            @Min(0) Integer leadTimeDays,

            @DecimalMin(value = "0", inclusive = false) @Quantity
            BigDecimal minimumOrderQuantity,

            Boolean custom,
            Part.Status status,
            UUID categoryId) {}

    record UseView(UUID productId, String sku, String name, int depth) {
        static UseView of(BomService.Use u) {
            return new UseView(u.productId(), u.sku(), u.name(), u.depth());
        }
    }

    @Operation(summary = "List or search parts")
    @GetMapping
    @PreAuthorize("hasAuthority('catalog:read')")
    ItemList<PartView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Part.Kind kind) {
        var page = PageRequest.of(limit, cursor, sort, CatalogService.PART_SORTS.keySet(), "part_number");
        return catalog.listParts(page, q, kind).map(PartView::of);
    }

    @Operation(summary = "Create a part")
    @PostMapping
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<PartView> create(@Valid @RequestBody PartCreate body) {
        if (body.kind() == null) {
            throw new ValidationException("kind", "must not be null");
        }
        Part created = catalog.createPart(body.data(null));
        return Versions.created("/api/catalog/parts/" + created.id(), created.version(), PartView.of(created));
    }

    /** The import's CSV columns, streamed. */
    @Operation(summary = "Export parts as CSV")
    @GetMapping("/export")
    @PreAuthorize("hasAuthority('catalog:read')")
    void export(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"parts.csv\"");
        export.parts(response.getWriter());
    }

    /**
     * The same CSV as {@code GET /api/catalog/parts/export}, written by a background job: 202 with the job's
     * {@code Location}; its file is then at {@code /api/jobs/{id}/result}. 429 like any job beyond the organization's
     * limits.
     */
    @Operation(summary = "Start a background export of parts as CSV")
    @PostMapping(path = "/export-jobs", produces = "application/json")
    @PreAuthorize("hasAuthority('catalog:read')")
    ResponseEntity<Map<String, UUID>> startExport() {
        UUID id = jobs.start(CatalogExport.PARTS_EXPORT_JOB, Map.of(), null);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/jobs/" + id))
                .body(Map.of("id", id));
    }

    @Operation(summary = "Get a part")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:read')")
    ResponseEntity<PartView> get(@PathVariable UUID id) {
        Part found = catalog.part(id);
        return Versions.ok(found.version(), PartView.of(found));
    }

    @Operation(summary = "Change a part")
    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<PartView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody PartChange body) {
        Part changed = catalog.changePart(
                id,
                expected,
                new CatalogService.PartData(
                        body.partNumber(),
                        body.name(),
                        body.description(),
                        body.kind(),
                        body.unitOfMeasure(),
                        body.unitCost(),
                        body.weight(),
                        JsonObjects.text("dimensions", body.dimensions()),
                        JsonObjects.text("specifications", body.specifications()),
                        body.leadTimeDays(),
                        body.minimumOrderQuantity(),
                        body.custom(),
                        body.status(),
                        body.categoryId(),
                        ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.version(), PartView.of(changed));
    }

    @Operation(summary = "Delete a part")
    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        catalog.deletePart(id, expected);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Products whose active BOM uses this part")
    @GetMapping("/{id}/where-used")
    @PreAuthorize("hasAuthority('catalog:read')")
    ItemList<UseView> whereUsed(@PathVariable UUID id) {
        List<UseView> uses = boms.whereUsed(Bom.ComponentType.PART, id).stream()
                .map(UseView::of)
                .toList();
        return new ItemList<>(uses, null);
    }
}
