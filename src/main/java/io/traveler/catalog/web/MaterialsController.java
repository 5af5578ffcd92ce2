package io.traveler.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.catalog.internal.CatalogService;
import io.traveler.catalog.internal.Part;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Materials are the catalog's parts of kind MATERIAL, under the path inventory clients use. */
@Tag(name = "Materials")
@RestController
@RequestMapping("/api/inventory/materials")
class MaterialsController {
    private final CatalogService catalog;

    MaterialsController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Operation(summary = "List or search materials (parts of kind MATERIAL)")
    @GetMapping
    @PreAuthorize("hasAuthority('catalog:read')")
    ItemList<PartsController.PartView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String q) {
        var page = PageRequest.of(limit, cursor, sort, CatalogService.PART_SORTS.keySet(), "part_number");
        return catalog.listParts(page, q, Part.Kind.MATERIAL).map(PartsController.PartView::of);
    }

    /** The kind is always MATERIAL, whatever the body says. */
    @Operation(summary = "Create a material")
    @PostMapping
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<PartsController.PartView> create(@Valid @RequestBody PartsController.PartCreate body) {
        Part created = catalog.createPart(body.data(Part.Kind.MATERIAL));
        return Versions.withEtag(
                ResponseEntity.created(URI.create("/api/catalog/parts/" + created.id())),
                created.version(),
                PartsController.PartView.of(created));
    }
}
