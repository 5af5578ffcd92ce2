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

    /**
     * A custom part as the configurator mints one: kind COMPONENT, marked custom, {@code specifications} JSON object
     * text, with the id its claim already names. Checked as any part is (unique number, bounds), refused with a 422
     * naming the field.
     */
    record NewCustomPart(
            UUID id,
            String partNumber,
            String name,
            String unitOfMeasure,
            BigDecimal unitCost,
            String specifications) {}

    /** Creates a custom COMPONENT part in the current organization. */
    PartRef createCustomPart(NewCustomPart part);

    /** A line of a bill of materials as the configurator reads and writes one ({@code stageName} null: none). */
    record BomLineData(
            ComponentType componentType,
            UUID componentId,
            BigDecimal quantity,
            String unit,
            BigDecimal wasteFactor,
            boolean optional,
            String substituteGroup,
            int preference,
            String notes,
            String stageName) {}

    /** The lines of a version of the current organization's bills of materials, in sequence; not found otherwise. */
    java.util.List<BomLineData> bomLines(UUID bomId);

    /** A version of a bill of materials: STANDARD or CUSTOM (then generated for {@code configurationId}). */
    record BomRef(UUID id, UUID productId, int number, String status, String kind, UUID configurationId) {}

    /** The current organization's BOM versions among {@code bomIds}, in one query; another's are absent. */
    Map<UUID, BomRef> boms(Collection<UUID> bomIds);

    /**
     * A new DRAFT of kind CUSTOM for the product, generated for the configuration: validated as any BOM (components
     * of this organization, no cycle, at most the lines a BOM may have; 422 naming {@code lines[i]...}), numbered as
     * the product's next version. It is approved like any BOM and never becomes the product's ACTIVE one.
     */
    BomRef createCustomBom(UUID productId, UUID configurationId, java.util.List<BomLineData> lines, String notes);

    /**
     * Locks the product as a new BOM version of it does (404 when unknown), in the caller's transaction: a caller
     * that writes other catalog rows before making that BOM (custom parts) takes the product first, in the order
     * every catalog writer takes its locks, so that it cannot deadlock with them.
     */
    void lockForNewBom(UUID productId);

    /** What a BOM line names, as a generated BOM shows it: the part number or product SKU, name, custom or not. */
    record ComponentRef(
            ComponentType type, UUID id, String number, String name, String unitOfMeasure, boolean custom) {}

    /** The current organization's parts and products among {@code ids}, in one query each; another's are absent. */
    Map<UUID, ComponentRef> components(Collection<UUID> ids);
}
