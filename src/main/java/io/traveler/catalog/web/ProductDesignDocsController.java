package io.traveler.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.catalog.ProductTemplates;
import io.traveler.catalog.ProductTemplates.ProductDesignDoc;
import io.traveler.shared.web.JsonObjects;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The design documents a product carries (copied from the project it was promoted from). */
@Tag(name = "Catalog")
@RestController
class ProductDesignDocsController {
    private final ProductTemplates templates;

    ProductDesignDocsController(ProductTemplates templates) {
        this.templates = templates;
    }

    record DesignDocView(
            UUID id,
            UUID productId,
            String fileKey,
            String fileName,
            String contentType,
            Long sizeBytes,
            JsonNode metadata,
            UUID sourceDocId,
            Instant createdAt) {
        static DesignDocView of(ProductDesignDoc d) {
            return new DesignDocView(
                    d.id(),
                    d.productId(),
                    d.fileKey(),
                    d.fileName(),
                    d.contentType(),
                    d.sizeBytes(),
                    JsonObjects.read(d.metadata()),
                    d.sourceDocId(),
                    d.createdAt());
        }
    }

    record DesignDocList(List<DesignDocView> items) {}

    @Operation(summary = "List a product template's design documents")
    @GetMapping("/api/products/templates/{id}/design-docs")
    @PreAuthorize("hasAuthority('catalog:read')")
    DesignDocList list(@PathVariable UUID id) {
        return new DesignDocList(
                templates.designDocsOf(id).stream().map(DesignDocView::of).toList());
    }
}
