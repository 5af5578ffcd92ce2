package io.traveler.inventory.internal;

import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.tenancy.TenantContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stock and the ledger as XLSX workbooks, written with Apache POI's streaming SXSSF: rows are read from the
 * database with a fetch size and only {@value #WINDOW} of them are in memory at a time (the rest are flushed to a
 * temporary file that closing the workbook deletes). Text cells are strings, never formulas, so a part name beginning
 * with {@code =} stays text. A sheet stops at Excel's limit of rows; a last row then says so.
 */
@Service
public class StockExport {
    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final int WINDOW = 200;
    private static final int FETCH_SIZE = 1_000;
    /** Excel's rows per sheet, less the header and the note that the sheet was cut. */
    static final int MAX_ROWS = 1_048_576 - 2;

    private static final List<String> STOCK_COLUMNS = List.of(
            "Part number",
            "Part name",
            "Unit",
            "Location",
            "Location name",
            "Lot",
            "Received",
            "Expires",
            "Supplier",
            "On hand",
            "Reserved",
            "Available",
            "Unit cost",
            "Value");

    private static final List<String> MOVEMENT_COLUMNS = List.of(
            "Seq",
            "At",
            "Kind",
            "Part number",
            "Lot",
            "From",
            "To",
            "Quantity",
            "Unit cost",
            "Reason",
            "Reference type",
            "Reference id",
            "Actor id");

    /** Where the workbook goes, opened only once every refusal is past (then the response is the file's). */
    public interface Sink {
        OutputStream open() throws IOException;
    }

    private final JdbcClient jdbc;

    StockExport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every balance on hand, per part, location and lot, valued as the organization values its stock. */
    @Transactional(readOnly = true)
    public void stock(Sink out) {
        stock(out, MAX_ROWS);
    }

    /** The rows read from the database: one past the cap at most, to know the sheet was cut. */
    @Transactional(readOnly = true)
    int stock(Sink out, int maxRows) {
        return write(out, "Stock", STOCK_COLUMNS, maxRows, (sheet, styles) -> jdbc.sql("""
                        select p.part_number, p.name as part_name, p.unit_of_measure, loc.code, loc.name as location_name,
                               l.lot_number, l.received_at, l.expires_on, s.name as supplier_name, b.on_hand,
                               b.reserved, l.unit_cost, """ + StockViews.VALUE + """
                         as value
                          from inventory.balances b
                          join inventory.lots l on l.org_id = b.org_id and l.id = b.lot_id
                          join catalog.parts p on p.org_id = b.org_id and p.id = b.part_id
                          join accounts.locations loc on loc.org_id = b.org_id and loc.id = b.location_id
                          left join inventory.part_stock ps on ps.org_id = b.org_id and ps.part_id = b.part_id
                          left join inventory.suppliers s on s.org_id = l.org_id and s.id = l.supplier_id
                         where b.org_id = :org and b.on_hand > 0
                         order by p.part_number, loc.code, l.received_at, l.id
                         limit :rows
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("rows", maxRows + 1)
                .withFetchSize(FETCH_SIZE)
                .query(rs -> {
                    Row row = sheet.next();
                    if (row == null) {
                        return;
                    }
                    BigDecimal onHand = rs.getBigDecimal("on_hand");
                    BigDecimal reserved = rs.getBigDecimal("reserved");
                    text(row, 0, rs.getString("part_number"));
                    text(row, 1, rs.getString("part_name"));
                    text(row, 2, rs.getString("unit_of_measure"));
                    text(row, 3, rs.getString("code"));
                    text(row, 4, rs.getString("location_name"));
                    text(row, 5, rs.getString("lot_number"));
                    time(row, 6, rs.getTimestamp("received_at"), styles.time());
                    date(row, 7, rs.getObject("expires_on", LocalDate.class), styles.date());
                    text(row, 8, rs.getString("supplier_name"));
                    number(row, 9, onHand, styles.quantity());
                    number(row, 10, reserved, styles.quantity());
                    number(row, 11, onHand.subtract(reserved), styles.quantity());
                    number(row, 12, rs.getBigDecimal("unit_cost"), styles.money());
                    number(row, 13, rs.getBigDecimal("value"), styles.money());
                }));
    }

    /** The ledger, newest first: of one part when named (another organization's part is not found). */
    @Transactional(readOnly = true)
    public void movements(UUID partId, Sink out) {
        UUID org = TenantContext.requireOrgId();
        if (partId != null
                && jdbc.sql("select count(*) from catalog.parts where org_id = :org and id = :part")
                                .param("org", org)
                                .param("part", partId)
                                .query(Long.class)
                                .single()
                        == 0) {
            throw NotFoundException.of("Part", partId);
        }
        write(out, "Ledger", MOVEMENT_COLUMNS, MAX_ROWS, (sheet, styles) -> jdbc.sql(StockViews.MOVEMENTS + """
                         where m.org_id = :org and (cast(:part as uuid) is null or m.part_id = :part)
                         order by m.seq desc
                         limit :rows
                        """)
                .param("org", org)
                .param("rows", MAX_ROWS + 1)
                .param("part", partId)
                .withFetchSize(FETCH_SIZE)
                .query(rs -> {
                    Row row = sheet.next();
                    if (row == null) {
                        return;
                    }
                    row.createCell(0).setCellValue(rs.getLong("seq"));
                    time(row, 1, rs.getTimestamp("at"), styles.time());
                    text(row, 2, rs.getString("kind"));
                    text(row, 3, rs.getString("part_number"));
                    text(row, 4, rs.getString("lot_number"));
                    text(row, 5, rs.getString("from_code"));
                    text(row, 6, rs.getString("to_code"));
                    number(row, 7, rs.getBigDecimal("quantity"), styles.quantity());
                    number(row, 8, rs.getBigDecimal("unit_cost"), styles.money());
                    text(row, 9, rs.getString("reason"));
                    text(row, 10, rs.getString("reference_type"));
                    text(row, 11, uuid(rs, "reference_id"));
                    text(row, 12, uuid(rs, "actor_id"));
                }));
    }

    private record Styles(CellStyle header, CellStyle quantity, CellStyle money, CellStyle time, CellStyle date) {}

    private interface Rows {
        void write(Rows.Sheet sheet, Styles styles);

        /** Counts its rows itself: SXSSF's own last row number forgets the rows it has flushed. */
        final class Sheet {
            private final SXSSFSheet sheet;
            private final int maxRows;
            private int rows = 1;
            private int read;

            Sheet(SXSSFSheet sheet, int maxRows) {
                this.sheet = sheet;
                this.maxRows = maxRows;
            }

            /** The next data row, or null past the limit. */
            Row next() {
                read++;
                if (rows > maxRows) {
                    rows = maxRows + 2;
                    return null;
                }
                return sheet.createRow(rows++);
            }

            boolean cut() {
                return rows > maxRows + 1;
            }
        }
    }

    private static int write(Sink sink, String name, List<String> columns, int maxRows, Rows rows) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW)) {
            workbook.setCompressTempFiles(true);
            Styles styles = styles(workbook);
            SXSSFSheet sheet = workbook.createSheet(name);
            sheet.createFreezePane(0, 1);
            Row header = sheet.createRow(0);
            for (int c = 0; c < columns.size(); c++) {
                Cell cell = header.createCell(c);
                cell.setCellValue(columns.get(c));
                cell.setCellStyle(styles.header());
                sheet.setColumnWidth(c, 16 * 256);
            }
            Rows.Sheet data = new Rows.Sheet(sheet, maxRows);
            rows.write(data, styles);
            if (data.cut()) {
                sheet.createRow(maxRows + 1)
                        .createCell(0)
                        .setCellValue("Cut at " + maxRows + " rows (the most a sheet holds); export one part's ledger");
            }
            OutputStream out = sink.open();
            workbook.write(out);
            out.flush();
            return data.read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Styles styles(SXSSFWorkbook workbook) {
        var formats = workbook.createDataFormat();
        CellStyle header = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        header.setFont(bold);
        CellStyle quantity = workbook.createCellStyle();
        quantity.setDataFormat(formats.getFormat("General"));
        CellStyle money = workbook.createCellStyle();
        money.setDataFormat(formats.getFormat("#,##0.00####"));
        CellStyle time = workbook.createCellStyle();
        time.setDataFormat(formats.getFormat("yyyy-mm-dd hh:mm:ss"));
        CellStyle date = workbook.createCellStyle();
        date.setDataFormat(formats.getFormat("yyyy-mm-dd"));
        return new Styles(header, quantity, money, time, date);
    }

    private static void text(Row row, int column, String value) {
        if (value != null) {
            row.createCell(column).setCellValue(value);
        }
    }

    private static void number(Row row, int column, BigDecimal value, CellStyle style) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(style);
        }
    }

    /** Times in UTC, as the API gives them. */
    private static void time(Row row, int column, Timestamp value, CellStyle style) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDateTime());
            cell.setCellStyle(style);
        }
    }

    private static void date(Row row, int column, LocalDate value, CellStyle style) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value);
            cell.setCellStyle(style);
        }
    }

    private static String uuid(ResultSet rs, String column) throws SQLException {
        UUID id = rs.getObject(column, UUID.class);
        return id == null ? null : id.toString();
    }
}
