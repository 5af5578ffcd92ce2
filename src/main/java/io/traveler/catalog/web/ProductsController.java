package io.traveler.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.catalog.internal.Bom;
import io.traveler.catalog.internal.BomService;
import io.traveler.catalog.internal.CatalogExport;
import io.traveler.catalog.internal.CatalogService;
import io.traveler.catalog.internal.Product;
import io.traveler.shared.Quantity;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.Versions;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.math.BigDecimal;
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

@Tag(name = "Product templates")
@RestController
@RequestMapping("/api/products/templates")
class ProductsController {
    private final CatalogService catalog;
    private final BomService boms;
    private final CatalogExport export;

    ProductsController(CatalogService catalog, BomService boms, CatalogExport export) {
        this.catalog = catalog;
        this.boms = boms;
        this.export = export;
    }

    record ProductView(
            UUID id,
            String sku,
            String name,
            String description,
            Product.Type type,
            BigDecimal basePrice,
            UUID defaultWorkflowId,
            Product.Status status,
            UUID categoryId,
            Instant createdAt,
            Instant updatedAt) {
        static ProductView of(Product p) {
            return new ProductView(
                    p.id(),
                    p.sku(),
                    p.name(),
                    p.description(),
                    p.type(),
                    p.basePrice(),
                    p.defaultWorkflowId(),
                    p.status(),
                    p.categoryId(),
                    p.createdAt(),
                    p.updatedAt());
        }
    }

    record ProductCreate(
            @NotBlank @Size(max = 100) String sku,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 4000) String description,
            Product.Type type,
            @DecimalMin("0") @Quantity BigDecimal basePrice,
            UUID defaultWorkflowId,
            Product.Status status,
            UUID categoryId) {}

    record ProductChange(
            @Size(min = 1, max = 100) String sku,
            @Size(min = 1, max = 200) String name,
            @Size(max = 4000) String description,
            Product.Type type,
            @DecimalMin("0") @Quantity BigDecimal basePrice,
            UUID defaultWorkflowId,
            Product.Status status,
            UUID categoryId) {}

    @Operation(summary = "List or search product templates")
    @GetMapping
    @PreAuthorize("hasAuthority('catalog:read')")
    ItemList<ProductView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String q) {
        var page = PageRequest.of(limit, cursor, sort, CatalogService.PRODUCT_SORTS.keySet(), "sku");
        return catalog.listProducts(page, q).map(ProductView::of);
    }

    @Operation(summary = "Create a product template")
    @PostMapping
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<ProductView> create(@Valid @RequestBody ProductCreate body) {
        Product created = catalog.createProduct(new CatalogService.ProductData(
                body.sku(),
                body.name(),
                body.description(),
                body.type(),
                body.basePrice(),
                body.defaultWorkflowId(),
                body.status(),
                body.categoryId(),
                Set.of()));
        return Versions.created("/api/products/templates/" + created.id(), created.version(), ProductView.of(created));
    }

    /** The import's CSV columns, streamed. */
    @Operation(summary = "Export product templates as CSV")
    @GetMapping("/export")
    @PreAuthorize("hasAuthority('catalog:read')")
    void export(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"products.csv\"");
        export.products(response.getWriter());
    }

    @Operation(summary = "Get a product template")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:read')")
    ResponseEntity<ProductView> get(@PathVariable UUID id) {
        Product found = catalog.product(id);
        return Versions.ok(found.version(), ProductView.of(found));
    }

    @Operation(summary = "Change a product template")
    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<ProductView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody ProductChange body) {
        Product changed = catalog.changeProduct(
                id,
                expected,
                new CatalogService.ProductData(
                        body.sku(),
                        body.name(),
                        body.description(),
                        body.type(),
                        body.basePrice(),
                        body.defaultWorkflowId(),
                        body.status(),
                        body.categoryId(),
                        ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.version(), ProductView.of(changed));
    }

    /**
     * Refused (409) while a bill of materials names the product as a component, while it has variants, or when one
     * of its BOM versions went beyond DRAFT; its DRAFT versions are deleted with it.
     */
    @Operation(summary = "Delete a product template")
    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        catalog.deleteProduct(id, expected);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Create a draft BOM version of a product")
    @PostMapping("/{id}/boms")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<BomViews.BomView> createBom(@PathVariable UUID id, @Valid @RequestBody BomViews.LinesBody body) {
        var created = boms.createDraft(id, body.toLines(), body.notes());
        return Versions.created(
                "/api/boms/" + created.bom().id(), created.bom().version(), BomViews.BomView.of(created));
    }

    @Operation(summary = "List a product's BOM versions")
    @GetMapping("/{id}/boms")
    @PreAuthorize("hasAuthority('catalog:read')")
    ItemList<BomViews.BomSummary> bomHistory(@PathVariable UUID id) {
        return new ItemList<>(
                boms.history(id).stream().map(BomViews.BomSummary::of).toList(), null);
    }

    @Operation(summary = "Get a product's active BOM")
    @GetMapping("/{id}/bom")
    @PreAuthorize("hasAuthority('catalog:read')")
    ResponseEntity<BomViews.BomView> activeBom(@PathVariable UUID id) {
        var active = boms.activeBomOf(id);
        return Versions.ok(active.bom().version(), BomViews.BomView.of(active));
    }

    @Operation(summary = "Products whose active BOM uses this product")
    @GetMapping("/{id}/where-used")
    @PreAuthorize("hasAuthority('catalog:read')")
    ItemList<PartsController.UseView> whereUsed(@PathVariable UUID id) {
        return new ItemList<>(
                boms.whereUsed(Bom.ComponentType.PRODUCT, id).stream()
                        .map(PartsController.UseView::of)
                        .toList(),
                null);
    }
}
