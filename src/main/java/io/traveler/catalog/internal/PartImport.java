package io.traveler.catalog.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.jobs.JobContext;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The import of parts ({@code part_number,name,kind,unit_of_measure,unit_cost}), streamed in batches. */
@Component
class PartImport extends ImportHandler {

    PartImport(Imports imports) {
        super(ImportService.Kind.PARTS, imports);
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

    private record PartRow(String partNumber, String name, String kind, String unitOfMeasure, BigDecimal unitCost) {}

    private void importParts(JobContext job, ImportReader input) {
        input.eachBatch(BATCH_SIZE, job.alreadyProcessed(), (first, rows) -> {
            Map<String, PartRow> valid = new LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                var row = new RowCheck(first + i, rows.get(i), job.errors());
                String number = row.text("part_number", 100);
                String name = row.text("name", 200);
                String kind = row.oneOf("kind", Part.Kind.class);
                String unit = row.text("unit_of_measure", 20);
                BigDecimal cost = row.decimal("unit_cost", BigDecimal.ZERO, false);
                if (row.valid()) {
                    valid.put(number, new PartRow(number, name, kind, unit, cost));
                }
            }
            List<PartRow> batch = List.copyOf(valid.values());
            job.batch(rows.size(), () -> upsertParts(batch));
        });
    }

    /** One statement per batch; a part number already known to the organization is updated, not duplicated. */
    private void upsertParts(List<PartRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into catalog.parts (org_id, id, part_number, name, kind, unit_of_measure, unit_cost,
                                                   status, created_at, updated_at)
                        select cast(current_setting('app.org_id') as uuid), r.id, r.part_number, r.name, r.kind,
                               r.unit_of_measure, r.unit_cost, 'ACTIVE', now(), now()
                          from unnest(cast(:ids as uuid[]), :numbers, :names, :kinds, :units,
                                      cast(:costs as numeric[]))
                               as r(id, part_number, name, kind, unit_of_measure, unit_cost)
                        on conflict (org_id, part_number) do update
                           set name = excluded.name, kind = excluded.kind, unit_of_measure = excluded.unit_of_measure,
                               unit_cost = excluded.unit_cost, updated_at = excluded.updated_at,
                               version = catalog.parts.version + 1
                         where (catalog.parts.name, catalog.parts.kind, catalog.parts.unit_of_measure,
                                catalog.parts.unit_cost)
                               is distinct from (excluded.name, excluded.kind, excluded.unit_of_measure,
                                                 excluded.unit_cost)
                        """)
                .param("ids", textArray(rows.stream().map(r -> Ids.newId().toString())))
                .param("numbers", textArray(rows.stream().map(PartRow::partNumber)))
                .param("names", textArray(rows.stream().map(PartRow::name)))
                .param("kinds", textArray(rows.stream().map(PartRow::kind)))
                .param("units", textArray(rows.stream().map(PartRow::unitOfMeasure)))
                .param("costs", textArray(rows.stream().map(r -> r.unitCost().toPlainString())))
                .update();
    }
}
