package io.traveler.catalog.internal;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.TryLaterException;
import io.traveler.shared.jobs.TransactionalScheduler;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports of categories, parts, products, variants and BOM lines, from CSV or JSON, as background jobs. The request
 * copies the body to a file ({@link ImportFiles}) and stores the job QUEUED together with its db-scheduler execution
 * ({@link #TASK}); one of the scheduler's {@code traveler.jobs.threads} workers then takes it (RUNNING), acting as
 * the importing user, reads the rows from the file and commits progress with each batch. An organization has at most
 * {@code traveler.imports.max-queued-per-organization} imports queued or running (429 beyond). Data rows are
 * numbered from 1: in CSV the header is row 0, in JSON row n is the n-th element of the array.
 */
@Service
public class ImportService {
    static final int BATCH_SIZE = 500;

    /** Parts go through COPY, whose cost per batch is nearly fixed: larger batches, progress still visible. */
    static final int PART_BATCH_SIZE = 10_000;

    /** This run of the application; jobs it did not start and finds RUNNING at start-up were interrupted. */
    static final UUID RUNNER = Ids.newId();

    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** One element of an array read off a streaming parser: the rest of the array follows it. */
    private static final ObjectReader ELEMENT =
            JSON.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final CSVFormat CSV = CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .get();

    public enum Kind {
        CATEGORIES("categories", List.of("code", "name", "parent_code"), "code", "name"),
        PARTS(
                "parts",
                List.of("part_number", "name", "kind", "unit_of_measure", "unit_cost"),
                "part_number",
                "name",
                "kind",
                "unit_of_measure",
                "unit_cost"),
        PRODUCTS("products", List.of("sku", "name"), "sku", "name"),
        VARIANTS(
                "variants",
                List.of("product_sku", "code", "sku", "name", "attributes", "price", "cost_price", "status"),
                "product_sku",
                "name"),
        BOM_LINES(
                "bom-lines",
                List.of("parent_sku", "component_number", "quantity", "waste_factor"),
                "parent_sku",
                "component_number",
                "quantity",
                "waste_factor");

        private final String path;
        private final List<String> columns;
        private final List<String> required;

        Kind(String path, List<String> columns, String... required) {
            this.path = path;
            this.columns = columns;
            this.required = List.of(required);
        }

        public String path() {
            return path;
        }

        /** Every column the import reads, in the export's order. */
        public List<String> columns() {
            return columns;
        }

        /** The columns a CSV header must have. */
        public List<String> required() {
            return required;
        }

        public static Optional<Kind> byPath(String path) {
            return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
        }
    }

    public enum Format {
        CSV,
        JSON
    }

    public record RowError(int row, String field, String message) {}

    /** {@code errors} holds the first {@link ImportErrors#CAP} of {@code errorCount} errors. */
    public record Job(
            UUID id,
            String kind,
            String format,
            String status,
            int totalRows,
            int processedRows,
            int failedRows,
            int errorCount,
            String errors,
            Instant createdAt,
            Instant finishedAt) {}

    /** The db-scheduler task that processes one queued job; its instance id is the job's id. */
    static final TaskDescriptor<Order> TASK = TaskDescriptor.of("catalog-import", Order.class);

    /** What a worker needs to take a queued job: who imports, and which job. */
    record Order(UUID orgId, UUID actorId, Tenant.ActorKind actorKind, UUID jobId) implements Serializable {
        Tenant importer() {
            return new Tenant(orgId, actorId, actorKind);
        }
    }

    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate requests;
    private final TransactionTemplate transactions;
    private final BomDrafts bomDrafts;
    private final PartCopies partCopies;
    private final VariantService variants;
    private final ImportFiles files;
    private final TransactionalScheduler scheduler;
    private final int maxUnfinished;

    ImportService(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            BomDrafts bomDrafts,
            PartCopies partCopies,
            VariantService variants,
            ImportFiles files,
            TransactionalScheduler scheduler,
            @Value("${traveler.imports.max-queued-per-organization:4}") int maxUnfinished,
            @Value("${traveler.jobs.statement-timeout:5m}") Duration jobStatementTimeout) {
        this.jdbc = jdbc;
        this.requests = new TransactionTemplate(transactionManager);
        // the worker's transactions (a batch each) get the longer budget of background work
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setTimeout((int) Math.max(1, jobStatementTimeout.toSeconds()));
        this.bomDrafts = bomDrafts;
        this.partCopies = partCopies;
        this.variants = variants;
        this.files = files;
        this.scheduler = scheduler;
        this.maxUnfinished = maxUnfinished;
    }

    /**
     * Copies the body to a file (413 beyond the import limit, nothing stored), then stores the job QUEUED and
     * schedules its execution in one transaction. 429 when the organization already has as many imports queued or
     * running as it may: checked before the upload is read, and again under the organization's lock.
     */
    public UUID start(Kind kind, Format format, InputStream content, boolean activate) {
        requests.executeWithoutResult(s -> requireRoomForAnother());
        String file = files.store(content);
        try {
            return requests.execute(s -> enqueue(kind, format, file, activate));
        } catch (RuntimeException e) {
            files.delete(file);
            throw e;
        }
    }

    private UUID enqueue(Kind kind, Format format, String file, boolean activate) {
        Tenant importer = TenantContext.current();
        jdbc.sql("select pg_advisory_xact_lock(hashtext('catalog.import_jobs'), hashtext(:org))")
                .param("org", importer.orgId().toString())
                .query(Object.class)
                .single();
        requireRoomForAnother();
        UUID id = Ids.newId();
        jdbc.sql("""
                        insert into catalog.import_jobs (org_id, id, kind, format, status, activate, file, created_by,
                                                         created_at, updated_at)
                        values (:org, :id, :kind, :format, 'QUEUED', :activate, :file, :by, now(), now())
                        """)
                .param("org", importer.orgId())
                .param("id", id)
                .param("kind", kind.path())
                .param("format", format.name().toLowerCase())
                .param("activate", activate)
                .param("file", file)
                .param("by", importer.actorId())
                .update();
        scheduler.schedule(TASK.instance(id.toString())
                .data(new Order(importer.orgId(), importer.actorId(), importer.actorKind(), id))
                .scheduledTo(Instant.now()));
        return id;
    }

    private void requireRoomForAnother() {
        int unfinished = jdbc.sql("select count(*) from catalog.import_jobs where status in ('QUEUED', 'RUNNING')")
                .query(Integer.class)
                .single();
        if (unfinished >= maxUnfinished) {
            throw TryLaterException.tooMany(
                    "Your organization already has " + unfinished + " imports queued or running, as many as it may ("
                            + maxUnfinished + "); start this one when one of them has finished",
                    RETRY_AFTER);
        }
    }

    /** A worker's turn: takes the job if it is still QUEUED (a re-delivered execution finds it taken or ended). */
    void run(Order order) {
        TenantContext.runAs(order.importer(), () -> {
            Optional<Claimed> claimed = transactions.execute(s -> jdbc.sql("""
                            update catalog.import_jobs
                               set status = 'RUNNING', runner = :runner, updated_at = now()
                             where id = :id and status = 'QUEUED'
                            returning kind, format, activate, file
                            """)
                    .param("runner", RUNNER)
                    .param("id", order.jobId())
                    .query(Claimed.class)
                    .optional());
            claimed.ifPresent(job -> process(
                    new Run(order.jobId(), new ImportErrors()),
                    Kind.byPath(job.kind()).orElseThrow(),
                    Format.valueOf(job.format().toUpperCase(Locale.ROOT)),
                    files.path(job.file()),
                    job.activate()));
        });
    }

    private record Claimed(String kind, String format, boolean activate, String file) {}

    @Transactional(readOnly = true)
    public Job job(UUID id) {
        return jdbc.sql("""
                        select id, kind, format, status, total_rows, processed_rows, failed_rows, error_count,
                               errors::text as errors, created_at, finished_at
                          from catalog.import_jobs where id = :id
                        """)
                .param("id", id)
                .query(Job.class)
                .optional()
                .orElseThrow(() -> NotFoundException.of("Import", id));
    }

    // --- the worker ------------------------------------------------------------------------------------------

    /** One job being processed: its id and the errors not yet stored. */
    private record Run(UUID jobId, ImportErrors errors) {}

    /** The job is no longer RUNNING (failed as interrupted by a start-up elsewhere); its worker stops. */
    private static final class JobGone extends RuntimeException {
        JobGone() {
            super(null, null, false, false);
        }
    }

    private void process(Run run, Kind kind, Format format, Path content, boolean activate) {
        try {
            List<ImportRow> rows = readRows(kind, format, content);
            transactions.executeWithoutResult(s -> jdbc.sql(
                            "update catalog.import_jobs set total_rows = :total, updated_at = now() where id = :id")
                    .param("total", rows.size())
                    .param("id", run.jobId())
                    .update());
            switch (kind) {
                case CATEGORIES -> importCategories(run, rows);
                case PARTS -> importParts(run, rows);
                case PRODUCTS -> importProducts(run, rows);
                case VARIANTS -> importVariants(run, rows);
                case BOM_LINES -> importBomLines(run, rows, activate);
            }
            finish(run, "COMPLETED", null);
        } catch (UnreadableFile e) {
            finish(run, "FAILED", new RowError(0, e.field, e.getMessage()));
        } catch (JobGone e) {
            LOG.warn("Import {} stopped: the job is no longer running", run.jobId());
        } catch (RuntimeException e) {
            LOG.error("Import {} failed", run.jobId(), e);
            finish(run, "FAILED", new RowError(0, null, "the import stopped unexpectedly"));
        }
    }

    private static final class UnreadableFile extends RuntimeException {
        private final String field;

        UnreadableFile(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    private static List<ImportRow> readRows(Kind kind, Format format, Path content) {
        return format == Format.JSON ? readJson(content) : readCsv(kind, content);
    }

    /** Read as UTF-8 from the file, a leading byte order mark skipped. */
    private static List<ImportRow> readCsv(Kind kind, Path content) {
        try (Reader reader = Files.newBufferedReader(content, StandardCharsets.UTF_8);
                CSVParser parser = CSV.parse(withoutByteOrderMark(reader))) {
            for (String column : kind.required()) {
                if (!parser.getHeaderNames().contains(column)) {
                    throw new UnreadableFile(column, "the header has no column " + column);
                }
            }
            return parser.stream().<ImportRow>map(ImportRow.Csv::new).toList();
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new UnreadableFile(null, "the file is not readable CSV: " + e.getMessage());
        }
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first >= 0 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    /** The array's elements one by one off the file (Jackson's streaming parser), never the whole text at once. */
    private static List<ImportRow> readJson(Path content) {
        try (JsonParser parser = JSON.createParser(content.toFile())) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new UnreadableFile(null, "the body is not a JSON array of objects");
            }
            List<ImportRow> rows = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                rows.add(new ImportRow.Json(ELEMENT.readValue(parser)));
            }
            if (parser.nextToken() != null) {
                throw new UnreadableFile(null, "the body is not readable JSON: more follows the array");
            }
            return rows;
        } catch (JacksonException e) {
            throw new UnreadableFile(null, "the body is not readable JSON: " + e.getOriginalMessage());
        }
    }

    /** Ends the job; the first error of a failed file is stored whatever the cap. */
    private void finish(Run run, String status, RowError fatal) {
        var pending = run.errors().drain();
        List<RowError> errors = new ArrayList<>(pending.kept());
        if (fatal != null) {
            errors.add(fatal);
        }
        transactions.executeWithoutResult(s -> jdbc.sql("""
                        update catalog.import_jobs
                           set status = :status, errors = errors || cast(:errors as jsonb),
                               error_count = error_count + :errorCount, failed_rows = failed_rows + :failed,
                               updated_at = now(), finished_at = now()
                         where id = :id and status = 'RUNNING'
                        """)
                .param("status", status)
                .param("errors", JSON.writeValueAsString(errors))
                .param("errorCount", pending.errorCount() + (fatal == null ? 0 : 1))
                .param("failed", pending.failedRows())
                .param("id", run.jobId())
                .update());
    }

    /** Adds {@code processed} rows and the errors found since the last call; in the caller's transaction. */
    private void recordProgress(Run run, int processed) {
        var pending = run.errors().drain();
        int updated = jdbc.sql("""
                        update catalog.import_jobs
                           set processed_rows = processed_rows + :processed, failed_rows = failed_rows + :failed,
                               error_count = error_count + :errorCount, errors = errors || cast(:errors as jsonb),
                               updated_at = now()
                         where id = :id and status = 'RUNNING'
                        """)
                .param("processed", processed)
                .param("failed", pending.failedRows())
                .param("errorCount", pending.errorCount())
                .param("errors", JSON.writeValueAsString(pending.kept()))
                .param("id", run.jobId())
                .update();
        if (updated == 0) {
            throw new JobGone();
        }
    }

    // --- categories ------------------------------------------------------------------------------------------

    private record CategoryRow(int row, String code, String name, String parentCode) {}

    private record Existing(UUID id, String parentCode) {}

    /**
     * Parents may come later in the file than their children. Rows are checked in full first: a parent must be a
     * category of the organization or a valid row of the file, and no row may make a category its own ancestor
     * (rows on a loop fail, and with them rows that only had such a parent). The rest is written parents first.
     */
    private void importCategories(Run run, List<ImportRow> rows) {
        Map<String, CategoryRow> byCode = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            var row = new RowCheck(i + 1, rows.get(i), run.errors());
            String code = row.text("code", 50);
            if (code != null && !code.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,49}")) {
                row.reject("code", "may hold letters, digits, '.', '_' and '-', starting with a letter or digit");
            }
            String name = row.text("name", 200);
            String parent = row.optionalText("parent_code", 50);
            if (parent != null && parent.equals(code)) {
                row.reject("parent_code", "is the category itself");
            }
            if (row.valid()) {
                byCode.put(code, new CategoryRow(i + 1, code, name, parent));
            }
        }
        Map<String, Existing> existing = existingCategories();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (CategoryRow row : List.copyOf(byCode.values())) {
                String parent = row.parentCode();
                if (parent != null && !byCode.containsKey(parent) && !existing.containsKey(parent)) {
                    fail(run, byCode, row, "is not the code of a category of this organization or of a valid row");
                    changed = true;
                } else if (onLoop(row.code(), byCode, existing)) {
                    fail(run, byCode, row, "would make the category its own ancestor");
                    changed = true;
                }
            }
        }
        List<CategoryRow> ordered = byCode.values().stream()
                .sorted((a, b) -> Integer.compare(depth(a.code(), byCode, existing), depth(b.code(), byCode, existing)))
                .toList();
        Map<String, UUID> ids = new LinkedHashMap<>();
        existing.forEach((code, e) -> ids.put(code, e.id()));
        ordered.forEach(r -> ids.computeIfAbsent(r.code(), c -> Ids.newId()));
        int written = ordered.size();
        transactions.executeWithoutResult(s -> recordProgress(run, rows.size() - written));
        for (int start = 0; start < written; start += BATCH_SIZE) {
            List<CategoryRow> batch = ordered.subList(start, Math.min(written, start + BATCH_SIZE));
            transactions.executeWithoutResult(s -> {
                upsertCategories(batch, ids);
                recordProgress(run, batch.size());
            });
        }
    }

    private static void fail(Run run, Map<String, CategoryRow> byCode, CategoryRow row, String message) {
        byCode.remove(row.code());
        run.errors().add(new RowError(row.row(), "parent_code", message), true);
    }

    private static String parentOf(String code, Map<String, CategoryRow> byCode, Map<String, Existing> existing) {
        CategoryRow row = byCode.get(code);
        if (row != null) {
            return row.parentCode();
        }
        Existing stored = existing.get(code);
        return stored == null ? null : stored.parentCode();
    }

    /** Whether walking up from the category's parent, as the file would leave the tree, comes back to it. */
    private static boolean onLoop(String code, Map<String, CategoryRow> byCode, Map<String, Existing> existing) {
        var seen = new HashSet<String>();
        for (String at = parentOf(code, byCode, existing); at != null; at = parentOf(at, byCode, existing)) {
            if (at.equals(code)) {
                return true;
            }
            if (!seen.add(at)) {
                return false;
            }
        }
        return false;
    }

    private static int depth(String code, Map<String, CategoryRow> byCode, Map<String, Existing> existing) {
        int depth = 0;
        for (String at = parentOf(code, byCode, existing);
                at != null && depth <= byCode.size() + existing.size();
                at = parentOf(at, byCode, existing)) {
            depth++;
        }
        return depth;
    }

    private Map<String, Existing> existingCategories() {
        Map<String, Existing> existing = new LinkedHashMap<>();
        transactions.executeWithoutResult(s -> jdbc.sql("""
                        select c.code, c.id, p.code as parent_code
                          from catalog.categories c left join catalog.categories p on p.id = c.parent_id
                        """).query(rs -> {
            existing.put(rs.getString(1), new Existing(rs.getObject(2, UUID.class), rs.getString(3)));
        }));
        return existing;
    }

    /** A known code is updated (name and parent), a new one inserted; parents come in this or an earlier batch. */
    private void upsertCategories(List<CategoryRow> rows, Map<String, UUID> ids) {
        jdbc.sql("""
                        insert into catalog.categories (org_id, id, code, name, parent_id, created_at, updated_at)
                        select cast(current_setting('app.org_id') as uuid), r.id, r.code, r.name, r.parent_id,
                               now(), now()
                          from unnest(cast(:ids as uuid[]), :codes, :names, cast(:parents as uuid[]))
                               as r(id, code, name, parent_id)
                        on conflict (org_id, code) do update
                           set name = excluded.name, parent_id = excluded.parent_id, updated_at = excluded.updated_at,
                               version = catalog.categories.version + 1
                         where (catalog.categories.name, catalog.categories.parent_id)
                               is distinct from (excluded.name, excluded.parent_id)
                        """)
                .param("ids", textArray(rows.stream().map(r -> ids.get(r.code()).toString())))
                .param("codes", textArray(rows.stream().map(CategoryRow::code)))
                .param("names", textArray(rows.stream().map(CategoryRow::name)))
                .param(
                        "parents",
                        textArray(rows.stream()
                                .map(r -> r.parentCode() == null
                                        ? null
                                        : ids.get(r.parentCode()).toString())))
                .update();
    }

    // --- parts -----------------------------------------------------------------------------------------------

    /**
     * Parts are checked row by row and written {@link #PART_BATCH_SIZE} at a time through {@link PartCopies} (COPY
     * into a temporary table, one upsert from it), each batch one transaction that also records the progress.
     */
    private void importParts(Run run, List<ImportRow> rows) {
        for (int start = 0; start < rows.size(); start += PART_BATCH_SIZE) {
            Map<String, PartCopies.PartRow> valid = new LinkedHashMap<>();
            int end = Math.min(rows.size(), start + PART_BATCH_SIZE);
            for (int i = start; i < end; i++) {
                var row = new RowCheck(i + 1, rows.get(i), run.errors());
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
            int processed = end - start;
            transactions.executeWithoutResult(s -> {
                partCopies.upsert(batch);
                recordProgress(run, processed);
            });
        }
    }

    // --- products --------------------------------------------------------------------------------------------

    private record ProductRow(String sku, String name) {}

    private void importProducts(Run run, List<ImportRow> rows) {
        for (int start = 0; start < rows.size(); start += BATCH_SIZE) {
            Map<String, ProductRow> valid = new LinkedHashMap<>();
            int end = Math.min(rows.size(), start + BATCH_SIZE);
            for (int i = start; i < end; i++) {
                var row = new RowCheck(i + 1, rows.get(i), run.errors());
                String sku = row.text("sku", 100);
                String name = row.text("name", 200);
                if (row.valid()) {
                    valid.put(sku, new ProductRow(sku, name));
                }
            }
            List<ProductRow> batch = List.copyOf(valid.values());
            int processed = end - start;
            transactions.executeWithoutResult(s -> {
                upsertProducts(batch);
                recordProgress(run, processed);
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

    // --- variants --------------------------------------------------------------------------------------------

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
    private void importVariants(Run run, List<ImportRow> rows) {
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
            var row = new RowCheck(i + 1, rows.get(i), run.errors());
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
        transactions.executeWithoutResult(s -> recordProgress(run, rows.size() - valid.size()));
        for (int start = 0; start < valid.size(); start += BATCH_SIZE) {
            List<VariantRow> batch = valid.subList(start, Math.min(valid.size(), start + BATCH_SIZE));
            transactions.executeWithoutResult(s -> {
                upsertVariants(batch);
                recordProgress(run, batch.size());
            });
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
                         where code = any(:codes) or sku = any(:skus)
                        """)
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
        return new HashSet<>(jdbc.sql("select code from catalog.variants where code = any(:codes)")
                .param("codes", textArray(candidates.stream()))
                .query(String.class)
                .list());
    }

    private static String plain(BigDecimal number) {
        return number == null ? null : number.toPlainString();
    }

    // --- BOM lines -------------------------------------------------------------------------------------------

    private record LineRow(int row, BomLines.Line line) {}

    /**
     * The valid lines of each parent become one new version of its BOM, a DRAFT or with {@code activate} the ACTIVE
     * one, under the rules {@link BomService} applies to one (components, the line cap, cycles, audit). The parents
     * are written in set-based batches through {@link BomDrafts}, one transaction each, judged in file order; a
     * parent refused as a whole fails all of its rows.
     */
    private void importBomLines(Run run, List<ImportRow> rows, boolean activate) {
        Map<String, UUID> products = idsByKey("products", "sku", rows, "parent_sku", "component_number");
        Map<String, UUID> parts = idsByKey("parts", "part_number", rows, "component_number");
        Map<UUID, List<LineRow>> byParent = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            var row = new RowCheck(i + 1, rows.get(i), run.errors());
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
        transactions.executeWithoutResult(s -> recordProgress(run, rows.size() - drafted));
        List<Map.Entry<UUID, List<LineRow>>> parents = List.copyOf(byParent.entrySet());
        int from = 0;
        while (from < parents.size()) {
            int to = from;
            int lines = 0;
            while (to < parents.size()
                    && (to == from || lines + parents.get(to).getValue().size() <= BATCH_SIZE)) {
                lines += parents.get(to++).getValue().size();
            }
            draftAll(run, parents.subList(from, to), activate);
            from = to;
        }
    }

    /** One transaction: the batch's parents drafted together, refusals recorded against their rows. */
    private void draftAll(Run run, List<Map.Entry<UUID, List<LineRow>>> batch, boolean activate) {
        var drafts = batch.stream()
                .map(e -> new BomDrafts.Draft(
                        e.getKey(), e.getValue().stream().map(LineRow::line).toList()))
                .toList();
        int lines = batch.stream().mapToInt(e -> e.getValue().size()).sum();
        transactions.executeWithoutResult(s -> {
            var refused = bomDrafts.create(drafts, "Imported by job " + run.jobId(), activate);
            batch.forEach(e -> Optional.ofNullable(refused.get(e.getKey()))
                    .ifPresent(refusal -> e.getValue().forEach(l -> run.errors()
                            .add(new RowError(l.row(), "component_number", refusal.getMessage()), true))));
            recordProgress(run, lines);
        });
    }

    /** Ids of the rows of {@code table} named in the given columns of the file, by their key. */
    private Map<String, UUID> idsByKey(String table, String key, List<ImportRow> rows, String... columns) {
        List<String> named = rows.stream()
                .flatMap(r -> Arrays.stream(columns).map(r::value))
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
