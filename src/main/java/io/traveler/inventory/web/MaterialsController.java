package io.traveler.inventory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.catalog.Catalog;
import io.traveler.inventory.internal.Materials;
import io.traveler.inventory.internal.StockQueries;
import io.traveler.inventory.internal.StockQueries.MaterialStock;
import io.traveler.shared.Quantity;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.JsonObjects;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Materials: the catalog's parts of kind MATERIAL or CONSUMABLE, with their stock figures, under the path inventory
 * clients use. Creating one makes a MATERIAL part, with an opening receipt when asked.
 */
@Tag(name = "Materials")
@RestController
@RequestMapping("/api/inventory/materials")
class MaterialsController {
    private final Materials materials;
    private final StockQueries stock;

    MaterialsController(Materials materials, StockQueries stock) {
        this.materials = materials;
        this.stock = stock;
    }

    @Operation(
            summary = "List materials and consumables with their stock",
            description = "By part number, `q` matching the number or name; each with on hand, reserved, available,"
                    + " average cost, value, reorder point and whether it is low.")
    @GetMapping
    @PreAuthorize("hasAuthority('inventory:read')")
    ItemList<MaterialStock> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String q) {
        return stock.materials(q, StockController.limit(limit), cursor);
    }

    /** A first stock of the new material: where, how much, and optionally its lot number and unit cost. */
    record OpeningStock(
            @NotNull UUID locationId,
            @NotNull @Quantity BigDecimal quantity,
            @Size(max = 100) String lotNumber,
            @DecimalMin("0") @Quantity BigDecimal unitCost) {}

    record MaterialCreate(
            @NotBlank @Size(max = 100) String partNumber,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 4000) String description,
            @NotBlank @Size(max = 20) String unitOfMeasure,
            @DecimalMin("0") @Quantity BigDecimal unitCost,
            @DecimalMin("0") @Quantity BigDecimal weight,
            JsonNode dimensions,
            JsonNode specifications,
            @Min(0) Integer leadTimeDays,

            @DecimalMin(value = "0", inclusive = false) @Quantity
            BigDecimal minimumOrderQuantity,

            UUID categoryId,
            @Valid OpeningStock openingStock) {}

    @Operation(
            summary = "Create a material (a MATERIAL part), optionally with an opening receipt",
            description = "`opening_stock` (`location_id`, `quantity`, optional `lot_number` and `unit_cost`) receives"
                    + " the first stock in the same transaction; it needs inventory:move besides catalog:manage.")
    @PostMapping
    @PreAuthorize("hasAuthority('catalog:manage')")
    ResponseEntity<MaterialStock> create(@Valid @RequestBody MaterialCreate body) {
        OpeningStock opening = body.openingStock();
        MaterialStock created = materials.create(
                new Catalog.NewMaterial(
                        body.partNumber(),
                        body.name(),
                        body.description(),
                        body.unitOfMeasure(),
                        body.unitCost(),
                        body.weight(),
                        JsonObjects.text("dimensions", body.dimensions()),
                        JsonObjects.text("specifications", body.specifications()),
                        body.leadTimeDays(),
                        body.minimumOrderQuantity(),
                        body.categoryId()),
                opening == null
                        ? null
                        : new Materials.Opening(
                                opening.locationId(), opening.quantity(), opening.lotNumber(), opening.unitCost()));
        return ResponseEntity.created(URI.create("/api/catalog/parts/" + created.id()))
                .body(created);
    }
}
