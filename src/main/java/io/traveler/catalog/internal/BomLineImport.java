package io.traveler.catalog.internal;

import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.jobs.JobContext;
import io.traveler.shared.jobs.RowError;
import io.traveler.shared.jpa.ExpectedVersion;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The import of BOM lines ({@code parent_sku,component_number,quantity,waste_factor}); {@code activate} is a parameter of the job. */
@Component
class BomLineImport extends ImportHandler {
    private final BomService boms;

    BomLineImport(Imports imports, BomService boms) {
        super(ImportService.Kind.BOM_LINES, imports);
        this.boms = boms;
    }

    @Override
    void importFile(JobContext job, ImportReader input) {
        importBomLines(job, readAll(job, input), Boolean.parseBoolean(job.parameter("activate")));
    }

    private record LineRow(int row, BomLines.Line line) {}

    /**
     * The valid lines of each parent become one new DRAFT through {@link BomService#createDraft}, so component and
     * cycle rules apply; with {@code activate} the draft is then activated. A draft refused as a whole fails all of
     * its rows.
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
        byParent.forEach((parent, lines) -> {
            draftFor(job, parent, lines, activate);
            job.progress(lines.size());
        });
    }

    private void draftFor(JobContext job, UUID parent, List<LineRow> lines, boolean activate) {
        try {
            transactions.executeWithoutResult(s -> {
                var draft = boms.createDraft(
                        parent, lines.stream().map(LineRow::line).toList(), "Imported by job " + job.jobId());
                if (activate) {
                    boms.activate(draft.bom().id(), ExpectedVersion.none(), true);
                }
            });
        } catch (TravelerException e) {
            lines.forEach(l -> job.errors().add(new RowError(l.row(), "component_number", e.getMessage()), true));
        }
    }

    /** Ids of the rows of {@code table} named in the given columns of the file, by their key. */
}
