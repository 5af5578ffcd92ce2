package io.traveler.catalog.internal;

import io.traveler.shared.jobs.JobContext;
import io.traveler.shared.jobs.RowError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The import of BOM lines ({@code parent_sku,component_number,quantity,waste_factor}); {@code activate} is a parameter of the job. */
@Component
class BomLineImport extends ImportHandler {
    private final BomDrafts bomDrafts;

    BomLineImport(Imports imports, BomDrafts bomDrafts) {
        super(ImportService.Kind.BOM_LINES, imports);
        this.bomDrafts = bomDrafts;
    }

    @Override
    void importFile(JobContext job, ImportReader input) {
        importBomLines(job, readAll(job, input), Boolean.parseBoolean(job.parameter("activate")));
    }

    private record LineRow(int row, BomLines.Line line) {}

    /**
     * The valid lines of each parent become one new version of its BOM, a DRAFT or with {@code activate} the ACTIVE
     * one, under the rules {@link BomService} applies to one (components, the line cap, cycles, audit). The parents
     * are written in set-based batches through {@link BomDrafts}, one transaction each, judged in file order; a
     * parent refused as a whole fails all of its rows.
     */
    private void importBomLines(JobContext job, List<ImportRow> rows, boolean activate) {
        Map<String, UUID> products = idsByKey("products", "sku", rows, "parent_sku", "component_number");
        Map<String, UUID> parts = idsByKey("parts", "part_number", rows, "component_number");
        Map<UUID, List<LineRow>> byParent = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            var row = new RowCheck(i + 1, rows.get(i), job.errors());
            UUID parent = row.known("parent_sku", products, "is not the SKU of a product of this organization");
            String component = row.text("component_number", 100);
            BigDecimal quantity = row.decimal("quantity", null, true);
            BigDecimal waste = row.decimal("waste_factor", BigDecimal.ZERO, false);
            UUID partId = parts.get(component);
            UUID productId = products.get(component);
            if (component != null && partId == null && productId == null) {
                row.reject("component_number", "is neither a part number nor a SKU of this organization");
            }
            if (row.valid()) {
                var type = partId != null ? Bom.ComponentType.PART : Bom.ComponentType.PRODUCT;
                var line = new BomLines.Line(
                        type, partId != null ? partId : productId, quantity, null, waste, false, null, 0, null);
                byParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(new LineRow(i + 1, line));
            }
        }
        int drafted = byParent.values().stream().mapToInt(List::size).sum();
        job.progress(rows.size() - drafted);
        List<Map.Entry<UUID, List<LineRow>>> parents = List.copyOf(byParent.entrySet());
        int from = 0;
        while (from < parents.size()) {
            int to = from;
            int lines = 0;
            while (to < parents.size()
                    && (to == from || lines + parents.get(to).getValue().size() <= BATCH_SIZE)) {
                lines += parents.get(to++).getValue().size();
            }
            draftAll(job, parents.subList(from, to), activate);
            from = to;
        }
    }

    /** One transaction: the batch's parents drafted together, refusals recorded against their rows. */
    private void draftAll(JobContext job, List<Map.Entry<UUID, List<LineRow>>> batch, boolean activate) {
        var drafts = batch.stream()
                .map(e -> new BomDrafts.Draft(
                        e.getKey(), e.getValue().stream().map(LineRow::line).toList()))
                .toList();
        int lines = batch.stream().mapToInt(e -> e.getValue().size()).sum();
        job.batch(lines, () -> {
            var refused = bomDrafts.create(drafts, "Imported by job " + job.jobId(), activate);
            batch.forEach(e -> Optional.ofNullable(refused.get(e.getKey()))
                    .ifPresent(refusal -> e.getValue().forEach(l -> job.errors()
                            .add(new RowError(l.row(), "component_number", refusal.getMessage()), true))));
        });
    }
}
