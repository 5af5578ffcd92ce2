package io.traveler.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.catalog.internal.CatalogExport;
import io.traveler.catalog.internal.CatalogService;
import io.traveler.catalog.internal.Category;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.Versions;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.Instant;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Categories")
@RestController
@RequestMapping("/api/catalog/categories")
class CategoriesController {
    private final CatalogService catalog;
    private final CatalogExport export;

    CategoriesController(CatalogService catalog, CatalogExport export) {
        this.catalog = catalog;
        this.export = export;
    }

    record CategoryView(UUID id, String code, String name, UUID parentId, Instant createdAt, Instant updatedAt) {
        static CategoryView of(Category c) {
            return new CategoryView(c.id(), c.code(), c.name(), c.parentId(), c.createdAt(), c.updatedAt());
        }
    }

    record CategoryCreate(
            @NotBlank @Size(max = 50) String code,
            @NotBlank @Size(max = 200) String name,
            UUID parentId) {}

    record CategoryChange(
            @Size(min = 1, max = 50) String code,
            @Size(min = 1, max = 200) String name,
            UUID parentId) {}

    @Operation(summary = "List categories")
    @GetMapping
    @PreAuthorize("hasAuthority('catalog:read')")
    ItemList<CategoryView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(name = "parent_id", required = false) UUID parentId) {
        var page = PageRequest.of(limit, cursor, sort, CatalogService.CATEGORY_SORTS.keySet(), "code");
        return catalog.listCategories(page, parentId).map(CategoryView::of);
    }

    @Operation(summary = "Create a category")
    @PostMapping
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<CategoryView> create(@Valid @RequestBody CategoryCreate body) {
        Category created = catalog.createCategory(
                new CatalogService.CategoryData(body.code(), body.name(), body.parentId(), Set.of()));
        return Versions.created("/api/catalog/categories/" + created.id(), created.version(), CategoryView.of(created));
    }

    /** The import's CSV columns, parents before their children, streamed. */
    @Operation(summary = "Export categories as CSV")
    @GetMapping("/export")
    @PreAuthorize("hasAuthority('catalog:read')")
    void export(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"categories.csv\"");
        export.categories(response.getWriter());
    }

    @Operation(summary = "Get a category")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:read')")
    ResponseEntity<CategoryView> get(@PathVariable UUID id) {
        Category found = catalog.category(id);
        return Versions.ok(found.version(), CategoryView.of(found));
    }

    @Operation(summary = "Change a category")
    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<CategoryView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody CategoryChange body) {
        Category changed = catalog.changeCategory(
                id,
                expected,
                new CatalogService.CategoryData(
                        body.code(), body.name(), body.parentId(), ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.version(), CategoryView.of(changed));
    }

    /** Refused (409) while sub-categories, parts or products are filed under the category. */
    @Operation(summary = "Delete a category")
    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        catalog.deleteCategory(id, expected);
        return ResponseEntity.noContent().build();
    }
}
