package io.traveler.catalog.internal;

import io.traveler.shared.jobs.JobContext;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The import of parts ({@code part_number,name,kind,unit_of_measure,unit_cost}), streamed in batches. */
@Component
class PartImport extends ImportHandler {

    /** Parts go through COPY, whose cost per batch is nearly fixed: larger batches, progress still visible. */
    static final int PART_BATCH_SIZE = 10_000;

    private final PartCopies partCopies;

    PartImport(Imports imports, PartCopies partCopies) {
        super(ImportService.Kind.PARTS, imports);
        this.partCopies = partCopies;
    }

    /** Rows are upserted batch by batch, so a worker that died resumes after the last batch it committed. */
    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    void importFile(JobContext job, ImportReader input) {
        job.total(input.count());
        importParts(job, input);
    }

    /**
     * Parts are checked row by row and written {@link #PART_BATCH_SIZE} at a time through {@link PartCopies} (COPY
     * into a temporary table, one upsert from it), each batch one transaction that also records the progress.
     */
    private void importParts(JobContext job, ImportReader input) {
        input.eachBatch(PART_BATCH_SIZE, job.alreadyProcessed(), (first, rows) -> {
            Map<String, PartCopies.PartRow> valid = new LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                var row = new RowCheck(first + i, rows.get(i), job.errors());
                String number = row.text("part_number", 100);
                String name = row.text("name", 200);
                String kind = row.oneOf("kind", Part.Kind.class);
                String unit = row.text("unit_of_measure", 20);
                BigDecimal cost = row.decimal("unit_cost", BigDecimal.ZERO, false);
                if (row.valid()) {
                    valid.put(number, new PartCopies.PartRow(number, name, kind, unit, cost));
                }
            }
            List<PartCopies.PartRow> batch = List.copyOf(valid.values());
            job.batch(rows.size(), () -> partCopies.upsert(batch));
        });
    }
}
