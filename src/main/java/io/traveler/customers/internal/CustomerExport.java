package io.traveler.customers.internal;

import io.traveler.shared.CsvCells;
import io.traveler.shared.SearchWords;
import io.traveler.shared.jobs.JobContext;
import io.traveler.shared.jobs.JobHandler;
import io.traveler.shared.tenancy.TenantContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customers the filters ({@code q}, {@code status}) select, ordered by code, as CSV or XLSX with the import's
 * columns; written while the query streams (XLSX through POI's streaming workbook, which keeps 100 rows in memory).
 * Seen and started with {@code customers:read}. Cells a spreadsheet would run as a formula are escaped in CSV; XLSX
 * cells are written as text, which a spreadsheet never runs.
 */
@Component
class CustomerExport implements JobHandler {
    private static final int FETCH_SIZE = 1000;
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final JdbcClient jdbc;

    CustomerExport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return CustomerTransfers.EXPORT_JOB;
    }

    @Override
    public String label() {
        return "Export of customers";
    }

    @Override
    public String readPermission() {
        return "customers:read";
    }

    @Override
    public String startPermission() {
        return "customers:read";
    }

    @Override
    public Map<String, Object> run(JobContext job) {
        Selection selection = new Selection(job.parameter("q"), job.parameter("status"));
        long count = job.inTransaction(() -> selection
                .apply(jdbc.sql("select count(*) from customers.customers c where " + selection.where()))
                .query(Long.class)
                .single());
        job.total(count);
        job.stopIfCancelled();
        boolean xlsx = "xlsx".equals(job.parameter("format"));
        Path file = job.resultFile(xlsx ? XLSX : "text/csv;charset=UTF-8");
        long written = xlsx ? writeXlsx(job, selection, file) : writeCsv(job, selection, file);
        job.progress(written);
        return Map.of("rows", written, "format", xlsx ? "xlsx" : "csv");
    }

    /** The filters as SQL: every word of q in the code, name or e-mail address; the status. */
    private record Selection(String q, String status) {
        String where() {
            StringBuilder where = new StringBuilder("c.org_id = :org");
            List<String> words = SearchWords.of(q);
            for (int i = 0; i < words.size(); i++) {
                where.append(" and (c.code ilike :w%1$d or c.name ilike :w%1$d or c.email ilike :w%1$d)".formatted(i));
            }
            if (status != null) {
                where.append(" and c.status = :status");
            }
            return where.toString();
        }

        JdbcClient.StatementSpec apply(JdbcClient.StatementSpec spec) {
            spec = spec.param("org", TenantContext.requireOrgId());
            List<String> words = SearchWords.of(q);
            for (int i = 0; i < words.size(); i++) {
                spec = spec.param("w" + i, SearchWords.containing(words.get(i)));
            }
            return status == null ? spec : spec.param("status", status);
        }
    }

    private interface RowSink {
        void row(List<String> cells) throws IOException;
    }

    private long each(Selection selection, RowSink sink) {
        long[] rows = {0};
        selection
                .apply(jdbc.sql("""
                        select c.code, c.name, c.email, c.phone, c.status, array_to_string(c.tags, ';'),
                               c.payment_terms::text, c.credit_limit::text, c.tax_exempt::text, c.external_id,
                               c.billing_address::text, c.shipping_address::text
                          from customers.customers c
                         where %s
                         order by c.code
                        """.formatted(selection.where())))
                .withFetchSize(FETCH_SIZE)
                .query((ResultSet rs) -> {
                    try {
                        sink.row(cells(rs));
                        rows[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        return rows[0];
    }

    private static List<String> cells(ResultSet rs) throws SQLException {
        List<String> cells = new ArrayList<>(CustomerTransfers.COLUMNS.size());
        for (int c = 1; c <= CustomerTransfers.COLUMNS.size(); c++) {
            cells.add(rs.getString(c));
        }
        return cells;
    }

    private long writeCsv(JobContext job, Selection selection, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter printer = CSVFormat.DEFAULT
                        .builder()
                        .setHeader(CustomerTransfers.COLUMNS.toArray(String[]::new))
                        .get()
                        .print(out)) {
            return job.inTransaction(() -> each(selection, cells -> {
                for (String cell : cells) {
                    printer.print(CsvCells.escape(cell));
                }
                printer.println();
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long writeXlsx(JobContext job, Selection selection, Path file) {
        var workbook = new SXSSFWorkbook(100);
        try (OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Customers");
            Row header = sheet.createRow(0);
            for (int c = 0; c < CustomerTransfers.COLUMNS.size(); c++) {
                header.createCell(c).setCellValue(CustomerTransfers.COLUMNS.get(c));
            }
            int[] next = {1};
            long rows = job.inTransaction(() -> each(selection, cells -> {
                Row row = sheet.createRow(next[0]++);
                for (int c = 0; c < cells.size(); c++) {
                    if (cells.get(c) != null) {
                        Cell cell = row.createCell(c);
                        cell.setCellValue(cells.get(c));
                    }
                }
            }));
            workbook.write(out);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                workbook.close();
            } catch (IOException ignored) {
                // the temporary files are gone with the workbook's disposal either way
            }
            workbook.dispose();
        }
    }
}
