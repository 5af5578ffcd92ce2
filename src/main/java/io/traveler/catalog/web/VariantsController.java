package io.traveler.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.catalog.internal.CatalogExport;
import io.traveler.catalog.internal.SupplierVariant;
import io.traveler.catalog.internal.Variant;
import io.traveler.catalog.internal.VariantService;
import io.traveler.shared.Quantity;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@Tag(name = "Variants")
@RestController
class VariantsController {
    private final VariantService variants;
    private final CatalogExport export;

    VariantsController(VariantService variants, CatalogExport export) {
        this.variants = variants;
        this.export = export;
    }

    record VariantView(
            UUID id,
            UUID productId,
            String code,
            String name,
            String sku,
            JsonNode attributes,
            BigDecimal price,
            BigDecimal costPrice,
            Variant.Status status,
            Instant createdAt,
            Instant updatedAt) {
        static VariantView of(Variant v) {
            return new VariantView(
                    v.id(),
                    v.productId(),
                    v.code(),
                    v.name(),
                    v.sku(),
                    JsonObjects.read(v.attributes()),
                    v.price(),
                    v.costPrice(),
                    v.status(),
                    v.createdAt(),
                    v.updatedAt());
        }
    }

    record VariantCreate(
            @NotBlank @Size(max = 200) String name,
            @Size(min = 1, max = 100) String sku,
            JsonNode attributes,
            @DecimalMin("0") @Quantity BigDecimal price,
            @DecimalMin("0") @Quantity BigDecimal costPrice,
            Variant.Status status) {}

    record VariantChange(
            @Size(min = 1, max = 200) String name,
            @Size(min = 1, max = 100) String sku,
            JsonNode attributes,
            @DecimalMin("0") @Quantity BigDecimal price,
            @DecimalMin("0") @Quantity BigDecimal costPrice,
            Variant.Status status) {}

    record SupplierVariantView(
            UUID id,
            UUID variantId,
            UUID factoryOrgId,
            String factoryName,
            String supplierProductCode,
            String supplierVariantCode,
            String supplierSku,
            BigDecimal supplierPrice,
            BigDecimal minimumQuantity,
            Integer leadTimeDays,
            SupplierVariant.Availability availability,
            Instant createdAt,
            Instant updatedAt) {
        static SupplierVariantView of(SupplierVariant s, String factoryName) {
            return new SupplierVariantView(
                    s.id(),
                    s.variantId(),
                    s.factoryOrgId(),
                    factoryName,
                    s.supplierProductCode(),
                    s.supplierVariantCode(),
                    s.supplierSku(),
                    s.supplierPrice(),
                    s.minimumQuantity(),
                    s.leadTimeDays(),
                    s.availability(),
                    s.createdAt(),
                    s.updatedAt());
        }
    }

    record SupplierVariantCreate(
            @NotNull UUID factoryOrgId,
            @Size(min = 1, max = 100) String supplierProductCode,
            @Size(min = 1, max = 100) String supplierVariantCode,
            @Size(min = 1, max = 100) String supplierSku,
            @DecimalMin("0") @Quantity BigDecimal supplierPrice,

            @DecimalMin(value = "0", inclusive = false) @Quantity
            BigDecimal minimumQuantity,

            @Min(0) Integer leadTimeDays,
            SupplierVariant.Availability availability) {}

    record SupplierVariantChange(
            UUID factoryOrgId,
            @Size(min = 1, max = 100) String supplierProductCode,
            @Size(min = 1, max = 100) String supplierVariantCode,
            @Size(min = 1, max = 100) String supplierSku,
            @DecimalMin("0") @Quantity BigDecimal supplierPrice,

            @DecimalMin(value = "0", inclusive = false) @Quantity
            BigDecimal minimumQuantity,

            @Min(0) Integer leadTimeDays,
            SupplierVariant.Availability availability) {}

    // --- variants --------------------------------------------------------------------------------------------

    @Operation(summary = "List a product's variants")
    @GetMapping("/api/products/templates/{productId}/variants")
    @PreAuthorize("hasAuthority('catalog:read')")
    ItemList<VariantView> listOfProduct(
            @PathVariable UUID productId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Variant.Status status) {
        var page = PageRequest.of(limit, cursor, sort, VariantService.VARIANT_SORTS.keySet(), "code");
        return variants.listOfProduct(productId, page, status).map(VariantView::of);
    }

    @Operation(summary = "Create a variant of a product")
    @PostMapping("/api/products/templates/{productId}/variants")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<VariantView> create(@PathVariable UUID productId, @Valid @RequestBody VariantCreate body) {
        Variant created = variants.create(
                productId,
                new VariantService.VariantData(
                        body.name(),
                        body.sku(),
                        JsonObjects.text("attributes", body.attributes()),
                        body.price(),
                        body.costPrice(),
                        body.status(),
                        Set.of()));
        return Versions.created("/api/catalog/variants/" + created.id(), created.version(), VariantView.of(created));
    }

    /** Every variant of the organization, filtered by product, code, SKU or status. */
    @Operation(summary = "List or search variants")
    @GetMapping("/api/catalog/variants")
    @PreAuthorize("hasAuthority('catalog:read')")
    ItemList<VariantView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(name = "product_id", required = false) UUID productId,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String sku,
            @RequestParam(required = false) Variant.Status status) {
        var page = PageRequest.of(limit, cursor, sort, VariantService.VARIANT_SORTS.keySet(), "code");
        return variants.list(page, new VariantService.VariantFilter(productId, code, sku, status))
                .map(VariantView::of);
    }

    /** The variant import's CSV columns, streamed. */
    @Operation(summary = "Export variants as CSV")
    @GetMapping("/api/catalog/variants/export")
    @PreAuthorize("hasAuthority('catalog:read')")
    void export(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"variants.csv\"");
        export.variants(response.getWriter());
    }

    @Operation(summary = "Get a variant")
    @GetMapping("/api/catalog/variants/{id}")
    @PreAuthorize("hasAuthority('catalog:read')")
    ResponseEntity<VariantView> get(@PathVariable UUID id) {
        Variant found = variants.variant(id);
        return Versions.ok(found.version(), VariantView.of(found));
    }

    @Operation(summary = "Change a variant")
    @PatchMapping("/api/catalog/variants/{id}")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<VariantView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody VariantChange body) {
        Variant changed = variants.change(
                id,
                expected,
                new VariantService.VariantData(
                        body.name(),
                        body.sku(),
                        JsonObjects.text("attributes", body.attributes()),
                        body.price(),
                        body.costPrice(),
                        body.status(),
                        ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.version(), VariantView.of(changed));
    }

    @Operation(summary = "Delete a variant")
    @DeleteMapping("/api/catalog/variants/{id}")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        variants.delete(id, expected);
        return ResponseEntity.noContent().build();
    }

    // --- supplier variants -----------------------------------------------------------------------------------

    @Operation(summary = "List a variant's supplier variants")
    @GetMapping("/api/catalog/variants/{id}/supplier-variants")
    @PreAuthorize("hasAuthority('catalog:read')")
    ItemList<SupplierVariantView> supplierVariants(@PathVariable UUID id) {
        Map<UUID, String> names = new HashMap<>();
        return new ItemList<>(
                variants.supplierVariantsOf(id).stream()
                        .map(s -> SupplierVariantView.of(s, names.computeIfAbsent(s.factoryOrgId(), this::nameOf)))
                        .toList(),
                null);
    }

    @Operation(summary = "Map a variant to a partner factory's product")
    @PostMapping("/api/catalog/variants/{id}/supplier-variants")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<SupplierVariantView> createSupplierVariant(
            @PathVariable UUID id, @Valid @RequestBody SupplierVariantCreate body) {
        SupplierVariant created = variants.createSupplierVariant(
                id,
                new VariantService.SupplierVariantData(
                        body.factoryOrgId(),
                        body.supplierProductCode(),
                        body.supplierVariantCode(),
                        body.supplierSku(),
                        body.supplierPrice(),
                        body.minimumQuantity(),
                        body.leadTimeDays(),
                        body.availability(),
                        Set.of()));
        return Versions.created("/api/catalog/supplier-variants/" + created.id(), created.version(), view(created));
    }

    @Operation(summary = "Get a supplier variant")
    @GetMapping("/api/catalog/supplier-variants/{id}")
    @PreAuthorize("hasAuthority('catalog:read')")
    ResponseEntity<SupplierVariantView> getSupplierVariant(@PathVariable UUID id) {
        SupplierVariant found = variants.supplierVariant(id);
        return Versions.ok(found.version(), view(found));
    }

    @Operation(summary = "Change a supplier variant")
    @PatchMapping("/api/catalog/supplier-variants/{id}")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<SupplierVariantView> changeSupplierVariant(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody SupplierVariantChange body) {
        SupplierVariant changed = variants.changeSupplierVariant(
                id,
                expected,
                new VariantService.SupplierVariantData(
                        body.factoryOrgId(),
                        body.supplierProductCode(),
                        body.supplierVariantCode(),
                        body.supplierSku(),
                        body.supplierPrice(),
                        body.minimumQuantity(),
                        body.leadTimeDays(),
                        body.availability(),
                        ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.version(), view(changed));
    }

    @Operation(summary = "Remove a supplier variant")
    @DeleteMapping("/api/catalog/supplier-variants/{id}")
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<Void> deleteSupplierVariant(@PathVariable UUID id, ExpectedVersion expected) {
        variants.deleteSupplierVariant(id, expected);
        return ResponseEntity.noContent().build();
    }

    private SupplierVariantView view(SupplierVariant mapping) {
        return SupplierVariantView.of(mapping, nameOf(mapping.factoryOrgId()));
    }

    private String nameOf(UUID factoryOrgId) {
        return variants.factoryName(factoryOrgId).orElse(null);
    }
}
