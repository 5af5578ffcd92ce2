package io.traveler.catalog;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What other modules may ask the catalog, in the current organization. */
public interface Catalog {
    boolean productExists(UUID productId);

    boolean partExists(UUID partId);

    boolean categoryExists(UUID categoryId);

    /** What a bill of materials line names: a part, or a sub-product. */
    enum ComponentType {
        PART,
        PRODUCT
    }

    /** A product as the configurator prices it: its list price (null: none) and category (null: none). */
    record ProductRef(UUID id, String sku, String name, String status, BigDecimal basePrice, UUID categoryId) {}

    /** The current organization's product, if there is one. */
    Optional<ProductRef> productRef(UUID productId);

    /** The id of the product's ACTIVE bill of materials, if it has one. */
    Optional<UUID> activeBomOf(UUID productId);

    /**
     * A part a bill of materials consumes, {@code quantity} in all for the quantity asked, at the workflow stage named
     * by the BOM's top-level line it comes from ({@code stageName} null: no stage named, the first stage's).
     */
    record Material(UUID partId, String stageName, BigDecimal quantity) {}

    /**
     * What the BOM (any version of the current organization's) consumes for {@code quantity} of its product: the
     * primary part leaves of its explosion (sub-products exploded, substitutes and optional lines left out), summed
     * per part and stage. Refused as not found for another's BOM.
     */
    java.util.List<Material> materialsOf(UUID bomId, BigDecimal quantity);

    /** What a quote or order line names: a product, or one of its variants. */
    record SellableRef(UUID productId, UUID variantId) {}

    /**
     * A product or variant as a line shows it: the variant's SKU and name where a variant is named (else the
     * product's), and its list price (the variant's price, else the product's base price; null when neither has
     * one).
     */
    record Sellable(UUID productId, UUID variantId, String sku, String name, BigDecimal listPrice) {}

    /**
     * The sellables of the current organization among {@code refs}, in one query; a reference whose product does not
     * exist here, or whose variant is not a variant of that product, is absent from the answer.
     */
    Map<SellableRef, Sellable> sellables(Collection<SellableRef> refs);

    /**
     * The current organization's products not discontinued, and their ACTIVE variants, as an order form offers them, by SKU: at most
     * {@code limit}.
     */
    java.util.List<Sellable> offeredSellables(int limit);

    /** The current organization's product, or variant, with this SKU (a product's first), if there is one. */
    Optional<SellableRef> sellableBySku(String sku);

    /** How a partner factory knows one of the current organization's variants. */
    record SupplierCodes(String productCode, String variantCode, String sku) {}

    /** The factory's own codes for these variants of the current organization, where a mapping exists. */
    Map<UUID, SupplierCodes> supplierCodes(Collection<UUID> variantIds, UUID factoryOrgId);

    /**
     * The workflow the product is made by (as the workflows module named it: the id of the workflow's family or of
     * one of its versions), if it names one.
     */
    Optional<UUID> defaultWorkflowOf(UUID productId);

    /** Names the workflow the product is made by, or none (null); refused as not found for another's product. */
    void assignDefaultWorkflow(UUID productId, UUID workflowId);

    /** The current organization's products made by one of these workflows, by SKU (each as a product sellable). */
    java.util.List<Sellable> productsMadeBy(Collection<UUID> workflowIds);

    /**
     * A part as stock and purchasing show it: its number, name, kind, unit of measure, standard unit cost, and its
     * category (null when it has none).
     */
    record PartRef(
            UUID id,
            String partNumber,
            String name,
            String kind,
            String unitOfMeasure,
            BigDecimal unitCost,
            String status,
            UUID categoryId,
            String categoryName) {}

    /** The current organization's parts among {@code partIds}, in one query; another's are absent. */
    Map<UUID, PartRef> parts(Collection<UUID> partIds);

    /** The current organization's part with this number (as a scanned part barcode names it), if there is one. */
    Optional<PartRef> partByNumber(String partNumber);

    /**
     * A new part of kind MATERIAL, as stock keeping creates one. {@code dimensions} and {@code specifications} are
     * JSON object text (or null); the part is checked as any part is (unique number, bounds), refused with a 422
     * naming the field.
     */
    record NewMaterial(
            String partNumber,
            String name,
            String description,
            String unitOfMeasure,
            BigDecimal unitCost,
            BigDecimal weight,
            String dimensions,
            String specifications,
            Integer leadTimeDays,
            BigDecimal minimumOrderQuantity,
            UUID categoryId) {}

    /** Creates a MATERIAL part in the current organization. */
    PartRef createMaterial(NewMaterial material);
}
