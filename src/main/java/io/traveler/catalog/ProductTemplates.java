package io.traveler.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Products made from other modules' work, in the current organization: a project promoted to a product template,
 * and the design documents such a product carries.
 */
public interface ProductTemplates {
    /** A design document to copy: its file key and metadata (a JSON object), and the document it came from. */
    record DesignDocCopy(
            UUID sourceDocId, String fileKey, String fileName, String contentType, Long sizeBytes, String metadata) {}

    /**
     * What a project hands over: its id and code, the new product's SKU and name, the bill of materials it pinned
     * (null: none) and the design documents chosen.
     */
    record Promotion(
            UUID projectId, String projectCode, String sku, String name, UUID bomId, List<DesignDocCopy> designDocs) {}

    /**
     * Creates a DRAFT product remembering the project, with the pinned BOM's lines copied into its first BOM (a
     * DRAFT) and the design documents; 422 on {@code sku} or {@code name} when invalid, 409 when the SKU is taken.
     * Answers the product's id.
     */
    UUID promoteFromProject(Promotion promotion);

    record ProductDesignDoc(
            UUID id,
            UUID productId,
            String fileKey,
            String fileName,
            String contentType,
            Long sizeBytes,
            String metadata,
            UUID sourceDocId,
            Instant createdAt) {}

    /** The product's design documents, oldest first; 404 when the product is not one of this organization's. */
    List<ProductDesignDoc> designDocsOf(UUID productId);
}
