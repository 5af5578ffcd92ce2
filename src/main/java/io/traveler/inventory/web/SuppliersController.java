package io.traveler.inventory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.catalog.Catalog;
import io.traveler.inventory.internal.Supplier;
import io.traveler.inventory.internal.SupplierPart;
import io.traveler.inventory.internal.SupplierService;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.ExplicitNulls;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
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

/** Suppliers materials are bought from, and what each sells of the catalog's parts (price, lead time, minimum). */
@Tag(name = "Suppliers")
@RestController
class SuppliersController {
    private final SupplierService suppliers;
    private final Catalog catalog;

    SuppliersController(SupplierService suppliers, Catalog catalog) {
        this.suppliers = suppliers;
        this.catalog = catalog;
    }

    record SupplierView(
            UUID id,
            String code,
            String name,
            String email,
            String phone,
            String address,
            String currency,
            Integer leadTimeDays,
            String notes,
            boolean active,
            Instant createdAt,
            Instant updatedAt) {
        static SupplierView of(Supplier s) {
            return new SupplierView(
                    s.id(),
                    s.code(),
                    s.name(),
                    s.email(),
                    s.phone(),
                    s.address(),
                    s.currency(),
                    s.leadTimeDays(),
                    s.notes(),
                    s.active(),
                    s.createdAt(),
                    s.updatedAt());
        }
    }

    record SupplierCreate(
            @NotBlank @Size(max = 50) String code,
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 320) String email,
            @Size(max = 50) String phone,
            @Size(max = 2000) String address,
            @Size(min = 3, max = 3) String currency,
            Integer leadTimeDays,
            @Size(max = 4000) String notes,
            Boolean active) {}

    record SupplierChange(
            @Size(min = 1, max = 50) String code,
            @Size(min = 1, max = 200) String name,
            @Email @Size(max = 320) String email,
            @Size(max = 50) String phone,
            @Size(max = 2000) String address,
            @Size(min = 3, max = 3) String currency,
            Integer leadTimeDays,
            @Size(max = 4000) String notes,
            Boolean active) {}

    record SupplierPartView(
            UUID id,
            UUID supplierId,
            UUID partId,
            String partNumber,
            String partName,
            String unitOfMeasure,
            String supplierSku,
            BigDecimal unitPrice,
            Integer leadTimeDays,
            BigDecimal minimumQuantity,
            boolean preferred) {
        static SupplierPartView of(SupplierPart e, Catalog.PartRef part) {
            return new SupplierPartView(
                    e.id(),
                    e.supplierId(),
                    e.partId(),
                    part == null ? null : part.partNumber(),
                    part == null ? null : part.name(),
                    part == null ? null : part.unitOfMeasure(),
                    e.supplierSku(),
                    e.unitPrice(),
                    e.leadTimeDays(),
                    e.minimumQuantity(),
                    e.preferred());
        }
    }

    record SupplierPartCreate(
            @NotNull UUID partId,
            @Size(max = 100) String supplierSku,
            @NotNull BigDecimal unitPrice,
            Integer leadTimeDays,
            BigDecimal minimumQuantity,
            Boolean preferred) {}

    record SupplierPartChange(
            UUID partId,
            @Size(max = 100) String supplierSku,
            BigDecimal unitPrice,
            Integer leadTimeDays,
            BigDecimal minimumQuantity,
            Boolean preferred) {}

    @Operation(summary = "List suppliers")
    @GetMapping("/api/inventory/suppliers")
    @PreAuthorize("hasAuthority('inventory:read')")
    ItemList<SupplierView> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Boolean active) {
        var page = PageRequest.of(limit, cursor, sort, SupplierService.SORTS.keySet(), "name");
        return suppliers.list(page, q, active).map(SupplierView::of);
    }

    @Operation(summary = "Create a supplier")
    @PostMapping("/api/inventory/suppliers")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<SupplierView> create(@Valid @RequestBody SupplierCreate body) {
        Supplier created = suppliers.create(new SupplierService.SupplierData(
                body.code(),
                body.name(),
                body.email(),
                body.phone(),
                body.address(),
                body.currency(),
                body.leadTimeDays(),
                body.notes(),
                body.active(),
                Set.of()));
        return Versions.created(created.version(), SupplierView.of(created));
    }

    @Operation(summary = "Get a supplier")
    @GetMapping("/api/inventory/suppliers/{id}")
    @PreAuthorize("hasAuthority('inventory:read')")
    ResponseEntity<SupplierView> get(@PathVariable UUID id) {
        Supplier found = suppliers.supplier(id);
        return Versions.ok(found.version(), SupplierView.of(found));
    }

    @Operation(summary = "Change a supplier (fields sent as null are cleared)")
    @PatchMapping("/api/inventory/suppliers/{id}")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<SupplierView> change(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody SupplierChange body) {
        Supplier changed = suppliers.change(
                id,
                expected,
                new SupplierService.SupplierData(
                        body.code(),
                        body.name(),
                        body.email(),
                        body.phone(),
                        body.address(),
                        body.currency(),
                        body.leadTimeDays(),
                        body.notes(),
                        body.active(),
                        ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.version(), SupplierView.of(changed));
    }

    @Operation(summary = "Delete a supplier nothing was ordered or received from (deactivate the others)")
    @DeleteMapping("/api/inventory/suppliers/{id}")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        suppliers.delete(id, expected);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "List what a supplier sells of the catalog's parts")
    @GetMapping("/api/inventory/suppliers/{id}/parts")
    @PreAuthorize("hasAuthority('inventory:read')")
    ItemList<SupplierPartView> parts(@PathVariable UUID id) {
        List<SupplierPart> entries = suppliers.partsOf(id);
        Map<UUID, Catalog.PartRef> parts = entries.isEmpty()
                ? Map.of()
                : catalog.parts(entries.stream().map(SupplierPart::partId).toList());
        return new ItemList<>(
                entries.stream()
                        .map(e -> SupplierPartView.of(e, parts.get(e.partId())))
                        .toList(),
                null);
    }

    @Operation(summary = "Add a part the supplier sells, with its price, lead time and minimum quantity")
    @PostMapping("/api/inventory/suppliers/{id}/parts")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<SupplierPartView> addPart(@PathVariable UUID id, @Valid @RequestBody SupplierPartCreate body) {
        SupplierPart created = suppliers.addPart(
                id,
                new SupplierService.SupplierPartData(
                        body.partId(),
                        body.supplierSku(),
                        body.unitPrice(),
                        body.leadTimeDays(),
                        body.minimumQuantity(),
                        body.preferred(),
                        Set.of()));
        return Versions.created(created.version(), view(created));
    }

    @Operation(summary = "Change what a supplier sells of a part (fields sent as null are cleared)")
    @PatchMapping("/api/inventory/supplier-parts/{id}")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<SupplierPartView> changePart(
            @PathVariable UUID id, ExpectedVersion expected, @Valid @RequestBody SupplierPartChange body) {
        SupplierPart changed = suppliers.changePart(
                id,
                expected,
                new SupplierService.SupplierPartData(
                        body.partId(),
                        body.supplierSku(),
                        body.unitPrice(),
                        body.leadTimeDays(),
                        body.minimumQuantity(),
                        body.preferred(),
                        ExplicitNulls.inThisRequest()));
        return Versions.ok(changed.version(), view(changed));
    }

    @Operation(summary = "Remove a part from what a supplier sells")
    @DeleteMapping("/api/inventory/supplier-parts/{id}")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ResponseEntity<Void> deletePart(@PathVariable UUID id, ExpectedVersion expected) {
        suppliers.deletePart(id, expected);
        return ResponseEntity.noContent().build();
    }

    private SupplierPartView view(SupplierPart entry) {
        return SupplierPartView.of(entry, catalog.parts(List.of(entry.partId())).get(entry.partId()));
    }
}
