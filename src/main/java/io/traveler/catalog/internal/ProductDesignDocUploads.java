package io.traveler.catalog.internal;

import io.traveler.documents.Documents;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.tenancy.TenantContext;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A product's design document uploaded as a real file: stored by the documents module (linked to the product) and
 * recorded among the product's design documents under the key {@code doc:<document id>}, in one transaction.
 */
@Service
public class ProductDesignDocUploads {
    private final Products products;
    private final Documents documents;
    private final JdbcClient jdbc;

    ProductDesignDocUploads(Products products, Documents documents, JdbcClient jdbc) {
        this.products = products;
        this.documents = documents;
        this.jdbc = jdbc;
    }

    @Transactional
    public UUID upload(UUID productId, String fileName, Documents.Type type, InputStream content) {
        products.findById(productId).orElseThrow(() -> NotFoundException.of("Product", productId));
        var stored = documents.store(
                new Documents.NewDocument(
                        fileName,
                        type == null ? Documents.Type.DRAWING : type,
                        List.of("design"),
                        "product",
                        productId,
                        null),
                content);
        UUID id = Ids.newId();
        jdbc.sql("""
                        insert into catalog.product_design_docs
                            (org_id, id, product_id, file_key, file_name, content_type, size_bytes, created_at)
                        values (:org, :id, :product, :key, :name, :type, :size, :at)""")
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .param("product", productId)
                .param("key", "doc:" + stored.id())
                .param("name", stored.name())
                .param("type", stored.mimeType())
                .param("size", stored.sizeBytes())
                .param("at", Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)))
                .update();
        return id;
    }
}
