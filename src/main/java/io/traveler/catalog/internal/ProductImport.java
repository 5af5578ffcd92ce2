package io.traveler.catalog.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.jobs.JobContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The import of products ({@code sku,name}), streamed in batches. */
@Component
class ProductImport extends ImportHandler {

    ProductImport(Imports imports) {
        super(ImportService.Kind.PRODUCTS, imports);
    }

    /** Rows are upserted batch by batch, so a worker that died resumes after the last batch it committed. */
    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    void importFile(JobContext job, ImportReader input) {
        job.total(input.count());
        importProducts(job, input);
    }

    private record ProductRow(String sku, String name) {}

    private void importProducts(JobContext job, ImportReader input) {
        input.eachBatch(BATCH_SIZE, job.alreadyProcessed(), (first, rows) -> {
            Map<String, ProductRow> valid = new LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                var row = new RowCheck(first + i, rows.get(i), job.errors());
                String sku = row.text("sku", 100);
                String name = row.text("name", 200);
                if (row.valid()) {
                    valid.put(sku, new ProductRow(sku, name));
                }
            }
            List<ProductRow> batch = List.copyOf(valid.values());
            job.batch(rows.size(), () -> upsertProducts(batch));
        });
    }

    /** New products are DRAFT components, as when created one by one; a known SKU only has its name updated. */
    private void upsertProducts(List<ProductRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into catalog.products (org_id, id, sku, name, type, status, created_at, updated_at)
                        select cast(current_setting('app.org_id') as uuid), r.id, r.sku, r.name, 'COMPONENT', 'DRAFT',
                               now(), now()
                          from unnest(cast(:ids as uuid[]), :skus, :names) as r(id, sku, name)
                        on conflict (org_id, sku) do update
                           set name = excluded.name, updated_at = excluded.updated_at,
                               version = catalog.products.version + 1
                         where catalog.products.name is distinct from excluded.name
                        """)
                .param("ids", textArray(rows.stream().map(r -> Ids.newId().toString())))
                .param("skus", textArray(rows.stream().map(ProductRow::sku)))
                .param("names", textArray(rows.stream().map(ProductRow::name)))
                .update();
    }
}
