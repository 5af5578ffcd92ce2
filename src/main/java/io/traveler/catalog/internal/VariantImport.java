package io.traveler.catalog.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.jobs.JobContext;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The import of variants ({@code product_sku,code,sku,name,attributes,price,cost_price,status}). */
@Component
class VariantImport extends ImportHandler {
    private final VariantService variants;

    VariantImport(Imports imports, VariantService variants) {
        super(ImportService.Kind.VARIANTS, imports);
        this.variants = variants;
    }

    @Override
    void importFile(JobContext job, ImportReader input) {
        importVariants(job, readAll(job, input));
    }

    /** A variant as the file states it; {@code id} is null for a new one, whose code the system chooses. */
    private record VariantRow(
            UUID id,
            UUID productId,
            String code,
            String sku,
            String name,
            String attributes,
            BigDecimal price,
            BigDecimal costPrice,
            String status) {}

    private record StoredVariant(UUID id, UUID productId, String code, String sku) {}

    /**
     * A row names its variant by {@code code} (the system code of an existing variant) or else by {@code sku}: a
     * known SKU updates that variant, a new one creates a variant with a new code. The row's values replace the
     * variant's (an empty price clears it, empty attributes are {}). A variant never moves to another product.
     */
    private void importVariants(JobContext job, List<ImportRow> rows) {
        Map<String, UUID> products = idsByKey("products", "sku", rows, "product_sku");
        Map<String, StoredVariant> byCode = new LinkedHashMap<>();
        Map<String, StoredVariant> bySku = new LinkedHashMap<>();
        storedVariants(rows).forEach(v -> {
            byCode.put(v.code(), v);
            if (v.sku() != null) {
                bySku.put(v.sku(), v);
            }
        });
        Map<String, VariantRow> targets = new LinkedHashMap<>();
        Map<String, String> skuTakenBy = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            var row = new RowCheck(i + 1, rows.get(i), job.errors());
            UUID productId = row.known("product_sku", products, "is not the SKU of a product of this organization");
            String code = row.optionalText("code", 5);
            String sku = row.optionalText("sku", 100);
            String name = row.text("name", 200);
            String attributes = row.jsonObject("attributes");
            BigDecimal price = row.optionalDecimal("price", null, false);
            BigDecimal costPrice = row.optionalDecimal("cost_price", null, false);
            String status = row.oneOf("status", Variant.Status.class, Variant.Status.ACTIVE);
            StoredVariant target = null;
            if (code != null && !VariantCodes.isCode(code.toUpperCase())) {
                row.reject("code", "is not a variant code (5 characters of 0-9 and A-Z without I, L, O, U)");
            } else if (code != null) {
                target = byCode.get(code.toUpperCase());
                if (target == null) {
                    row.reject("code", "is not the code of a variant of this organization (new variants get theirs)");
                }
            } else if (sku != null) {
                target = bySku.get(sku);
            } else if (row.valid()) {
                row.reject("sku", "is required when code is empty");
            }
            if (target != null && productId != null && !target.productId().equals(productId)) {
                row.reject(code != null ? "code" : "sku", "belongs to a variant of another product");
            }
            StoredVariant holder = sku == null ? null : bySku.get(sku);
            if (target != null && holder != null && !holder.id().equals(target.id())) {
                row.reject("sku", "is already the SKU of variant " + holder.code());
            }
            String key = target != null ? target.id().toString() : "new:" + sku;
            if (sku != null
                    && skuTakenBy.containsKey(sku)
                    && !skuTakenBy.get(sku).equals(key)) {
                row.reject("sku", "is given to another variant by an earlier row");
            }
            if (row.valid()) {
                VariantRow previous = targets.put(
                        key,
                        new VariantRow(
                                target == null ? null : target.id(),
                                productId,
                                target == null ? null : target.code(),
                                sku,
                                name,
                                attributes,
                                price,
                                costPrice,
                                status));
                if (previous != null && previous.sku() != null) {
                    skuTakenBy.remove(previous.sku());
                }
                if (sku != null) {
                    skuTakenBy.put(sku, key);
                }
            }
        }
        List<VariantRow> valid = List.copyOf(targets.values());
        job.progress(rows.size() - valid.size());
        for (int start = 0; start < valid.size(); start += BATCH_SIZE) {
            List<VariantRow> batch = valid.subList(start, Math.min(valid.size(), start + BATCH_SIZE));
            job.batch(batch.size(), () -> upsertVariants(batch));
        }
    }

    private List<StoredVariant> storedVariants(List<ImportRow> rows) {
        List<String> codes = rows.stream()
                .map(r -> r.value("code").toUpperCase())
                .filter(c -> !c.isEmpty())
                .distinct()
                .toList();
        List<String> skus = rows.stream()
                .map(r -> r.value("sku"))
                .filter(c -> !c.isEmpty())
                .distinct()
                .toList();
        return transactions.execute(s -> jdbc.sql("""
                        select id, product_id, code, sku from catalog.variants
                         where org_id = :org and (code = any(:codes) or sku = any(:skus))
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("codes", textArray(codes.stream()))
                .param("skus", textArray(skus.stream()))
                .query(StoredVariant.class)
                .list());
    }

    /** New variants get codes drawn under the organization's code lock, so no concurrent creation takes them. */
    private void upsertVariants(List<VariantRow> rows) {
        variants.lockVariantCodes();
        List<String> codes = new ArrayList<>(rows.stream().map(VariantRow::code).toList());
        int missing = (int) codes.stream().filter(Objects::isNull).count();
        var fresh = VariantCodes.drawMany(missing, this::takenCodes).iterator();
        codes.replaceAll(code -> code == null ? fresh.next() : code);
        jdbc.sql("""
                        insert into catalog.variants as v (org_id, id, product_id, code, name, sku, attributes, price,
                                                          cost_price, status, created_at, updated_at)
                        select cast(current_setting('app.org_id') as uuid), r.id, r.product_id, r.code, r.name, r.sku,
                               cast(r.attributes as jsonb), r.price, r.cost_price, r.status, now(), now()
                          from unnest(cast(:ids as uuid[]), cast(:products as uuid[]), :codes, :names, :skus,
                                      :attributes, cast(:prices as numeric[]), cast(:costs as numeric[]), :statuses)
                               as r(id, product_id, code, name, sku, attributes, price, cost_price, status)
                        on conflict (id) do update
                           set name = excluded.name, sku = excluded.sku, attributes = excluded.attributes,
                               price = excluded.price, cost_price = excluded.cost_price, status = excluded.status,
                               updated_at = excluded.updated_at, version = v.version + 1
                         where (v.name, v.sku, v.attributes, v.price, v.cost_price, v.status)
                               is distinct from (excluded.name, excluded.sku, excluded.attributes, excluded.price,
                                                 excluded.cost_price, excluded.status)
                        """)
                .param("ids", textArray(rows.stream().map(r -> (r.id() == null ? Ids.newId() : r.id()).toString())))
                .param("products", textArray(rows.stream().map(r -> r.productId()
                        .toString())))
                .param("codes", textArray(codes.stream()))
                .param("names", textArray(rows.stream().map(VariantRow::name)))
                .param("skus", textArray(rows.stream().map(VariantRow::sku)))
                .param("attributes", textArray(rows.stream().map(VariantRow::attributes)))
                .param("prices", textArray(rows.stream().map(r -> plain(r.price()))))
                .param("costs", textArray(rows.stream().map(r -> plain(r.costPrice()))))
                .param("statuses", textArray(rows.stream().map(VariantRow::status)))
                .update();
    }

    private Set<String> takenCodes(Set<String> candidates) {
        return new HashSet<>(jdbc.sql("select code from catalog.variants where org_id = :org and code = any(:codes)")
                .param("org", TenantContext.requireOrgId())
                .param("codes", textArray(candidates.stream()))
                .query(String.class)
                .list());
    }

    private static String plain(BigDecimal number) {
        return number == null ? null : number.toPlainString();
    }
}
