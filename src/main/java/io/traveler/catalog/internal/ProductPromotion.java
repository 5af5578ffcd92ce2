package io.traveler.catalog.internal;

import io.traveler.catalog.ProductTemplates;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A project promoted to a product template, in one transaction: the product, its first BOM, its documents. */
@Service
class ProductPromotion implements ProductTemplates {
    private final Products products;
    private final BomService boms;
    private final JdbcClient jdbc;

    ProductPromotion(Products products, BomService boms, JdbcClient jdbc) {
        this.products = products;
        this.boms = boms;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public UUID promoteFromProject(Promotion promotion) {
        String sku = text("sku", promotion.sku(), 100);
        String name = text("name", promotion.name(), 200);
        boolean taken = jdbc.sql(
                        "select exists (select 1 from catalog.products where org_id = :org and lower(sku) = lower(:sku))")
                .param("org", TenantContext.requireOrgId())
                .param("sku", sku)
                .query(Boolean.class)
                .single();
        if (taken) {
            throw new ConflictException("A product with the SKU " + sku + " exists already");
        }
        var made = new Product(sku, name);
        made.describe("Promoted from project " + promotion.projectCode());
        Product product = products.saveAndFlush(made);
        jdbc.sql("update catalog.products set promoted_from_project_id = :project where org_id = :org and id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("project", promotion.projectId())
                .param("id", product.id())
                .update();
        if (promotion.bomId() != null) {
            var pinned = boms.bom(promotion.bomId());
            boms.createDraft(
                    product.id(),
                    pinned.lines(),
                    "Copied from BOM v" + pinned.bom().number() + " pinned by project " + promotion.projectCode());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (DesignDocCopy doc : promotion.designDocs()) {
            jdbc.sql("""
                            insert into catalog.product_design_docs
                                (org_id, id, product_id, file_key, file_name, content_type, size_bytes, metadata,
                                 source_doc_id, created_at)
                            values (:org, :id, :product, :key, :name, :type, :size, cast(:metadata as jsonb),
                                    :source, :at)""")
                    .param("org", io.traveler.shared.tenancy.TenantContext.requireOrgId())
                    .param("id", io.traveler.shared.Ids.newId())
                    .param("product", product.id())
                    .param("key", doc.fileKey())
                    .param("name", doc.fileName())
                    .param("type", doc.contentType())
                    .param("size", doc.sizeBytes())
                    .param("metadata", doc.metadata() == null ? "{}" : doc.metadata())
                    .param("source", doc.sourceDocId())
                    .param("at", Timestamp.from(now))
                    .update();
        }
        return product.id();
    }

    @Override
    @Transactional(readOnly = true)
    public List<ProductDesignDoc> designDocsOf(UUID productId) {
        products.findById(productId).orElseThrow(() -> NotFoundException.of("Product", productId));
        return jdbc.sql("""
                        select id, product_id, file_key, file_name, content_type, size_bytes, metadata::text as metadata,
                               source_doc_id, created_at
                          from catalog.product_design_docs
                         where org_id = :org and product_id = :product
                         order by created_at, id""")
                .param("org", TenantContext.requireOrgId())
                .param("product", productId)
                .query((rs, n) -> new ProductDesignDoc(
                        rs.getObject("id", UUID.class),
                        rs.getObject("product_id", UUID.class),
                        rs.getString("file_key"),
                        rs.getString("file_name"),
                        rs.getString("content_type"),
                        (Long) rs.getObject("size_bytes"),
                        rs.getString("metadata"),
                        rs.getObject("source_doc_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw new ValidationException(field, "must be at most " + max + " characters");
        }
        return trimmed;
    }
}
