package io.traveler.catalog.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.shared.web.NotFoundException;
import io.traveler.shared.web.TravelerException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV imports of parts, products and BOM lines as background jobs. The request stores the job; after its commit a
 * virtual thread, acting as the importing user, processes the rows in batches and commits progress with each batch.
 * Data rows are numbered from 1 (the header is row 0).
 */
@Service
public class ImportService {
    static final int BATCH_SIZE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CSVFormat CSV = CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .get();

    public enum Kind {
        PARTS("parts", "part_number", "name", "kind", "unit_of_measure", "unit_cost"),
        PRODUCTS("products", "sku", "name"),
        BOM_LINES("bom-lines", "parent_sku", "component_number", "quantity", "waste_factor");

        private final String path;
        private final List<String> columns;

        Kind(String path, String... columns) {
            this.path = path;
            this.columns = List.of(columns);
        }

        public String path() {
            return path;
        }

        public List<String> columns() {
            return columns;
        }

        public static Optional<Kind> byPath(String path) {
            return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
        }
    }

    public record RowError(int row, String field, String message) {}

    public record Job(
            UUID id,
            String kind,
            String status,
            int totalRows,
            int processedRows,
            int failedRows,
            String errors,
            Instant createdAt,
            Instant finishedAt) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final BomService boms;

    ImportService(JdbcClient jdbc, TransactionTemplate transactions, BomService boms) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.boms = boms;
    }

    /** Stores the job and starts its worker once the job row is committed. */
    @Transactional
    public UUID start(Kind kind, byte[] content, boolean activate) {
        UUID id = Ids.newId();
        Tenant importer = TenantContext.current();
        jdbc.sql("""
                        insert into catalog.import_jobs
                            (org_id, id, kind, status, activate, content, created_by, created_at, updated_at)
                        values (:org, :id, :kind, 'RUNNING', :activate, :content, :by, now(), now())
                        """)
                .param("org", importer.orgId())
                .param("id", id)
                .param("kind", kind.path())
                .param("activate", activate)
                .param("content", content)
                .param("by", importer.actorId())
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Thread.ofVirtual()
                        .name("import-" + id)
                        .start(() -> TenantContext.runAs(importer, () -> process(id, kind, content, activate)));
            }
        });
        return id;
    }

    @Transactional(readOnly = true)
    public Job job(UUID id) {
        return jdbc.sql("""
                        select id, kind, status, total_rows, processed_rows, failed_rows, errors::text as errors,
                               created_at, finished_at
                          from catalog.import_jobs where id = :id
                        """)
                .param("id", id)
                .query(Job.class)
                .optional()
                .orElseThrow(() -> NotFoundException.of("Import", id));
    }

    // --- the worker ------------------------------------------------------------------------------------------

    private void process(UUID jobId, Kind kind, byte[] content, boolean activate) {
        try {
            List<CSVRecord> records = readRecords(kind, content);
            transactions.executeWithoutResult(s -> jdbc.sql(
                            "update catalog.import_jobs set total_rows = :total, updated_at = now() where id = :id")
                    .param("total", records.size())
                    .param("id", jobId)
                    .update());
            switch (kind) {
                case PARTS -> importParts(jobId, records);
                case PRODUCTS -> importProducts(jobId, records);
                case BOM_LINES -> importBomLines(jobId, records, activate);
            }
            finish(jobId, "COMPLETED", List.of());
        } catch (UnreadableFile e) {
            finish(jobId, "FAILED", List.of(new RowError(0, e.field, e.getMessage())));
        } catch (RuntimeException e) {
            LOG.error("Import {} failed", jobId, e);
            finish(jobId, "FAILED", List.of(new RowError(0, null, "the import stopped unexpectedly")));
        }
    }

    private static final class UnreadableFile extends RuntimeException {
        private final String field;

        UnreadableFile(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    private static List<CSVRecord> readRecords(Kind kind, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (CSVParser parser = CSV.parse(new StringReader(text))) {
            for (String column : kind.columns()) {
                if (!parser.getHeaderNames().contains(column)) {
                    throw new UnreadableFile(column, "the header has no column " + column);
                }
            }
            return parser.getRecords();
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new UnreadableFile(null, "the file is not readable CSV: " + e.getMessage());
        }
    }

    private void finish(UUID jobId, String status, List<RowError> errors) {
        transactions.executeWithoutResult(s -> jdbc.sql("""
                        update catalog.import_jobs
                           set status = :status, errors = errors || cast(:errors as jsonb),
                               updated_at = now(), finished_at = now()
                         where id = :id
                        """)
                .param("status", status)
                .param("errors", JSON.writeValueAsString(errors))
                .param("id", jobId)
                .update());
    }

    private void recordProgress(UUID jobId, int processed, List<RowError> errors) {
        long failed = errors.stream().map(RowError::row).distinct().count();
        jdbc.sql("""
                        update catalog.import_jobs
                           set processed_rows = processed_rows + :processed, failed_rows = failed_rows + :failed,
                               errors = errors || cast(:errors as jsonb), updated_at = now()
                         where id = :id
                        """)
                .param("processed", processed)
                .param("failed", failed)
                .param("errors", JSON.writeValueAsString(errors))
                .param("id", jobId)
                .update();
    }

    // --- parts -----------------------------------------------------------------------------------------------

    private record PartRow(String partNumber, String name, String kind, String unitOfMeasure, BigDecimal unitCost) {}

    private void importParts(UUID jobId, List<CSVRecord> records) {
        for (int start = 0; start < records.size(); start += BATCH_SIZE) {
            List<RowError> errors = new ArrayList<>();
            Map<String, PartRow> valid = new LinkedHashMap<>();
            int end = Math.min(records.size(), start + BATCH_SIZE);
            for (int i = start; i < end; i++) {
                var row = new RowCheck(i + 1, records.get(i), errors);
                String number = row.text("part_number", 100);
                String name = row.text("name", 200);
                String kind = row.oneOf("kind", Part.Kind.class);
                String unit = row.text("unit_of_measure", 20);
                BigDecimal cost = row.decimal("unit_cost", BigDecimal.ZERO, false);
                if (row.valid()) {
                    valid.put(number, new PartRow(number, name, kind, unit, cost));
                }
            }
            List<PartRow> rows = List.copyOf(valid.values());
            int processed = end - start;
            transactions.executeWithoutResult(s -> {
                upsertParts(rows);
                recordProgress(jobId, processed, errors);
            });
        }
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

    // --- products --------------------------------------------------------------------------------------------

    private record ProductRow(String sku, String name) {}

    private void importProducts(UUID jobId, List<CSVRecord> records) {
        for (int start = 0; start < records.size(); start += BATCH_SIZE) {
            List<RowError> errors = new ArrayList<>();
            Map<String, ProductRow> valid = new LinkedHashMap<>();
            int end = Math.min(records.size(), start + BATCH_SIZE);
            for (int i = start; i < end; i++) {
                var row = new RowCheck(i + 1, records.get(i), errors);
                String sku = row.text("sku", 100);
                String name = row.text("name", 200);
                if (row.valid()) {
                    valid.put(sku, new ProductRow(sku, name));
                }
            }
            List<ProductRow> rows = List.copyOf(valid.values());
            int processed = end - start;
            transactions.executeWithoutResult(s -> {
                upsertProducts(rows);
                recordProgress(jobId, processed, errors);
            });
        }
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

    // --- BOM lines -------------------------------------------------------------------------------------------

    private record LineRow(int row, BomLines.Line line) {}

    /**
     * The valid lines of each parent become one new DRAFT through {@link BomService#createDraft}, so component and
     * cycle rules apply; with {@code activate} the draft is then activated. A draft refused as a whole fails all of
     * its rows.
     */
    private void importBomLines(UUID jobId, List<CSVRecord> records, boolean activate) {
        List<RowError> errors = new ArrayList<>();
        Map<String, UUID> products = idsByKey("products", "sku", records, "parent_sku", "component_number");
        Map<String, UUID> parts = idsByKey("parts", "part_number", records, "component_number");
        Map<UUID, List<LineRow>> byParent = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            var row = new RowCheck(i + 1, records.get(i), errors);
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
        transactions.executeWithoutResult(s -> recordProgress(jobId, records.size() - countRows(byParent), errors));
        byParent.forEach((parent, lines) -> {
            List<RowError> refused = draftFor(jobId, parent, lines, activate);
            transactions.executeWithoutResult(s -> recordProgress(jobId, lines.size(), refused));
        });
    }

    private static int countRows(Map<UUID, List<LineRow>> byParent) {
        return byParent.values().stream().mapToInt(List::size).sum();
    }

    private List<RowError> draftFor(UUID jobId, UUID parent, List<LineRow> lines, boolean activate) {
        try {
            transactions.executeWithoutResult(s -> {
                var draft = boms.createDraft(
                        parent, lines.stream().map(LineRow::line).toList(), "Imported by job " + jobId);
                if (activate) {
                    boms.activate(draft.bom().id(), null, true);
                }
            });
            return List.of();
        } catch (TravelerException e) {
            return lines.stream()
                    .map(l -> new RowError(l.row(), "component_number", e.getMessage()))
                    .toList();
        }
    }

    /** Ids of the rows of {@code table} named in the given columns of the file, by their key. */
    private Map<String, UUID> idsByKey(String table, String key, List<CSVRecord> records, String... columns) {
        List<String> named = records.stream()
                .flatMap(r -> Arrays.stream(columns).map(c -> RowCheck.value(r, c)))
                .filter(v -> !v.isEmpty())
                .distinct()
                .toList();
        Map<String, UUID> ids = new LinkedHashMap<>();
        transactions.executeWithoutResult(
                s -> jdbc.sql("select " + key + ", id from catalog." + table + " where " + key + " = any(:keys)")
                        .param("keys", textArray(named.stream()))
                        .query(rs -> {
                            ids.put(rs.getString(1), rs.getObject(2, UUID.class));
                        }));
        return ids;
    }

    private static SqlParameterValue textArray(Stream<String> values) {
        Object[] array = values.toArray();
        return new SqlParameterValue(Types.ARRAY, new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection con, int sqlType, String typeName) throws SQLException {
                return con.createArrayOf("text", array);
            }
        });
    }
}
