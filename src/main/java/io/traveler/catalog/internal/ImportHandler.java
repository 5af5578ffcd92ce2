package io.traveler.catalog.internal;

import io.traveler.shared.jobs.JobContext;
import io.traveler.shared.jobs.JobHandler;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the catalog's imports share as {@link JobHandler}s of the job runner: the kind ({@code catalog.<path>-import}),
 * seeing them with {@code catalog:read} and starting them with {@code catalog:manage}, reading the job's file
 * ({@link ImportReader}, at most {@code traveler.imports.max-rows} rows) and looking up keys the file names. Data rows
 * are numbered from 1: in CSV the header is row 0, in JSON row n is the n-th element of the array. Every bad field of
 * a row is reported; a row with any error is stored nowhere.
 */
abstract class ImportHandler implements JobHandler {
    static final int BATCH_SIZE = 500;

    protected final JdbcClient jdbc;
    /** The budget of background work, for the handler's own reads and writes. */
    protected final TransactionTemplate transactions;

    private final ImportService.Kind importKind;
    private final long maxRows;

    ImportHandler(ImportService.Kind importKind, Imports imports) {
        this.importKind = importKind;
        this.jdbc = imports.jdbc();
        this.transactions = new TransactionTemplate(imports.transactionManager());
        this.transactions.setTimeout(
                (int) Math.max(1, imports.statementTimeout().toSeconds()));
        this.maxRows = imports.maxRows();
    }

    /** What every import handler is built from. */
    record Imports(
            JdbcClient jdbc, PlatformTransactionManager transactionManager, Duration statementTimeout, long maxRows) {}

    static String kindOf(ImportService.Kind kind) {
        return "catalog." + kind.path() + "-import";
    }

    @Override
    public String kind() {
        return kindOf(importKind);
    }

    @Override
    public String label() {
        return "Import of " + importKind.path();
    }

    @Override
    public String readPermission() {
        return "catalog:read";
    }

    @Override
    public String startPermission() {
        return "catalog:manage";
    }

    @Override
    public Map<String, Object> run(JobContext job) {
        var format = ImportService.Format.valueOf(job.parameter("format").toUpperCase(Locale.ROOT));
        var input = new ImportReader(importKind, format, job.file(), maxRows);
        importFile(job, input);
        return Map.of();
    }

    /** Imports the file's rows, counting them as processed batch by batch. */
    abstract void importFile(JobContext job, ImportReader input);

    /** For kinds whose rows refer to each other: every row read first (the file's size is bounded), then counted. */
    static List<ImportRow> readAll(JobContext job, ImportReader input) {
        List<ImportRow> rows = input.readAll();
        job.total(rows.size());
        return rows;
    }

    /** Ids of the rows of {@code table} named in the given columns of the file, by their key. */
    protected final Map<String, UUID> idsByKey(String table, String key, List<ImportRow> rows, String... columns) {
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

    protected static SqlParameterValue textArray(Stream<String> values) {
        Object[] array = values.toArray();
        return new SqlParameterValue(Types.ARRAY, new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection con, int sqlType, String typeName) throws SQLException {
                return con.createArrayOf("text", array);
            }
        });
    }
}
